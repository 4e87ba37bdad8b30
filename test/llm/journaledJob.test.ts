import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ClassifiedCallError, runJobs, runJournaledJob, selectPending, type Endpoint } from '../../src/llm/index.js';

function tempFolder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-journaled-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const jobs = Array.from({ length: 6 }, (_, i) => ({ id: `p${i}` }));
const endpoint: Endpoint = { name: 'the test API', key: 'TEST_KEY', model: 'm', notFoundHint: 'the model name "m"' };
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string });

/** Done ids as a caller reads them back from its journal. */
function doneIds(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const ids = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    try {
      ids.add((JSON.parse(line) as { id: string }).id);
    } catch {
      // a torn last line (kill -9 mid-write) is no record
    }
  }
  return ids;
}

function run(dir: string, call: (id: string) => Promise<string>, extra: { limit?: number; skip?: Set<string> } = {}) {
  const journal = join(dir, 'out.jsonl');
  return runJournaledJob({
    jobs,
    done: doneIds(journal),
    ...extra,
    lock: { file: join(dir, 'run.lock'), what: 'test run' },
    journal,
    errors: join(dir, 'errors.jsonl'),
    progress: { label: 'test', unit: 'req', quiet: true },
    endpoint,
    interruptedMessage: () => 'interrupted',
    run: ({ pending, journal: out, errors }) =>
      runJobs({ jobs: pending, call: (job) => call(job.id), toRecord: (job, text) => ({ id: job.id, text }), journal: out, errors, concurrency: 2, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } }),
  });
}

test('runJournaledJob resumes after a partial journal: only what has no record is sent, the torn line repaired', async (t) => {
  const dir = tempFolder(t);
  const journal = join(dir, 'out.jsonl');
  // An earlier run answered p0 and p2, and was killed while writing p3's line.
  writeFileSync(journal, JSON.stringify({ id: 'p0', text: 'old' }) + '\n' + JSON.stringify({ id: 'p2', text: 'old' }) + '\n');
  appendFileSync(journal, '{"id":"p3","te');
  const sent: string[] = [];
  const outcome = await run(dir, async (id) => {
    sent.push(id);
    return `new ${id}`;
  });
  assert.deepEqual(sent.sort(), ['p1', 'p3', 'p4', 'p5']);
  assert.deepEqual([outcome.total, outcome.doneBefore, outcome.pending, outcome.unanswered], [6, 2, 4, 0]);
  assert.equal(outcome.result.stopReason, 'completed');
  assert.equal(outcome.stopMessage, undefined);
  assert.deepEqual(lines(journal).map((l) => l.id).sort(), jobs.map((j) => j.id));
  assert.ok(!existsSync(join(dir, 'run.lock')), 'the lock is released');

  // A rerun sends nothing.
  const again = await run(dir, async () => assert.fail('nothing left to send'));
  assert.deepEqual([again.doneBefore, again.pending, again.unanswered], [6, 0, 0]);
});

test('runJournaledJob: a fatal error is one sentence, the lock is released; a live lock refuses a second run', async (t) => {
  const dir = tempFolder(t);
  const outcome = await run(dir, async (id) => {
    if (id === 'p1') throw new ClassifiedCallError({ kind: 'fatal', status: 401, type: 'authentication', message: 'bad key' });
    return id;
  });
  assert.equal(outcome.result.stopReason, 'fatal');
  assert.equal(outcome.stopMessage, 'the test API rejected the key (401): check TEST_KEY');
  assert.ok(outcome.unanswered >= 1);
  assert.ok(!existsSync(join(dir, 'run.lock')));

  // A lock held by a process that is alive (this test's parent shell is as good as any).
  writeFileSync(join(dir, 'run.lock'), String(process.ppid));
  await assert.rejects(run(dir, async (id) => id), /test run is already running/);
  // One whose owner is gone is taken over.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  writeFileSync(join(dir, 'run.lock'), dead);
  const resumed = await run(dir, async (id) => id);
  assert.equal(resumed.unanswered, 0);
});

test('selectPending: not done, not skipped, in order, at most limit', () => {
  const done = new Set(['p0', 'p3']);
  const skip = new Set(['p1', 'p3']);
  const all = selectPending(jobs, done, skip);
  assert.deepEqual(all.pending.map((j) => j.id), ['p2', 'p4', 'p5']);
  assert.deepEqual([all.doneBefore, all.skipped], [2, 1], 'p3 is done, so not counted as skipped');
  assert.deepEqual(selectPending(jobs, done, undefined, 2).pending.map((j) => j.id), ['p1', 'p2']);
  assert.deepEqual(selectPending(jobs, done, undefined, -1).pending, []);
});
