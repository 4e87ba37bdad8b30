import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonlAppender } from '../../src/core/index.js';
import { ClassifiedCallError, runJobs, type CallFailure } from '../../src/llm/index.js';
import { tempDir } from '../helpers/cli.js';
import { readLines } from './workspace.js';
import { join } from 'node:path';

const fast = { maxRetries: 4, baseDelayMs: 1, maxDelayMs: 5 };
const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `j${i}` }));
const fail = (failure: Omit<CallFailure, 'message'>) => new ClassifiedCallError({ message: failure.type, ...failure });

function journals() {
  const { dir, cleanup } = tempDir('phaser-sft-runjobs-');
  const journal = new JsonlAppender(join(dir, 'out.jsonl'), { fsync: false });
  const errors = new JsonlAppender(join(dir, 'errors.jsonl'), { fsync: false });
  return {
    journal,
    errors,
    lines: () => readLines(join(dir, 'out.jsonl')),
    errorLines: () => readLines(join(dir, 'errors.jsonl')),
    done: () => {
      journal.close();
      errors.close();
      cleanup();
    },
  };
}

test('runJobs: never more than `concurrency` in flight, each job once, duplicates sent once', async () => {
  const j = journals();
  let inFlight = 0;
  let peak = 0;
  const calls: string[] = [];
  const result = await runJobs({
    jobs: [...jobs(20), { id: 'j3' }],
    call: async (job) => {
      calls.push(job.id);
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return job.id.toUpperCase();
    },
    toRecord: (job, result, meta) => ({ id: job.id, result, attempts: meta.attempts }),
    journal: j.journal,
    concurrency: 4,
    retry: fast,
  });
  assert.equal(result.stopReason, 'completed');
  assert.equal(result.stats.done, 20);
  assert.equal(peak, 4);
  assert.equal(calls.length, 20);
  assert.equal(new Set(j.lines().map((l) => l.id)).size, 20);
  j.done();
});

test('runJobs: 429/5xx/connection failures retried; exhausted retries fail that job only (errors file, never an answer)', async () => {
  const j = journals();
  const attempts = new Map<string, number>();
  const result = await runJobs({
    jobs: jobs(12),
    call: async (job) => {
      const n = (attempts.get(job.id) ?? 0) + 1;
      attempts.set(job.id, n);
      if (job.id === 'j1' && n === 1) throw fail({ kind: 'rate_limited', status: 429, type: 'rate_limit', retryAfterMs: 40 });
      if (job.id === 'j2' && n < 3) throw fail({ kind: 'retryable', status: 500, type: 'server_error' });
      if (job.id === 'j5') throw fail({ kind: 'retryable', type: 'connection' });
      return n;
    },
    toRecord: (job, n, meta) => ({ id: job.id, attempts: meta.attempts }),
    journal: j.journal,
    errors: j.errors,
    concurrency: 8,
    retry: fast,
  });
  assert.equal(result.stats.done, 11);
  assert.equal(result.stats.failed, 1);
  assert.equal(result.stats.rateLimited, 1);
  assert.equal(attempts.get('j2'), 3);
  assert.equal(attempts.get('j5'), fast.maxRetries + 1);
  assert.equal(j.lines().find((l) => l.id === 'j2')?.attempts, 3);
  assert.deepEqual(j.errorLines().map((e) => e.id), ['j5']);
  assert.ok(!j.lines().some((l) => l.id === 'j5'), 'a failed job is never an answer');
  j.done();
});

test('runJobs: a 429 lowers the limit, successes raise it back', async () => {
  const j = journals();
  let inFlight = 0;
  const peaks: number[] = [];
  let first = true;
  const result = await runJobs({
    jobs: jobs(60),
    call: async () => {
      inFlight++;
      peaks.push(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 3));
      inFlight--;
      if (first) {
        first = false;
        throw fail({ kind: 'rate_limited', status: 529, type: 'overloaded' });
      }
      return 1;
    },
    toRecord: () => ({}),
    journal: j.journal,
    concurrency: 8,
    retry: fast,
  });
  assert.equal(result.stats.done, 60);
  assert.equal(result.stats.concurrency, 8, 'recovered to the configured limit');
  assert.ok(peaks.slice(8, 16).every((p) => p <= 4), 'right after the 529 at most half as many in flight');
  assert.ok(peaks.slice(16).some((p) => p > 4), 'then more again');
  j.done();
});

test('runJobs: a fatal error stops the run early; jobs in flight finish and are recorded', async () => {
  const j = journals();
  let calls = 0;
  const result = await runJobs({
    jobs: jobs(50),
    call: async (job) => {
      calls++;
      if (job.id === 'j2') throw fail({ kind: 'fatal', status: 401, type: 'authentication' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 1;
    },
    toRecord: (job) => ({ id: job.id }),
    journal: j.journal,
    errors: j.errors,
    concurrency: 3,
    retry: fast,
  });
  assert.equal(result.stopReason, 'fatal');
  assert.equal(result.fatal?.status, 401);
  assert.equal(calls, 3, 'nothing started after the 401');
  assert.deepEqual(j.lines().map((l) => l.id).sort(), ['j0', 'j1']);
  assert.equal(result.unfinished, 48, 'the 401 job stays unfinished, not failed');
  j.done();
});

test('runJobs: the budget counts in-flight estimates and stops starting; the stop signal drains gracefully', async () => {
  const j = journals();
  const budget = await runJobs({
    jobs: jobs(20),
    call: async () => 0.1,
    toRecord: () => ({}),
    journal: j.journal,
    concurrency: 4,
    retry: fast,
    costOf: (cost) => cost,
    estimateCost: () => 0.15,
    maxCostUsd: 1,
    spentBeforeUsd: 0.2,
  });
  assert.equal(budget.stopReason, 'budget');
  assert.ok(0.2 + budget.stats.spentUsd <= 1);
  assert.equal(budget.stats.done, 7, '0.2 + 7 × 0.1 = 0.9; an 8th (est. 0.15) would pass 1');

  const stop = new AbortController();
  let calls = 0;
  const interrupted = await runJobs({
    jobs: jobs(30),
    call: async () => {
      if (++calls === 3) stop.abort();
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 1;
    },
    toRecord: () => ({}),
    journal: j.journal,
    concurrency: 2,
    retry: fast,
    stopSignal: stop.signal,
  });
  assert.equal(interrupted.stopReason, 'interrupted');
  assert.equal(interrupted.stats.done, calls, 'every started call finished and was recorded');
  assert.ok(calls <= 4);
  j.done();
});

test('runJobs: many jobs failing in a row stop the run (a provider that is down)', async () => {
  const j = journals();
  const result = await runJobs({
    jobs: jobs(100),
    call: async () => {
      throw fail({ kind: 'rejected', status: 413, type: 'too_large' });
    },
    toRecord: () => ({}),
    journal: j.journal,
    errors: j.errors,
    concurrency: 2,
    retry: fast,
    maxConsecutiveFailures: 5,
  });
  assert.equal(result.stopReason, 'fatal');
  assert.equal(result.fatal?.type, 'failing');
  assert.ok(result.stats.failed >= 5 && result.stats.failed <= 7);
  j.done();
});
