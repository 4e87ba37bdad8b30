// What earlier runs left behind: the raw outputs (the truth about what is done and paid
// for), the errors file and the checkpoint (batch ids in flight, running totals).
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { BadLines, InputError, readJsonl, writeJsonAtomic, type Workspace } from '../core/index.js';
import { rawOutputSchema, type Usage } from '../schemas/index.js';
import { EMPTY_USAGE, addUsage } from './pricing.js';

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

/** One line of `errors_<teacher>.jsonl`. */
export interface ErrorRecord {
  request_id: string;
  seed_id: string;
  sample_index: number;
  teacher: string;
  model: string;
  kind: string;
  status: number | null;
  error_type: string;
  message: string;
  attempts: number;
  created_at: string;
}

export interface ResumeState {
  /** request_ids with a recorded answer. */
  done: Set<string>;
  /** request_ids that failed for good in an earlier run and have no answer (skipped unless `--retry-failed`). */
  failed: Set<string>;
  /** Spend recorded in the raw outputs (all runs). */
  spentUsd: number;
  usage: Usage;
  outputTokensMean?: number;
  checkpoint?: Checkpoint;
}

/** Read back everything earlier runs of `teacher` recorded. */
export async function loadResumeState(workspace: Workspace, teacher: string): Promise<ResumeState> {
  const done = new Set<string>();
  let spentUsd = 0;
  let usage = EMPTY_USAGE;
  const outputsFile = workspace.rawOutputsFile(teacher);
  if (existsSync(outputsFile)) {
    for await (const { value } of readJsonl(outputsFile, { schema: rawOutputSchema })) {
      if (done.has(value.request_id)) continue;
      done.add(value.request_id);
      spentUsd += value.cost_usd;
      usage = addUsage(usage, value.usage);
    }
  }
  const failed = new Set<string>();
  const errorsFile = workspace.errorsFile(teacher);
  if (existsSync(errorsFile)) {
    // Only says which requests failed before: a damaged line means that request is tried again.
    const bad = new BadLines('those requests count as not failed (they are sent again)');
    for await (const { value } of readJsonl(errorsFile, { onBadLine: bad.add })) {
      const record = value as Partial<ErrorRecord>;
      // A fatal error stopped the run; it says nothing about the request itself.
      if (typeof record.request_id === 'string' && record.kind !== 'fatal' && !done.has(record.request_id)) failed.add(record.request_id);
    }
    bad.report(errorsFile);
  }
  return {
    done,
    failed,
    spentUsd,
    usage,
    outputTokensMean: done.size ? usage.output_tokens / done.size : undefined,
    checkpoint: readCheckpoint(workspace.checkpointFile(teacher)),
  };
}

function readCheckpoint(file: string): Checkpoint | undefined {
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

/** Rewrite the checkpoint atomically (temp file + rename): readers see the old or the new one. */
export function writeCheckpoint(workspace: Workspace, checkpoint: Omit<Checkpoint, 'updated_at'>): void {
  writeJsonAtomic(workspace.checkpointFile(checkpoint.teacher), { ...checkpoint, updated_at: new Date().toISOString() });
}
