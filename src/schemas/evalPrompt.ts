import { z } from 'zod';
import { langSchema } from './seed.js';
import { recordPhaserVersion } from './phaserVersion.js';

/** One evaluation prompt (DESIGN.md "eval prompt"). */
export const evalPromptSchema = z.object({
  id: z.string().min(1),
  prompt: z.string().min(1),
  lang: langSchema,
  genre: z.string(),
  split: z.enum(['iid', 'ood']),
  /** The Phaser line the prompt's games are checked against. */
  phaser_version: recordPhaserVersion,
});
export type EvalPrompt = z.infer<typeof evalPromptSchema>;
