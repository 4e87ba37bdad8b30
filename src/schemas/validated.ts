import { z } from 'zod';
import { candidateSchema } from './candidate.js';
import { validationSchema } from './validation.js';

/** One element the request asked for and the evidence found for it (null: missing). */
export const fidelityCheckSchema = z.object({
  element: z.string(),
  source: z.enum(['probe', 'code', 'api']).nullable(),
  evidence: z.string().nullable(),
  weight: z.number().min(0).max(1),
});
export type FidelityCheckRecord = z.infer<typeof fidelityCheckSchema>;

/** A candidate with its validation (a line of `validated.jsonl`). */
export const validatedSchema = candidateSchema.extend(validationSchema.shape).extend({
  /** How much of what the request asked for the game shows (src/validate/fidelity/), absent without a seed. */
  fidelity: z.number().min(0).max(1).optional(),
  fidelity_checks: z.array(fidelityCheckSchema).optional(),
  /** Requested controls the scripted player found unresponsive. */
  unresponsive_controls: z.array(z.string()).optional(),
});
export type Validated = z.infer<typeof validatedSchema>;

/** A validated record chosen by L5 selection (DESIGN.md "selected"). */
export const selectedSchema = validatedSchema.extend({
  score: z.number(),
  score_parts: z.record(z.string(), z.number()),
  rank: z.number().int().positive(),
});
export type Selected = z.infer<typeof selectedSchema>;
