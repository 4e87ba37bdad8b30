import { z } from 'zod';

/** `seeds`: curated + generated prompt seeds and near-duplicate removal. */
export const seedsSection = z
  .strictObject({
    /** How many seeds the taxonomy generator adds to the curated set. */
    generated_count: z.number().int().nonnegative().default(200),
    /** Random seed of the generator (deterministic output for a given value). */
    random_seed: z.number().int().default(42),
    /** Jaccard similarity (character n-grams) at or above which two prompts are near-duplicates. */
    near_dup_threshold: z.number().min(0).max(1).default(0.7),
    /** Extra seeds file (JSONL) merged into the bundled ones. */
    input: z.string().optional(),
  })
  .prefault({});
