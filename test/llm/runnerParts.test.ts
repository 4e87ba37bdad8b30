import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveConcurrency, BudgetGate, JobQueue } from '../../src/llm/index.js';

test('BudgetGate: spend so far + in-flight estimates + this estimate must stay within the cap', () => {
  const gate = new BudgetGate<{ id: string; usd: number }>({ maxCostUsd: 1, spentBeforeUsd: 0.2, estimateCost: (job) => job.usd });
  const job = { id: 'a', usd: 0.3 };
  assert.equal(gate.estimate(job), 0.3);
  assert.ok(gate.admits(0.3));
  gate.reserve(0.3);
  gate.reserve(0.3);
  assert.ok(!gate.admits(0.3), '0.2 spent + 0.6 in flight + 0.3 > 1');
  gate.release(0.3);
  gate.charge(0.1); // the call cost less than estimated
  assert.ok(gate.admits(0.3), '0.2 + 0.1 + 0.3 + 0.3 ≤ 1');
  assert.equal(gate.spentUsd, 0.1);
  assert.ok(Math.abs(gate.totalSpentUsd - 0.3) < 1e-12);
  assert.ok(gate.admits(0.4) && !gate.admits(0.41));

  const uncapped = new BudgetGate<{ id: string }>({ estimateCost: () => 99 });
  assert.equal(uncapped.estimate({ id: 'x' }), 0, 'no cap: nothing is estimated');
  assert.ok(uncapped.admits(1e9));
});

test('AdaptiveConcurrency: a 429 halves the limit once per burst and holds starts; a full window of successes raises it', () => {
  const limit = new AdaptiveConcurrency(8);
  assert.equal(limit.limit, 8);
  limit.rateLimited(10_000);
  assert.equal(limit.limit, 4);
  limit.rateLimited(10_500);
  assert.equal(limit.limit, 4, 'the same burst does not halve again');
  limit.rateLimited(11_200);
  assert.equal(limit.limit, 2);
  limit.rateLimited(12_300);
  limit.rateLimited(13_400);
  assert.equal(limit.limit, 1, 'never below 1');

  limit.succeeded(13_000); // started before the last decrease: says nothing about the new limit
  assert.equal(limit.limit, 1);
  limit.succeeded(13_500);
  assert.equal(limit.limit, 2, 'one success is a full window at limit 1');
  limit.succeeded(13_600);
  assert.equal(limit.limit, 2);
  limit.succeeded(13_700);
  assert.equal(limit.limit, 3);
  for (let i = 0; i < 100; i++) limit.succeeded(14_000 + i);
  assert.equal(limit.limit, 8, 'back up to the configured maximum, never above');

  limit.coolDown(20_000);
  limit.coolDown(15_000);
  assert.equal(limit.cooldownUntil, 20_000, 'the longest wait wins');
});

test('JobQueue: due retries first, each id once, a job given back is taken again, unfinished counts held jobs', () => {
  const queue = new JobQueue([{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c' }]);
  const a = queue.take(0)!;
  assert.equal(a.job.id, 'a');
  const b = queue.take(0)!;
  queue.giveBack(b); // e.g. the budget refused it
  assert.equal(queue.take(0)!.job.id, 'b');
  a.attempts = 1;
  a.readyAt = 50;
  queue.hold(a);
  assert.equal(queue.nextRetryAt(), 50);
  assert.equal(queue.take(10)!.job.id, 'c', 'the duplicate "a" is skipped; the retry is not due yet');
  assert.equal(queue.take(10), undefined);
  assert.ok(!queue.drained);
  assert.equal(queue.unfinished, 1);
  assert.equal(queue.take(50)!.job.id, 'a');
  assert.ok(queue.drained);
  assert.equal(queue.unfinished, 0);
});
