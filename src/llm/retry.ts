// When and how long to wait before trying a failed call again: one policy (from the config),
// one delay rule, and `withRetries` for a single call outside the runner (the batch API's
// control plane). The runner (`runJobs`) schedules its retries with the same two rules.
import type { Config } from '../core/index.js';
import { ClassifiedCallError, classifyError, type CallFailure } from './errors.js';

/** How often and how long to wait before trying a failed call again. */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `maxRetries + 1` attempts). */
  maxRetries: number;
  /** Delay before the first retry; doubles each time. */
  baseDelayMs: number;
  /** Ceiling of the exponential part (a server's `retry-after` may ask for longer). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** The policy every remote call follows: `teacher.max_retries`, `retry_base_ms`, `retry_max_ms`. */
export function retryPolicyFrom(config: Config): RetryPolicy {
  return { maxRetries: config.teacher.max_retries, baseDelayMs: config.teacher.retry_base_ms, maxDelayMs: config.teacher.retry_max_ms };
}

/** A server may ask for any wait; more than this is treated as this (and the run slows down anyway). */
const MAX_SERVER_WAIT_MS = 10 * 60_000;

/**
 * Delay before retry number `retry` (1-based): exponential with "equal jitter" (half fixed,
 * half random) so that many workers failing at once do not come back at once. A server's
 * `retry-after` is a floor.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, serverWaitMs?: number, random = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  const floor = serverWaitMs === undefined ? 0 : Math.min(serverWaitMs, MAX_SERVER_WAIT_MS);
  return Math.round(Math.max(jittered, floor));
}

/**
 * The wait before retry number `retry` (1-based) of a call that failed with `failure`, or
 * undefined when it is not retried: only `retryable` and `rate_limited` failures are, and at
 * most `policy.maxRetries` times.
 */
export function retryDelayMs(failure: CallFailure, retry: number, policy: RetryPolicy, random = Math.random): number | undefined {
  if (failure.kind !== 'retryable' && failure.kind !== 'rate_limited') return undefined;
  if (retry > policy.maxRetries) return undefined;
  return backoffDelayMs(retry, policy, failure.retryAfterMs, random);
}

/** Resolve after `ms`, or early (without throwing) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface WithRetriesOptions {
  policy: RetryPolicy;
  /** Called before each wait, e.g. to count and log retries. */
  onRetry?: (failure: CallFailure, retry: number, delayMs: number) => void;
  /** How to wait (tests inject one that records the delays). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * `fn` until it succeeds, retried by `retryDelayMs`: what `classifyError` calls retryable or
 * rate limited, at most `policy.maxRetries` times. The failure that ends it (not retryable, or
 * the last retry's) is thrown as a `ClassifiedCallError` carrying its classification.
 */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, options: WithRetriesOptions): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const failure = classifyError(error);
      const delay = retryDelayMs(failure, attempt, options.policy, options.random);
      if (delay === undefined) throw error instanceof ClassifiedCallError ? error : new ClassifiedCallError(failure);
      options.onRetry?.(failure, attempt, delay);
      await wait(delay);
    }
  }
}
