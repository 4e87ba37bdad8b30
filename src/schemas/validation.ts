import { z } from 'zod';
import { recordPhaserVersion } from './phaserVersion.js';
import { LEVEL_NAMES } from '../core/vocabulary.js';

export const issueSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  severity: z.enum(['error', 'warning', 'info']),
});
export type Issue = z.infer<typeof issueSchema>;

export const levelResultSchema = z.object({
  passed: z.boolean(),
  skipped: z.boolean(),
  issues: z.array(issueSchema),
});
export type LevelResult = z.infer<typeof levelResultSchema>;

export const runtimeSchema = z.object({
  frames: z.number().int().nonnegative(),
  fps: z.number().nonnegative(),
  errors: z.array(z.string()),
  blank: z.boolean(),
  animated: z.boolean(),
  responds_to_input: z.boolean(),
  /** Path of the screenshot PNG relative to the workspace, or null. */
  screenshot: z.string().nullable(),
});
export type Runtime = z.infer<typeof runtimeSchema>;

/** The verdict on one game, keyed by code hash + validator version (DESIGN.md "validation"). */
export const validationSchema = z.object({
  code_hash: z.string(),
  validator_version: z.string(),
  /** The Phaser line the game was checked against (declarations and runtime). */
  phaser_version: recordPhaserVersion,
  passed: z.boolean(),
  levels: z.object({
    L1: levelResultSchema.optional(),
    L2: levelResultSchema.optional(),
    L3: levelResultSchema.optional(),
    L4: levelResultSchema.optional(),
  }),
  runtime: runtimeSchema.nullable(),
  /** Requested levels that could not run for lack of means (L4 without a browser): not passed, not cached. */
  unavailable_levels: z.array(z.enum(LEVEL_NAMES)).optional(),
});
export type Validation = z.infer<typeof validationSchema>;
