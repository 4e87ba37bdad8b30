import { z } from 'zod';
import { candidateSchema } from './candidate.js';
import { LEVEL_NAMES } from '../core/vocabulary.js';
import { validationSchema } from './validation.js';

/** One Phaser line's verdict on a game (`validate --phaser 3,4`). */
export const lineVerdictSchema = z.object({
  /** `incomplete`: a requested level could not run (L4 without a browser). */
  result: z.enum(['pass', 'fail', 'incomplete']),
  /** The first level that failed on this line, null when it passed. */
  failed_level: z.enum(LEVEL_NAMES).nullable(),
  /** That level's first error code (`api_v4_removed`, `uncaught_error`…), null when it passed. */
  code: z.string().nullable(),
  validator_version: z.string(),
});
export type LineVerdict = z.infer<typeof lineVerdictSchema>;

/** The game's verdict on each line it was checked against; a line not checked is absent. */
export const compatSchema = z.object({ '3': lineVerdictSchema.optional(), '4': lineVerdictSchema.optional() });
export type Compat = z.infer<typeof compatSchema>;

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
  /** With `validate --phaser 3,4`: the verdict on each line (the record's own verdict is its line's). */
  compat: compatSchema.optional(),
});
export type Validated = z.infer<typeof validatedSchema>;

/** A validated record chosen by L5 selection (DESIGN.md "selected"). */
export const selectedSchema = validatedSchema.extend({
  /** With `select --judge`: `fidelity` = (1 − weight) × heuristic + weight × judge (src/judge/blend.ts). */
  fidelity_parts: z
    .object({
      heuristic: z.number().min(0).max(1),
      judge: z.number().min(0).max(1).nullable(),
      text: z.number().min(0).max(1).optional(),
      vision: z.number().min(0).max(1).optional(),
      weight: z.number().min(0).max(1),
    })
    .optional(),
  /** With the text judge: its verdict on each checklist statement. */
  judge_checks: z.array(z.object({ statement: z.string(), verdict: z.enum(['yes', 'partly', 'no']), evidence: z.string() })).optional(),
  score: z.number(),
  score_parts: z.record(z.string(), z.number()),
  rank: z.number().int().positive(),
});
export type Selected = z.infer<typeof selectedSchema>;
