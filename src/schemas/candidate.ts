import { z } from 'zod';
import { recordPhaserVersion } from './phaserVersion.js';

/** One parsed answer: the plan and the game code (DESIGN.md "candidate"). */
export const candidateSchema = z.object({
  candidate_id: z.string().min(1),
  request_id: z.string().min(1),
  /** The request_id the answer was paid for, when it differs (the request was edited since; DESIGN: request_id = hash of what is sent). */
  answered_request_id: z.string().optional(),
  seed_id: z.string().min(1),
  plan: z.string(),
  code: z.string(),
  code_hash: z.string(),
  code_path: z.string(),
  parse_errors: z.array(z.string()),
  /** The teacher that wrote it (`raw_outputs_<teacher>.jsonl`). */
  teacher: z.string().optional(),
  /** The Phaser line its request asked for. */
  phaser_version: recordPhaserVersion,
});
export type Candidate = z.infer<typeof candidateSchema>;
