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
  })
  .prefault({});
