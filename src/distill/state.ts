// What earlier runs left behind: the raw outputs (the truth about what is done and paid
// for), the errors file and the checkpoint (batch ids in flight, running totals).
import { existsSync } from 'node:fs';
import { BadLines, readJsonl, writeJsonAtomic, type Workspace } from '../core/index.js';
import { rawOutputSchema, readCheckpoint, type Checkpoint, type Usage } from '../schemas/index.js';
import { EMPTY_USAGE, addUsage } from '../llm/index.js';

export { batchEntrySchema, checkpointSchema, readCheckpoint, type BatchEntry, type Checkpoint, type PendingBatch } from '../schemas/index.js';

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
  /** `seed_id` + `sample_index` (slotKey) → request_id of the last answer recorded for that slot. */
  slots: Map<string, string>;
  /** request_ids that failed for good in an earlier run and have no answer (skipped unless `--retry-failed`). */
  failed: Set<string>;
  /** Spend recorded in the raw outputs (all runs). */
  spentUsd: number;
  usage: Usage;
  outputTokensMean?: number;
  checkpoint?: Checkpoint;
}

/** The key of one answer slot: sample `sampleIndex` of seed `seedId`, whatever the prompt it was asked with. */
export function slotKey(seedId: string, sampleIndex: number): string {
  return `${seedId}\u0000${sampleIndex}`;
}

/**
 * Requests answered already under another request_id (the prompt, API context or max_tokens
 * changed since): an answer paid for the same seed and sample stays, so they are not sent again.
 */
export function keptAnswers(refs: readonly { id: string; seed_id: string; sample_index: number }[], state: Pick<ResumeState, 'done' | 'slots'>): Set<string> {
  const kept = new Set<string>();
  for (const ref of refs) if (!state.done.has(ref.id) && state.slots.has(slotKey(ref.seed_id, ref.sample_index))) kept.add(ref.id);
  return kept;
}

/** Read back everything earlier runs of `teacher` recorded. */
export async function loadResumeState(workspace: Workspace, teacher: string): Promise<ResumeState> {
  const done = new Set<string>();
  const slots = new Map<string, string>();
  let spentUsd = 0;
  let usage = EMPTY_USAGE;
  const outputsFile = workspace.rawOutputsFile(teacher);
  if (existsSync(outputsFile)) {
    for await (const { value } of readJsonl(outputsFile, { schema: rawOutputSchema })) {
      if (value.seed_id !== undefined && value.sample_index !== undefined) slots.set(slotKey(value.seed_id, value.sample_index), value.request_id);
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
    slots,
    failed,
    spentUsd,
    usage,
    outputTokensMean: done.size ? usage.output_tokens / done.size : undefined,
    checkpoint: readCheckpoint(workspace.checkpointFile(teacher)),
  };
}

/** Rewrite the checkpoint atomically (temp file + rename): readers see the old or the new one. */
export function writeCheckpoint(workspace: Workspace, checkpoint: Omit<Checkpoint, 'updated_at'>): void {
  writeJsonAtomic(workspace.checkpointFile(checkpoint.teacher), { ...checkpoint, updated_at: new Date().toISOString() });
}
