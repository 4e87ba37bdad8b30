import { z } from 'zod';
import { recordPhaserVersion } from './phaserVersion.js';

/** One validator finding a repair request quotes (capped: src/requests/repair.ts). */
export const repairIssueSchema = z.object({
  level: z.string(),
  code: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
});
export type RepairIssue = z.infer<typeof repairIssueSchema>;

/** What a repair request repairs: a failed candidate of the same seed and the issues it is shown. */
export const repairOfSchema = z.object({
  candidate_id: z.string().min(1),
  request_id: z.string().min(1),
  code_hash: z.string().min(1),
  issues: z.array(repairIssueSchema),
});
export type RepairOf = z.infer<typeof repairOfSchema>;

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
  /** `run --rounds`: the round that added it (absent: round 1, the first samples_per_seed). */
  round: z.number().int().min(2).optional(),
  /** `requests.repair`: the failed answer this request asks the teacher to fix (its code and issues are in `user`). */
  repair_of: repairOfSchema.optional(),
});
export type TeacherRequest = z.infer<typeof requestSchema>;
