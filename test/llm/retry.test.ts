import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/index.js';
import { ClassifiedCallError, retryDelayMs, retryPolicyFrom, withRetries, type CallFailure } from '../../src/llm/index.js';

const httpError = (status: number, headers: Record<string, string> = {}) => Object.assign(new Error(`HTTP ${status}`), { status, headers: new Headers(headers) });

function configured(maxRetries: number, baseMs: number, maxMs: number) {
  const config = defaultConfig();
  config.teacher.max_retries = maxRetries;
  config.teacher.retry_base_ms = baseMs;
  config.teacher.retry_max_ms = maxMs;
  return retryPolicyFrom(config);
}

test('withRetries: waits the delays the config sets (base doubling up to the ceiling), then succeeds', async () => {
  const slept: number[] = [];
  let attempts = 0;
  const value = await withRetries(
    async (attempt) => {
      attempts = attempt;
      if (attempt <= 3) throw httpError(503);
      return 'ok';
    },
    { policy: configured(5, 100, 250), sleep: async (ms) => void slept.push(ms), random: () => 1 },
  );
  assert.equal(value, 'ok');
  assert.equal(attempts, 4);
  assert.deepEqual(slept, [100, 200, 250], 'retry_base_ms doubles, capped at retry_max_ms');
});

test('withRetries: a server wait is a floor; the last failure and non-retryable ones are thrown classified', async () => {
  const slept: number[] = [];
  const retries: [string, number, number][] = [];
  await assert.rejects(
    withRetries(async () => Promise.reject(httpError(429, { 'retry-after-ms': '700' })), {
      policy: configured(2, 10, 20),
      sleep: async (ms) => void slept.push(ms),
      random: () => 0,
      onRetry: (failure, retry, delay) => retries.push([failure.type, retry, delay]),
    }),
    (error: unknown) => error instanceof ClassifiedCallError && error.failure.kind === 'rate_limited' && error.failure.status === 429,
  );
  assert.deepEqual(slept, [700, 700], 'two retries (max_retries 2), each at least the retry-after');
  assert.deepEqual(retries, [['rate_limit', 1, 700], ['rate_limit', 2, 700]]);

  let calls = 0;
  await assert.rejects(
    withRetries(
      async () => {
        calls++;
        throw httpError(401);
      },
      { policy: configured(6, 10, 20), sleep: async () => assert.fail('a 401 is not retried') },
    ),
    (error: unknown) => error instanceof ClassifiedCallError && error.failure.type === 'authentication',
  );
  assert.equal(calls, 1);
});

test('retryDelayMs: only retryable and rate-limited failures, at most maxRetries times', () => {
  const policy = configured(2, 100, 1000);
  const failure = (kind: CallFailure['kind']): CallFailure => ({ kind, type: kind, message: kind });
  assert.equal(retryDelayMs(failure('retryable'), 1, policy, () => 1), 100);
  assert.equal(retryDelayMs(failure('rate_limited'), 2, policy, () => 1), 200);
  assert.equal(retryDelayMs(failure('retryable'), 3, policy, () => 1), undefined);
  assert.equal(retryDelayMs(failure('fatal'), 1, policy), undefined);
  assert.equal(retryDelayMs(failure('rejected'), 1, policy), undefined);
});
