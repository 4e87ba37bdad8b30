import { z } from 'zod';
import { difficultySchema, evalPromptSchema, fidelityCheckSchema, recordPhaserVersion, runtimeSchema, validationSchema } from '../schemas/index.js';
import type { RequestedGame } from '../validate/index.js';

/** A line of `prompts_eval.jsonl`: the contract's eval prompt plus where it came from. */
export const evalPromptRecordSchema = evalPromptSchema.extend({
  mechanics: z.array(z.string()).default([]),
  difficulty: difficultySchema.nullable().default(null),
  /** `seed` = a held-out seed as written; `template` = written for evaluation (OOD phrasings). */
  source: z.enum(['seed', 'template']).default('seed'),
  seed_id: z.string().nullable().default(null),
  /** Why an `ood` prompt is out of distribution. */
  ood_kind: z.enum(['held_out_genre', 'unseen_mechanic_combo']).nullable().default(null),
});
export type EvalPromptRecord = z.infer<typeof evalPromptRecordSchema>;

/** A line of `data/eval/scored/validated_<model>.jsonl`, written by `eval score`: one prompt's answer and its verdict. */
export const evalScoredRecordSchema = evalPromptRecordSchema.extend({
  model: z.string(),
  answered: z.boolean(),
  plan: z.string(),
  /** The game's code ('' when none was parsed). */
  code: z.string(),
  code_hash: z.string(),
  parse_errors: z.array(z.string()),
  validator_version: z.string().nullable(),
  /** The Phaser line the game was checked against (absent in files written before the field). */
  phaser_version: recordPhaserVersion.nullable(),
  passed: z.boolean(),
  levels: validationSchema.shape.levels,
  runtime: runtimeSchema.nullable(),
  fidelity: z.number().min(0).max(1),
  fidelity_checks: z.array(fidelityCheckSchema),
});
export type EvalScoredRecord = z.infer<typeof evalScoredRecordSchema>;

/**
 * What an eval prompt asks for, as fidelity reads it: the mechanics it lists, else its own words
 * (zh or en) and genre. One definition for `eval score`'s fidelity and the reviewer's rubric,
 * so that a reviewer is never asked about something the score does not count, and back.
 */
export function requestOf(prompt: Pick<EvalPromptRecord, 'prompt' | 'genre' | 'mechanics'>): RequestedGame {
  return { prompt: prompt.prompt, genre: prompt.genre, mechanics: prompt.mechanics?.length ? prompt.mechanics : undefined };
}
