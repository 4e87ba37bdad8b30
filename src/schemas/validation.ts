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

const count = z.number().int().nonnegative();
/**
 * Phaser's own state after the run without input, read by L4 through references the harness
 * captured before the game's code ran (src/validate/runtime/page/probes.js); `input` says what
 * the scripted player changed (the replay against run 1, frame for frame), null without a replay.
 */
export const probesSchema = z.object({
  scenes_started: z.array(z.string()),
  active_scenes: z.array(z.string()),
  objects: z.record(z.string(), count),
  texts: count,
  texts_changed: count,
  bodies: count,
  static_bodies: count,
  gravity: z.object({ x: z.number(), y: z.number() }),
  colliders: count,
  overlaps: count,
  collisions_fired: count,
  overlaps_fired: count,
  camera_follow: z.string().nullable(),
  time_events: count,
  looping_time_events: count,
  tweens: count,
  keys: z.array(z.number().int()),
  keyboard_events: z.array(z.string()),
  pointer_events: z.array(z.string()),
  interactive_objects: count,
  interactive_with_pointer: count,
  input: z
    .object({
      /** Checkpoints compared after the first input. */
      compared: count,
      positions: z.boolean(),
      texts: z.boolean(),
      scenes: z.boolean(),
      /** Scenes the replay started that run 1 did not; collisions/overlaps fired in the replay. */
      scenes_started: z.array(z.string()),
      collisions_fired: count,
      overlaps_fired: count,
      texts_changed: count,
    })
    .nullable(),
});
export type Probes = z.infer<typeof probesSchema>;

export const runtimeSchema = z.object({
  frames: z.number().int().nonnegative(),
  fps: z.number().nonnegative(),
  errors: z.array(z.string()),
  blank: z.boolean(),
  animated: z.boolean(),
  responds_to_input: z.boolean(),
  /** Path of the screenshot PNG relative to the workspace, or null. */
  screenshot: z.string().nullable(),
  /** The first frame the scripted input changed, same folder (absent: input changed nothing, no replay ran, or a verdict from before the field). */
  screenshot_input: z.string().optional(),
  /** Phaser's own state (absent in records of L4 rules before version 5, and when the game never ran). */
  probes: probesSchema.nullable().optional(),
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
