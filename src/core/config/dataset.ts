import { z } from 'zod';

/** `dataset`: the LLaMA-Factory SFT set. */
export const datasetSection = z
  .strictObject({
    format: z.enum(['alpaca', 'sharegpt']).default('alpaca'),
    split: z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().nonnegative()]).default([0.9, 0.05, 0.05]),
    seed: z.number().int().default(42),
    /** MinHash similarity at or above which two samples are near-duplicates. */
    near_dup_threshold: z.number().min(0).max(1).default(0.8),
  })
  .prefault({});
