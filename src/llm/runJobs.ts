// The one resumable runner for remote calls: the teacher (`distill`), student inference
// (`infer`) and the vision judge (`select`) all go through it. The loop below starts jobs and
// records their outcome; its parts are apart: the order of jobs and retries (jobQueue.ts), the
// limit on calls in flight (concurrency.ts), the spend cap (budget.ts) and the retry rule
// (retry.ts). Callers only say how to call one job and how to turn a result into a record.
import { setMaxListeners } from 'node:events';
import type { JsonlAppender, Progress } from '../core/index.js';
import { BudgetGate } from './budget.js';
import { AdaptiveConcurrency } from './concurrency.js';
import { classifyError, type CallFailure } from './errors.js';
import { JobQueue, type QueuedJob } from './jobQueue.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry.js';

export interface Job {
  id: string;
}

/** What the runner knows about a finished call. */
export interface CallMeta {
  /** Attempts made, including the successful one. */
  attempts: number;
  /** Wall time of the successful attempt. */
  latencyMs: number;
}

/** Totals of a run (of this run only), the same for the online runner and the batch API. */
export interface RunTotals {
  done: number;
  failed: number;
  retries: number;
  rateLimited: number;
  spentUsd: number;
  latenciesMs: number[];
}

/** Running totals of `runJobs`. */
export interface RunStats extends RunTotals {
  inFlight: number;
  /** Current adaptive concurrency limit (≤ the configured one). */
  concurrency: number;
}

export type StopReason = 'completed' | 'budget' | 'fatal' | 'interrupted';

/** How a run ended. */
export interface RunOutcome {
  stopReason: StopReason;
  /** The failure that stopped the run, when `stopReason` is `fatal`. */
  fatal?: CallFailure;
  stats: RunTotals;
}

export interface RunJobsResult extends RunOutcome {
  stats: RunStats;
  /** Jobs neither done nor failed (never started, or dropped from the retry queue on stop). */
  unfinished: number;
}

export interface RunJobsOptions<J extends Job, R> {
  jobs: readonly J[];
  /** One attempt of one job. Throw on failure; the error is classified by `classifyError`. */
  call: (job: J, signal: AbortSignal) => Promise<R>;
  /**
   * The line appended to `journal` when a job succeeds. Open it with `{ fsync: false }`: the
   * runner fsyncs it at every checkpoint (at most a second apart) and at the end.
   */
  toRecord: (job: J, result: R, meta: CallMeta) => unknown;
  journal: JsonlAppender;
  /**
   * Failures, one line each (`errorRecord` shapes it): jobs that failed for good, and the
   * error that stopped the run (`kind: 'fatal'`; that job stays unfinished, not failed).
   */
  errors?: JsonlAppender;
  errorRecord?: (job: J, failure: CallFailure, attempts: number) => unknown;
  /** Maximum calls in flight; lowered on 429/529 and raised back on success. */
  concurrency: number;
  retry?: Partial<RetryPolicy>;
  /** USD cost of a result (for spend and the budget). */
  costOf?: (result: R) => number;
  /** Stop starting jobs once spend + in-flight estimates + this job's estimate would pass it. */
  maxCostUsd?: number;
  /** Spend before this run (earlier runs), counted against `maxCostUsd`. */
  spentBeforeUsd?: number;
  /** Estimated USD cost of a job before it runs (used only with `maxCostUsd`). */
  estimateCost?: (job: J) => number;
  /** Give up on the run after this many jobs in a row fail for good (a provider that is down). */
  maxConsecutiveFailures?: number;
  /** Called at most once a second and at the end, e.g. to rewrite a checkpoint. */
  onCheckpoint?: (stats: RunStats) => void;
  progress?: Progress;
  /** Abort = stop starting new jobs; those in flight finish and are recorded. */
  stopSignal?: AbortSignal;
  /** Abort = also cancel the calls in flight (a second Ctrl-C). */
  abortSignal?: AbortSignal;
  /** Called on each retry decision (for logging). */
  onRetry?: (job: J, failure: CallFailure, retry: number, delayMs: number) => void;
}

const CHECKPOINT_INTERVAL_MS = 1000;

/** One timer for the earliest moment the loop must look again (a retry or a cooldown due). */
class Wakeup {
  private timer: NodeJS.Timeout | undefined;
  private at = Infinity;

  constructor(private readonly onWake: () => void) {}

  /** Wake at `at`, unless an earlier wake is already set. */
  schedule(at: number): void {
    if (at >= this.at) return;
    this.cancel();
    this.at = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.at = Infinity;
      this.onWake();
    }, Math.max(0, at - Date.now()));
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.at = Infinity;
  }
}

/**
 * Run every job at most once to success (plus retries of failed attempts), appending one
 * record per success. Resolves when all jobs are settled or the run stops (budget, fatal
 * error, interruption); jobs in flight always finish and are recorded first.
 */
export function runJobs<J extends Job, R>(options: RunJobsOptions<J, R>): Promise<RunJobsResult> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const concurrency = new AdaptiveConcurrency(Math.max(1, Math.floor(options.concurrency)));
  const maxConsecutiveFailures = options.maxConsecutiveFailures ?? Math.max(20, 2 * concurrency.max);
  const budget = new BudgetGate<J>(options);
  const queue = new JobQueue(options.jobs);
  const stats: RunStats = { done: 0, failed: 0, retries: 0, rateLimited: 0, spentUsd: 0, inFlight: 0, concurrency: concurrency.limit, latenciesMs: [] };
  const inFlightAbort = new AbortController();
  setMaxListeners(0, inFlightAbort.signal); // one listener per call in flight
  let consecutiveFailures = 0;
  let stopReason: StopReason | undefined;
  let fatal: CallFailure | undefined;
  let internalError: unknown;
  let lastCheckpoint = 0;
  let finished = false;

  return new Promise<RunJobsResult>((resolve, reject) => {
    const wakeup = new Wakeup(() => pump());
    const onStop = () => stop('interrupted');
    const onAbort = () => inFlightAbort.abort();
    options.stopSignal?.addEventListener('abort', onStop);
    options.abortSignal?.addEventListener('abort', onAbort);
    if (options.stopSignal?.aborted) stop('interrupted');
    if (options.abortSignal?.aborted) inFlightAbort.abort();

    function stop(reason: StopReason, failure?: CallFailure): void {
      if (stopReason) return;
      stopReason = reason;
      fatal = failure;
      pump();
    }

    function refreshProgress(tick: number): void {
      const parts = [`$${budget.totalSpentUsd.toFixed(2)}`];
      if (stats.failed) parts.push(`${stats.failed} failed`);
      if (queue.retrying) parts.push(`${queue.retrying} retrying`);
      if (concurrency.limit < concurrency.max) parts.push(`c=${concurrency.limit}/${concurrency.max}`);
      if (stopReason) parts.push(`stopping (${stopReason})`);
      options.progress?.tick(tick, parts.join(' · '));
    }

    /** Sync the journals (group commit: one fsync a second, not one per record) and report progress. */
    function checkpoint(force: boolean): void {
      const now = Date.now();
      if (!force && now - lastCheckpoint < CHECKPOINT_INTERVAL_MS) return;
      lastCheckpoint = now;
      options.journal.sync();
      options.errors?.sync();
      options.onCheckpoint?.(stats);
    }

    /** Start what may start now; finish when nothing is in flight and nothing is left (or the run stopped). */
    function pump(): void {
      if (finished) return;
      const now = Date.now();
      let waitingForBudget = false; // a completion will pump again
      while (!stopReason && stats.inFlight < concurrency.limit) {
        if (now < concurrency.cooldownUntil) {
          wakeup.schedule(concurrency.cooldownUntil);
          break;
        }
        const next = queue.take(now);
        if (!next) break;
        const estimate = budget.estimate(next.job);
        if (!budget.admits(estimate)) {
          // Calls in flight usually cost less than estimated: wait for them before giving up.
          queue.giveBack(next);
          if (stats.inFlight === 0) stop('budget');
          waitingForBudget = true;
          break;
        }
        start(next, estimate);
      }
      if (!stopReason && !waitingForBudget && queue.retrying) wakeup.schedule(queue.nextRetryAt());
      if (stats.inFlight === 0 && (stopReason || queue.drained)) finish();
    }

    function start(queued: QueuedJob<J>, estimate: number): void {
      queued.attempts++;
      stats.inFlight++;
      budget.reserve(estimate);
      const t0 = performance.now();
      const startedAt = Date.now();
      // A signal per call: SDKs leave their abort listener on the signal they get, so a
      // run-long signal would collect one per request.
      const callAbort = new AbortController();
      const cancel = () => callAbort.abort();
      inFlightAbort.signal.addEventListener('abort', cancel, { once: true });
      options
        .call(queued.job, callAbort.signal)
        .then(
          (result) => succeed(queued, result, performance.now() - t0, startedAt),
          (error: unknown) => fail(queued, classifyError(error)),
        )
        .catch((error: unknown) => {
          // Writing the journal failed (disk full, …): nothing else can be trusted; stop.
          internalError ??= error;
          stop('fatal');
        })
        .finally(() => {
          inFlightAbort.signal.removeEventListener('abort', cancel);
          stats.inFlight--;
          budget.release(estimate);
          pump();
        });
    }

    function succeed(queued: QueuedJob<J>, result: R, latencyMs: number, startedAt: number): void {
      const meta: CallMeta = { attempts: queued.attempts, latencyMs: Math.round(latencyMs) };
      options.journal.append(options.toRecord(queued.job, result, meta));
      stats.done++;
      budget.charge(options.costOf?.(result) ?? 0);
      stats.spentUsd = budget.spentUsd;
      stats.latenciesMs.push(meta.latencyMs);
      consecutiveFailures = 0;
      concurrency.succeeded(startedAt);
      stats.concurrency = concurrency.limit;
      refreshProgress(1);
      checkpoint(false);
    }

    function fail(queued: QueuedJob<J>, failure: CallFailure): void {
      const now = Date.now();
      if (failure.kind === 'rate_limited') {
        stats.rateLimited++;
        concurrency.rateLimited(now);
        stats.concurrency = concurrency.limit;
      }
      const cancelled = inFlightAbort.signal.aborted;
      const delay = cancelled ? undefined : retryDelayMs(failure, queued.attempts, policy);
      if (delay !== undefined) {
        if (failure.kind === 'rate_limited') concurrency.coolDown(now + delay);
        queued.readyAt = now + delay;
        queue.hold(queued);
        stats.retries++;
        options.onRetry?.(queued.job, failure, queued.attempts, delay);
        refreshProgress(0);
        return;
      }
      if (cancelled) {
        queue.hold(queued); // unfinished, not failed: the next run tries it
        return;
      }
      options.errors?.append(options.errorRecord ? options.errorRecord(queued.job, failure, queued.attempts) : { id: queued.job.id, ...failure, attempts: queued.attempts });
      if (failure.kind === 'fatal') {
        queue.hold(queued); // not this job's fault: unfinished, the next run tries it again
        stop('fatal', failure);
        return;
      }
      stats.failed++;
      refreshProgress(1);
      if (++consecutiveFailures >= maxConsecutiveFailures) {
        stop('fatal', { kind: 'fatal', type: 'failing', status: failure.status, message: `${consecutiveFailures} requests in a row failed after retries; last: ${failure.message}` });
      }
    }

    function finish(): void {
      finished = true;
      wakeup.cancel();
      options.stopSignal?.removeEventListener('abort', onStop);
      options.abortSignal?.removeEventListener('abort', onAbort);
      checkpoint(true);
      if (internalError) return reject(internalError);
      resolve({ stopReason: stopReason ?? 'completed', fatal, stats, unfinished: queue.unfinished });
    }

    pump();
  });
}
