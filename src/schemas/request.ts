import { z } from 'zod';
import { recordPhaserVersion } from './phaserVersion.js';

/** One teacher request (DESIGN.md "request"). `request_id` hashes everything that is sent. */
export const requestSchema = z.object({
  request_id: z.string().min(1),
  seed_id: z.string().min(1),
  sample_index: z.number().int().nonnegative(),
  system: z.string(),
  user: z.string(),
  api_refs: z.array(z.string()),
  api_context_tokens: z.number().int().nonnegative(),
  // The request's own generation settings (`requests.max_tokens` / `requests.temperature`);
  // null or absent: the teacher's config decides.
  max_tokens: z.number().int().positive().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  /** The Phaser line the game is asked for (config `phaser.version`). */
  phaser_version: recordPhaserVersion,
});
export type TeacherRequest = z.infer<typeof requestSchema>;
