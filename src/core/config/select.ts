import { z } from 'zod';

/** `select`: L5 quality score weights and diversity limits. */
export const selectSection = z
  .strictObject({
    per_prompt: z.number().int().positive().default(2),
    max_similarity: z.number().min(0).max(1).default(0.8),
    /** Weight of each score part; parts are in [0, 1]. */
    weights: z.record(z.string(), z.number()).default({}),
  })
  .prefault({});
