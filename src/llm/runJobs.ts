// The one resumable runner for remote calls: the teacher (`distill`), student inference
// (`infer`) and the vision judge (`select`) all go through it. It owns concurrency (adaptive),
// retries with backoff, the budget, the journal of results and the errors file; callers
// only say how to call one job and how to turn a result into a record.
import { setMaxListeners } from 'node:events';
import type { JsonlAppender, Progress } from '../core/index.js';
import { DEFAULT_RETRY_POLICY, backoffDelayMs, type RetryPolicy } from './backoff.js';
import { classifyError, type CallFailure } from './errors.js';

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

/** Running totals (of this run only). */
export interface RunStats {
  done: number;
  failed: number;
  retries: number;
  rateLimited: number;
  spentUsd: number;
  inFlight: number;
  /** Current adaptive concurrency limit (≤ the configured one). */
  concurrency: number;
  latenciesMs: number[];
}

export type StopReason = 'completed' | 'budget' | 'fatal' | 'interrupted';

export interface RunJobsResult {
  stopReason: StopReason;
  /** The failure that stopped the run, when `stopReason` is `fatal`. */
  fatal?: CallFailure;
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

interface Pending<J> {
  job: J;
  attempts: number;
  readyAt: number;
}

const CHECKPOINT_INTERVAL_MS = 1000;
/** After a 429/529, further rate-limit errors within this window do not halve the limit again. */
const DECREASE_WINDOW_MS = 1000;

/**
 * Run every job at most once to success (plus retries of failed attempts), appending one
 * record per success. Resolves when all jobs are settled or the run stops (budget, fatal
 * error, interruption); jobs in flight always finish and are recorded first.
 */
export function runJobs<J extends Job, R>(options: RunJobsOptions<J, R>): Promise<RunJobsResult> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const maxConcurrency = Math.max(1, Math.floor(options.concurrency));
  const maxConsecutiveFailures = options.maxConsecutiveFailures ?? Math.max(20, 2 * maxConcurrency);
  const stats: RunStats = { done: 0, failed: 0, retries: 0, rateLimited: 0, spentUsd: 0, inFlight: 0, concurrency: maxConcurrency, latenciesMs: [] };
  const spentBefore = options.spentBeforeUsd ?? 0;
  const inFlightAbort = new AbortController();
  setMaxListeners(0, inFlightAbort.signal); // one listener per call in flight
  const started = new Set<string>();
  const retryQueue: Pending<J>[] = [];
  let nextFresh = 0;
  let inFlightEstimate = 0;
  let cooldownUntil = 0;
  let lastDecrease = 0;
  let successesSinceChange = 0;
  let consecutiveFailures = 0;
  let stopReason: StopReason | undefined;
  let fatal: CallFailure | undefined;
  let internalError: unknown;
  let wakeTimer: NodeJS.Timeout | undefined;
  let wakeAt = Infinity;
  let lastCheckpoint = 0;
  let finished = false;

  return new Promise<RunJobsResult>((resolve, reject) => {
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
      const parts = [`$${(spentBefore + stats.spentUsd).toFixed(2)}`];
      if (stats.failed) parts.push(`${stats.failed} failed`);
      if (retryQueue.length) parts.push(`${retryQueue.length} retrying`);
      if (stats.concurrency < maxConcurrency) parts.push(`c=${stats.concurrency}/${maxConcurrency}`);
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

    /** The next job allowed to start now: a due retry first, then a fresh job. */
    function takeNext(now: number): Pending<J> | undefined {
      let due = -1;
      for (let i = 0; i < retryQueue.length; i++) if (retryQueue[i].readyAt <= now && (due === -1 || retryQueue[i].readyAt < retryQueue[due].readyAt)) due = i;
      if (due !== -1) return retryQueue.splice(due, 1)[0];
      while (nextFresh < options.jobs.length) {
        const job = options.jobs[nextFresh++];
        if (started.has(job.id)) continue; // a duplicate id is sent once
        started.add(job.id);
        return { job, attempts: 0, readyAt: now };
      }
      return undefined;
    }

    function scheduleWake(at: number): void {
      if (at >= wakeAt) return;
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeAt = at;
      wakeTimer = setTimeout(() => {
        wakeTimer = undefined;
        wakeAt = Infinity;
        pump();
      }, Math.max(0, at - Date.now()));
    }

    function pump(): void {
      if (finished) return;
      const now = Date.now();
      let waitingForBudget = false; // a completion will pump again
      while (!stopReason && stats.inFlight < stats.concurrency) {
        if (now < cooldownUntil) {
          scheduleWake(cooldownUntil);
          break;
        }
        const next = takeNext(now);
        if (!next) break;
        const estimate = options.maxCostUsd !== undefined && options.estimateCost ? options.estimateCost(next.job) : 0;
        if (options.maxCostUsd !== undefined && spentBefore + stats.spentUsd + inFlightEstimate + estimate > options.maxCostUsd) {
          // Calls in flight usually cost less than estimated: wait for them before giving up.
          if (next.attempts === 0) {
            nextFresh--;
            started.delete(next.job.id);
          } else retryQueue.push(next);
          if (stats.inFlight === 0) stop('budget');
          waitingForBudget = true;
          break;
        }
        start(next, estimate);
      }
      if (!stopReason && !waitingForBudget && retryQueue.length) scheduleWake(Math.min(...retryQueue.map((p) => p.readyAt)));
      const drained = nextFresh >= options.jobs.length && retryQueue.length === 0;
      if (stats.inFlight === 0 && (stopReason || drained)) finish();
    }

    function start(pending: Pending<J>, estimate: number): void {
      pending.attempts++;
      stats.inFlight++;
      inFlightEstimate += estimate;
      const t0 = performance.now();
      const startedAt = Date.now();
      // A signal per call: SDKs leave their abort listener on the signal they get, so a
      // run-long signal would collect one per request.
      const callAbort = new AbortController();
      const cancel = () => callAbort.abort();
      inFlightAbort.signal.addEventListener('abort', cancel, { once: true });
      options
        .call(pending.job, callAbort.signal)
        .then(
          (result) => succeed(pending, result, performance.now() - t0, startedAt),
          (error: unknown) => fail(pending, classifyError(error)),
        )
        .catch((error: unknown) => {
          // Writing the journal failed (disk full, …): nothing else can be trusted; stop.
          internalError ??= error;
          stop('fatal');
        })
        .finally(() => {
          inFlightAbort.signal.removeEventListener('abort', cancel);
          stats.inFlight--;
          inFlightEstimate -= estimate;
          pump();
        });
    }

    function succeed(pending: Pending<J>, result: R, latencyMs: number, startedAt: number): void {
      const meta: CallMeta = { attempts: pending.attempts, latencyMs: Math.round(latencyMs) };
      options.journal.append(options.toRecord(pending.job, result, meta));
      stats.done++;
      stats.spentUsd += options.costOf?.(result) ?? 0;
      stats.latenciesMs.push(meta.latencyMs);
      consecutiveFailures = 0;
      // Only calls started under the current limit say whether the provider copes with it.
      if (startedAt >= lastDecrease && ++successesSinceChange >= stats.concurrency && stats.concurrency < maxConcurrency) {
        stats.concurrency++; // additive increase after a full window of successes
        successesSinceChange = 0;
      }
      refreshProgress(1);
      checkpoint(false);
    }

    function fail(pending: Pending<J>, failure: CallFailure): void {
      const now = Date.now();
      if (failure.kind === 'rate_limited') {
        stats.rateLimited++;
        if (now - lastDecrease > DECREASE_WINDOW_MS) {
          stats.concurrency = Math.max(1, Math.ceil(stats.concurrency / 2)); // multiplicative decrease
          lastDecrease = now;
        }
        successesSinceChange = 0;
      }
      const retryable = failure.kind === 'retryable' || failure.kind === 'rate_limited';
      const cancelled = inFlightAbort.signal.aborted;
      if (retryable && !cancelled && pending.attempts <= policy.maxRetries) {
        const delay = backoffDelayMs(pending.attempts, policy, failure.retryAfterMs);
        if (failure.kind === 'rate_limited') cooldownUntil = Math.max(cooldownUntil, now + delay);
        pending.readyAt = now + delay;
        retryQueue.push(pending);
        stats.retries++;
        options.onRetry?.(pending.job, failure, pending.attempts, delay);
        refreshProgress(0);
        return;
      }
      if (cancelled) {
        retryQueue.push(pending); // unfinished, not failed: the next run tries it
        return;
      }
      options.errors?.append(options.errorRecord ? options.errorRecord(pending.job, failure, pending.attempts) : { id: pending.job.id, ...failure, attempts: pending.attempts });
      if (failure.kind === 'fatal') {
        retryQueue.push(pending); // not this job's fault: unfinished, the next run tries it again
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
      if (wakeTimer) clearTimeout(wakeTimer);
      options.stopSignal?.removeEventListener('abort', onStop);
      options.abortSignal?.removeEventListener('abort', onAbort);
      checkpoint(true);
      if (internalError) return reject(internalError);
      const unfinished = options.jobs.length - nextFresh + retryQueue.length;
      resolve({ stopReason: stopReason ?? 'completed', fatal, stats, unfinished });
    }

    pump();
  });
}
