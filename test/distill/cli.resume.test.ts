import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { startMockProvider } from '../helpers/mockProvider.js';
import { cliCommand, projectRoot, runCli } from '../helpers/cli.js';
import { distillIn } from './inProcess.js';
import { TEST_KEY, counts, makeWorkspace, readLines } from './workspace.js';

/** Wait until `check` holds (polling), or fail after `ms`. */
async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

test('kill -9 mid-run, torn last line, rerun: every request exactly once; nothing recorded is sent again', async (t) => {
  const total = 60;
  const concurrency = 4;
  const ws = makeWorkspace(t, total);
  const mockOptions = { apiKey: TEST_KEY, latencyMs: 150 };
  const mock = await startMockProvider(mockOptions);
  t.after(() => mock.close());
  const outputs = ws.file('raw_outputs_claude.jsonl');
  const { command, args } = cliCommand(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--concurrency', String(concurrency)]);
  const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url }, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await waitFor(() => readLines(outputs).length >= 10, 60_000, '10 answers');
  child.kill('SIGKILL');
  await exited;
  const firstRun = readLines(outputs);
  assert.ok(firstRun.length < total, 'killed before the end');
  // A writer killed mid-record leaves half a line behind.
  appendFileSync(outputs, '{"request_id":"req000');
  const doneUsers = new Set(firstRun.map((o) => ws.users[ws.requestIds.indexOf(String(o.request_id))]));
  const seenBefore = mock.received.length;
  mockOptions.latencyMs = 5;

  const rerun = await runCli(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--concurrency', String(concurrency), '--json'], {
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url },
  });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal(JSON.parse(rerun.stdout).done_before, firstRun.length);
  const final = readLines(outputs);
  assert.equal(final.length, total);
  assert.deepEqual([...new Set(final.map((o) => o.request_id))].sort(), ws.requestIds);
  const secondRun = mock.received.slice(seenBefore);
  assert.ok(secondRun.every((r) => !doneUsers.has(r.user!)), 'no recorded request was sent again');
  const repeats = [...counts(mock.received.map((r) => r.user!)).values()].filter((c) => c > 1).length;
  assert.ok(repeats <= concurrency, `only requests in flight at the kill were sent twice (${repeats})`);
  assert.ok(!existsSync(ws.file('.distill_claude.lock')), 'lock released');
  const checkpoint = JSON.parse(readFileSync(ws.file('checkpoint_claude.json'), 'utf8'));
  assert.equal(checkpoint.done, total);
});

test('--max-cost-usd stops starting requests, resumable; a higher cap completes the set', async (t) => {
  const ws = makeWorkspace(t, 30, { expected_output_tokens: 100 });
  const mock = await startMockProvider({ apiKey: TEST_KEY, latencyMs: 5 });
  t.after(() => mock.close());
  const env = { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url };
  const capped = await distillIn(ws.dir, { teacher: 'claude', concurrency: 2, maxCostUsd: 0.03 }, env);
  assert.equal(capped.stop_reason, 'budget');
  assert.match(capped.stop_message!, /budget reached/);
  const first = readLines(ws.file('raw_outputs_claude.jsonl'));
  const spent = first.reduce((sum, o) => sum + (o.cost_usd as number), 0);
  assert.ok(first.length > 0 && first.length < 30, `${first.length} answered`);
  assert.ok(spent <= 0.03, `spent ${spent} within the cap`);
  assert.equal(mock.calls.messages, first.length, 'nothing started past the cap');

  const rest = await distillIn(ws.dir, { teacher: 'claude', maxCostUsd: 5 }, env);
  assert.equal(rest.unanswered, 0);
  const final = readLines(ws.file('raw_outputs_claude.jsonl'));
  assert.equal(final.length, 30);
  assert.equal(new Set(final.map((o) => o.request_id)).size, 30);
});

test('--dry-run sends nothing and estimates within 10% of the tokens and cost the provider counts', async (t) => {
  const { countTokens } = await import('../../src/core/tokens.js');
  const { DEFAULT_ANSWER } = await import('../helpers/mockProvider.js');
  const ws = makeWorkspace(t, 20, { expected_output_tokens: countTokens(DEFAULT_ANSWER) });
  const mock = await startMockProvider({ apiKey: TEST_KEY });
  t.after(() => mock.close());
  const env = { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url };
  const dry = await runCli(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--dry-run', '--json'], { env });
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(mock.calls.messages, 0, 'nothing sent');
  assert.ok(!existsSync(ws.file('raw_outputs_claude.jsonl')));
  const estimate = JSON.parse(dry.stdout).estimate;
  assert.equal(estimate.requests, 20);

  const run = await distillIn(ws.dir, { teacher: 'claude', concurrency: 1 }, env);
  assert.equal(run.unanswered, 0);
  const within = (a: number, b: number) => Math.abs(a - b) / b <= 0.1;
  assert.ok(within(estimate.input_tokens, mock.inputTokens), `input ${estimate.input_tokens} vs ${mock.inputTokens}`);
  const actualCost = readLines(ws.file('raw_outputs_claude.jsonl')).reduce((sum, o) => sum + (o.cost_usd as number), 0);
  assert.ok(within(estimate.estimated_cost_usd, actualCost), `cost ${estimate.estimated_cost_usd} vs ${actualCost}`);
  assert.ok(estimate.upper_bound_cost_usd >= actualCost);
});

test('Ctrl-C (SIGINT): requests in flight finish and are recorded, checkpoint written, exit 1 with the count', async (t) => {
  const ws = makeWorkspace(t, 40);
  const mock = await startMockProvider({ apiKey: TEST_KEY, latencyMs: 200 });
  t.after(() => mock.close());
  const outputs = ws.file('raw_outputs_claude.jsonl');
  const { command, args } = cliCommand(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--concurrency', '4']);
  const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(() => readLines(outputs).length >= 4, 60_000, '4 answers');
  child.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 1);
  assert.match(stderr, /interrupted/);
  const recorded = readLines(outputs);
  assert.ok(recorded.length < 40);
  assert.equal(recorded.length, mock.received.filter((r) => r.answered).length, 'every answer the provider gave is recorded');
  const checkpoint = JSON.parse(readFileSync(ws.file('checkpoint_claude.json'), 'utf8'));
  assert.equal(checkpoint.done, recorded.length);
  assert.equal(checkpoint.unanswered, 40 - recorded.length);
});
