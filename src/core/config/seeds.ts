import { z } from 'zod';

/** `seeds`: curated + generated prompt seeds and near-duplicate removal. */
export const seedsSection = z
  .strictObject({
    /** How many seeds the taxonomy generator adds to the curated set. */
    generated_count: z.number().int().nonnegative().default(200),
    /** Random seed of the generator (deterministic output for a given value). */
    random_seed: z.number().int().default(42),
    /** Jaccard similarity (character n-grams) at or above which two given (user or curated) prompts are near-duplicates. */
    near_dup_threshold: z.number().min(0).max(1).default(0.7),
    /** Generated seeds: character 4-gram Jaccard (same language) at or above which one duplicates any earlier seed. */
    generated_near_dup_threshold: z.number().min(0).max(1).default(0.6),
    /** Most seeds per concept (genre, mechanics, subject) that generated seeds may bring a concept to. */
    concept_cap: z.number().int().positive().default(3),
    /** Extra seeds file (JSONL) merged into the bundled ones. */
    input: z.string().optional(),
    /** `seeds expand`: a teacher writes new seeds for thin cells (prices from `teacher.prices`). */
    expand: z
      .strictObject({
        /** Cheap models by default: a seed is a few dozen tokens. */
        claude_model: z.string().default('claude-haiku-4-5'),
        openai_model: z.string().default('gpt-4.1-mini'),
        /** Seeds asked for per call. */
        per_call: z.number().int().positive().max(50).default(8),
        /** Output tokens expected per seed asked for (dry run and budget estimate). */
        expected_output_tokens_per_seed: z.number().int().positive().default(90),
        max_tokens: z.number().int().positive().default(2048),
        temperature: z.number().min(0).max(2).default(1),
        concurrency: z.number().int().positive().default(4),
        /** Stop starting calls once spend (this journal, all runs) would pass this (USD); unset = no cap. */
        max_cost_usd: z.number().positive().optional(),
        /** Recorded answers of the `replay` teacher (default: the bundled assets/seeds/expand_replay.jsonl). */
        replay_file: z.string().optional(),
      })
      .prefault({}),
  })
  .prefault({});
