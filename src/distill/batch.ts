// `distill --batch`: the provider's batch API (Anthropic Message Batches, OpenAI Batch; the
// clients are src/llm/batchBackends.ts). Half price, answers within 24 h. Every batch id is in
// the checkpoint the moment it exists, so a killed run polls its batches again instead of
// submitting (and paying for) the same requests twice.
import { WorkError, logger, sha256, type Config, type JsonlAppender, type Progress } from '../core/index.js';
import { ClassifiedCallError, emptyAnswerFailure, retryPolicyFrom, sleep, withRetries, type BatchBackend, type BatchItem, type CallFailure, type CallMeta, type ChatAnswer, type RunOutcome, type RunTotals } from '../llm/index.js';
import type { RequestFile, RequestRef } from './requestFile.js';
import type { BatchEntry, PendingBatch } from './state.js';

/** Batch `custom_id`s must match ^[A-Za-z0-9_-]{1,64}$; other request ids are hashed. */
export function customIdFor(requestId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(requestId) ? requestId : `h${sha256(requestId).slice(0, 63)}`;
}

export interface BatchRunOptions {
  config: Config;
  requests: RequestFile;
  pending: readonly RequestRef[];
  backend: BatchBackend;
  /** The teacher's checkpoint file, for the message when a lost batch cannot be told apart. */
  checkpointFile: string;
  costOf: (answer: ChatAnswer) => number;
  journal: JsonlAppender;
  errors: JsonlAppender;
  /** Batches from the checkpoint (those still `submitted` are polled before anything is sent). */
  batches: BatchEntry[];
  onBatches: (batches: BatchEntry[]) => void;
  record: (ref: RequestRef, answer: ChatAnswer, meta: CallMeta, extra: Record<string, unknown>) => unknown;
  errorRecord: (ref: RequestRef, failure: CallFailure, attempts: number) => unknown;
  /** Rewrite the checkpoint; `pendingBatch` marks a create in progress. */
  checkpoint: (totals: RunTotals, pendingBatch?: PendingBatch) => void;
  /** A create in progress when the last run died (from its checkpoint). */
  lostBatch?: PendingBatch;
  /** Estimated USD of one request (used only with `maxCostUsd`). */
  estimateCost: (ref: RequestRef) => number;
  progress: Progress;
  stopSignal?: AbortSignal;
  maxCostUsd?: number;
  spentBeforeUsd: number;
}

/** Submit, poll and collect batches until every pending request is answered or failed for good. */
export async function runBatches(options: BatchRunOptions): Promise<RunOutcome> {
  const { config, backend } = options;
  const policy = retryPolicyFrom(config);
  const pollMs = config.teacher.batch_poll_seconds * 1000;
  const stats: RunTotals = { done: 0, failed: 0, retries: 0, rateLimited: 0, spentUsd: 0, latenciesMs: [] };
  const open = new Map(options.pending.map((ref) => [customIdFor(ref.id), ref]));
  const rounds = new Map<string, number>(); // custom_id → batches it was sent in (this run)
  let batches = [...options.batches];

  const save = (pendingBatch?: PendingBatch) => {
    options.journal.sync();
    options.errors.sync();
    options.onBatches(batches);
    options.checkpoint(stats, pendingBatch);
  };

  /** One control-plane call with the shared retry policy; the failure that ends it (a ClassifiedCallError) ends the run. */
  const retried = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
    withRetries(fn, {
      policy,
      onRetry: (failure, retry, delay) => {
        if (failure.kind === 'rate_limited') stats.rateLimited++;
        stats.retries++;
        logger.debug(`${what}: ${failure.type}, retry ${retry} in ${delay} ms`);
      },
    });

  async function collect(entry: BatchEntry): Promise<'collected' | 'stopped'> {
    let batch = await retried('poll batch', () => backend.status(entry.id));
    while (!batch.ended) {
      options.progress.setExtra(`batch ${entry.id}: ${batch.settled}/${entry.request_count} processed · $${(options.spentBeforeUsd + stats.spentUsd).toFixed(2)}`);
      await sleep(pollMs, options.stopSignal);
      if (options.stopSignal?.aborted) return 'stopped';
      batch = await retried('poll batch', () => backend.status(entry.id));
    }
    // A batch the provider failed as a whole (bad input, unknown model) would fail again: stop.
    // It holds no answers, so it is closed, and a rerun (once fixed) submits its requests anew.
    if (batch.failure) {
      entry.status = 'collected';
      save();
      throw new ClassifiedCallError({ kind: 'fatal', type: 'batch_failed', message: `${backend.provider} failed batch ${entry.id}: ${batch.failure}` });
    }
    const latencyMs = Math.max(0, Date.parse(batch.endedAt ?? '') - Date.parse(batch.createdAt)) || 0;
    const outcomes = await retried('fetch batch results', () => backend.results(entry.id));
    for await (const outcome of outcomes) {
      const ref = open.get(outcome.customId);
      if (!ref) continue; // answered already (a collection cut short by a kill) or not ours
      const attempts = rounds.get(outcome.customId) ?? 1;
      if (outcome.type === 'succeeded') {
        const answer = outcome.answer;
        const empty = emptyAnswerFailure(answer);
        if (empty) {
          fail(ref, empty, attempts);
          continue;
        }
        options.journal.append(options.record(ref, answer, { attempts, latencyMs }, { batch_id: entry.id }));
        open.delete(outcome.customId);
        stats.done++;
        stats.spentUsd += options.costOf(answer);
        stats.latenciesMs.push(latencyMs);
        options.progress.tick(1);
      } else if (outcome.type === 'invalid') fail(ref, { kind: 'rejected', type: 'invalid_request', message: outcome.message }, attempts);
      // retry (server error, canceled, expired): left open, resubmitted in the next batch
    }
    entry.status = 'collected';
    save();
    return 'collected';
  }

  function fail(ref: RequestRef, failure: CallFailure, attempts: number): void {
    options.errors.append(options.errorRecord(ref, failure, attempts));
    open.delete(customIdFor(ref.id));
    stats.failed++;
    options.progress.tick(1);
  }

  async function adoptLostBatch(): Promise<void> {
    const marker = options.lostBatch;
    if (!marker) return;
    // A create was sent but the run died before saving its id: find it rather than pay twice.
    const since = Date.parse(marker.started_at) - 60_000;
    const known = new Set(batches.map((b) => b.id));
    const candidates = (await retried('list batches', () => backend.recent(since, marker.request_count, marker.started_at))).filter((b) => !known.has(b.id));
    if (candidates.length > 1) throw new WorkError(`a batch submission was interrupted and ${candidates.length} batches match it (${candidates.map((b) => b.id).join(', ')}); check the ${backend.provider} console, cancel the extra one, and add the right id to batches in ${options.checkpointFile}`);
    if (candidates.length === 1) {
      logger.info(`recovered batch ${candidates[0].id}, submitted just before the last run stopped`);
      batches.push({ id: candidates[0].id, request_count: marker.request_count, status: 'submitted', submitted_at: candidates[0].createdAt });
    }
    save();
  }

  try {
    save();
    await adoptLostBatch();
    for (;;) {
      for (const entry of batches.filter((b) => b.status === 'submitted')) {
        if ((await collect(entry)) === 'stopped') return { stopReason: 'interrupted', stats };
      }
      if (options.stopSignal?.aborted) return { stopReason: 'interrupted', stats };
      const toSend = [...open.entries()].filter(([customId]) => (rounds.get(customId) ?? 0) <= policy.maxRetries);
      if (!toSend.length) break;
      const { fitting, budgetHit } = withinBudget(toSend, options);
      if (!fitting.length) return { stopReason: 'budget', stats };
      for (let i = 0; i < fitting.length; i += config.teacher.batch_size) {
        const chunk = fitting.slice(i, i + config.teacher.batch_size);
        const items: BatchItem[] = [];
        for (const [customId, ref] of chunk) items.push({ customId, request: await options.requests.read(ref) });
        const marker = new Date().toISOString();
        save({ request_count: items.length, started_at: marker });
        const batch = await retried('create batch', () => backend.create(items, marker));
        batches.push({ id: batch.id, request_count: items.length, status: 'submitted', submitted_at: batch.createdAt });
        save(); // the id is on disk before anything else happens
        for (const [customId] of chunk) rounds.set(customId, (rounds.get(customId) ?? 0) + 1);
        logger.info(`submitted batch ${batch.id} (${items.length} requests)`);
      }
      if (budgetHit) {
        for (const entry of batches.filter((b) => b.status === 'submitted')) if ((await collect(entry)) === 'stopped') return { stopReason: 'interrupted', stats };
        return { stopReason: 'budget', stats };
      }
    }
    for (const [customId, ref] of open) fail(ref, { kind: 'rejected', type: 'batch_retries_exhausted', message: `not answered after ${rounds.get(customId)} batches` }, rounds.get(customId) ?? 0);
    return { stopReason: 'completed', stats };
  } catch (error) {
    if (error instanceof ClassifiedCallError) return { stopReason: 'fatal', fatal: error.failure, stats };
    throw error;
  }
}

/** Requests that fit the budget, in order; all of them without a cap. */
function withinBudget(toSend: [string, RequestRef][], options: BatchRunOptions): { fitting: [string, RequestRef][]; budgetHit: boolean } {
  if (options.maxCostUsd === undefined) return { fitting: toSend, budgetHit: false };
  let spend = options.spentBeforeUsd;
  const fitting: [string, RequestRef][] = [];
  for (const entry of toSend) {
    const estimate = options.estimateCost(entry[1]);
    if (spend + estimate > options.maxCostUsd) return { fitting, budgetHit: true };
    spend += estimate;
    fitting.push(entry);
  }
  return { fitting, budgetHit: false };
}
