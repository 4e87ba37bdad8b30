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
