import { z } from 'zod';
import { difficultySchema, evalPromptSchema } from '../schemas/index.js';
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

/**
 * What an eval prompt asks for, as fidelity reads it: the mechanics it lists, else its own words
 * (zh or en) and genre. One definition for `eval score`'s fidelity and the reviewer's rubric,
 * so that a reviewer is never asked about something the score does not count, and back.
 */
export function requestOf(prompt: Pick<EvalPromptRecord, 'prompt' | 'genre' | 'mechanics'>): RequestedGame {
  return { prompt: prompt.prompt, genre: prompt.genre, mechanics: prompt.mechanics?.length ? prompt.mechanics : undefined };
}
