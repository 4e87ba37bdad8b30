import { z } from 'zod';
import { candidateSchema } from './candidate.js';
import { validationSchema } from './validation.js';

/** A candidate with its validation (a line of `validated.jsonl`). */
export const validatedSchema = candidateSchema.extend(validationSchema.shape);
export type Validated = z.infer<typeof validatedSchema>;

/** A validated record chosen by L5 selection (DESIGN.md "selected"). */
export const selectedSchema = validatedSchema.extend({
  score: z.number(),
  score_parts: z.record(z.string(), z.number()),
  rank: z.number().int().positive(),
});
export type Selected = z.infer<typeof selectedSchema>;
