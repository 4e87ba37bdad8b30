// `checkpoint_<teacher>.json`: the batch ids in flight and the running totals of a distill run.
// Read with its schema wherever it is read (the distill resume and the pipeline's "is distill
// finished" check alike).
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../core/errors.js';

/** One Message Batch this teacher submitted. Kept until collected so that a resumed run polls it instead of resubmitting. */
export const batchEntrySchema = z.object({
  id: z.string(),
  request_count: z.number().int().nonnegative(),
  status: z.enum(['submitted', 'collected']),
  submitted_at: z.string(),
});
export type BatchEntry = z.infer<typeof batchEntrySchema>;

export const checkpointSchema = z.object({
  teacher: z.string(),
  model: z.string(),
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  unanswered: z.number().int().nonnegative(),
  cost_usd: z.number().nonnegative(),
  batches: z.array(batchEntrySchema).default([]),
  /** A batch create that was sent but whose id was not yet saved (kill -9 in between); resolved on resume. */
  pending_batch: z.object({ request_count: z.number().int(), started_at: z.string() }).optional(),
  updated_at: z.string(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;
export type PendingBatch = NonNullable<Checkpoint['pending_batch']>;

/** The checkpoint at `file`, validated; undefined when there is none. Errors name the file and field. */
export function readCheckpoint(file: string): Checkpoint | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError({ file }, `checkpoint is not valid JSON (${(error as Error).message}); it is rewritten atomically, so something else wrote it`);
  }
  const parsed = checkpointSchema.safeParse(raw);
  if (!parsed.success) throw new InputError({ file, field: parsed.error.issues[0]?.path.join('.') }, parsed.error.issues[0]?.message ?? 'invalid checkpoint');
  return parsed.data;
}

