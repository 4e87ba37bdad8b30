import { z } from 'zod';
import { difficultySchema, evalPromptSchema } from '../schemas/index.js';

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
