import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Workspace, writeJsonlAtomic } from '../../src/core/index.js';
import { cliCommand, projectRoot, runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';
import { DEFAULT_ANSWER, startMockProvider } from '../helpers/mockProvider.js';

function evalPrompts(n: number) {
  return Array.from({ length: n }, (_, i) => ({ id: `ev_${i}`, prompt: `Eval prompt number ${i}: a tiny game`, lang: i % 2 ? 'zh' : 'en', genre: 'snake', split: i % 3 ? 'iid' : 'ood', mechanics: [], difficulty: null, source: 'seed', seed_id: null, ood_kind: null }));
}

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('infer: every eval prompt answered once through an OpenAI-compatible server, with retries on 429 and 500', async (t) => {
  const mock = await startMockProvider({
    fault: (n, route) => (route === 'chat' && n === 2 ? { status: 429, retryAfterMs: 50 } : route === 'chat' && n === 4 ? { status: 500 } : undefined),
  });
  t.after(() => mock.close());
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  writeJsonlAtomic(workspace.evalPromptsFile, evalPrompts(6));
  writeJsonlAtomic(workspace.splitFile('train'), [{ instruction: 'x', input: '', output: 'y', system: 'You are the student system prompt.' }]);
  const result = await runCli(['--workspace', dir, 'infer', '--base-url', `${mock.url}/v1`, '--model', 'Org/student-7B', '--concurrency', '3', '--json'], { env: { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined } });
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assert.equal(summary.answered, 6);
  const file = workspace.generationsFile('Org/student-7B');
  assert.match(file, /generations_Org_student-7B\.jsonl$/);
  const generations = lines(file);
  assert.deepEqual(generations.map((g) => g.id).sort(), evalPrompts(6).map((p) => p.id).sort());
  for (const g of generations) {
    assert.equal(g.text, DEFAULT_ANSWER);
    assert.equal(g.model, 'Org/student-7B');
    assert.ok(['iid', 'ood'].includes(g.split));
  }
  assert.ok(generations.some((g) => g.attempts > 1), 'a retried request records its attempts');
  // Six answers plus the two faulted attempts.
  assert.ok(mock.received.filter((r) => r.route === 'chat').length >= 8);

  // Rerun: nothing left to do, nothing sent.
  const before = mock.calls.chat;
  const again = await runCli(['--workspace', dir, 'infer', '--base-url', `${mock.url}/v1`, '--model', 'Org/student-7B', '--json']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).answered, 0);
  assert.equal(mock.calls.chat, before);
});

test('infer resumes after kill -9: every prompt exactly once', async (t) => {
  const mock = await startMockProvider({ latencyMs: 250 });
  t.after(() => mock.close());
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  const prompts = evalPrompts(12);
  writeJsonlAtomic(workspace.evalPromptsFile, prompts);
  const file = workspace.generationsFile('m');
  const { command, args } = cliCommand(['--workspace', dir, 'infer', '--base-url', `${mock.url}/v1`, '--model', 'm', '--concurrency', '2']);
  const child = spawn(command, args, { cwd: projectRoot, stdio: 'ignore' });
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (existsSync(file) && lines(file).length >= 3) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('close', resolve));
  const partial = lines(file).length;
  assert.ok(partial < prompts.length, 'killed midway');

  const result = await runCli(['--workspace', dir, 'infer', '--base-url', `${mock.url}/v1`, '--model', 'm', '--concurrency', '4', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const ids = lines(file).map((g) => g.id);
  assert.equal(ids.length, prompts.length);
  assert.equal(new Set(ids).size, prompts.length, 'no prompt answered twice');
});

test('infer with no eval prompts says to run eval build; bad flags are usage errors', async (t) => {
  const dir = withTempDir(t);
  const missing = await runCli(['--workspace', dir, 'infer', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /eval build/);
  const noModel = await runCli(['--workspace', dir, 'infer', '--base-url', 'http://127.0.0.1:9/v1']);
  assert.equal(noModel.code, 2);
});

test('a damaged errors file (a bad middle line, a torn last line) does not stop infer: the torn tail is cut, new failures are whole lines after it', async (t) => {
  const mock = await startMockProvider({ fault: (n, route) => (route === 'chat' && n === 1 ? { status: 413, message: 'prompt too large' } : undefined) });
  t.after(() => mock.close());
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  writeJsonlAtomic(workspace.evalPromptsFile, evalPrompts(3));
  const errors = workspace.inferErrorsFile('m');
  const earlier = '{"id":"ev_9","model":"m","kind":"rejected"}\nnot json at all\n{"id":"ev_8","model":"m","kind":"rejected"}\n';
  writeFileSync(errors, `${earlier}{"id":"ev_7","mod`);
  const started = Date.now();
  const result = await runCli(['--workspace', dir, 'infer', '--base-url', `${mock.url}/v1`, '--model', 'm', '--concurrency', '1', '--json'], { timeoutMs: 60_000 });
  assert.notEqual(result.signal, 'SIGKILL', 'infer ended by itself');
  assert.ok(Date.now() - started < 60_000);
  assert.equal(result.code, 1, result.stderr);
  assert.equal(JSON.parse(result.stdout).answered, 2);
  const text = readFileSync(errors, 'utf8');
  assert.ok(text.startsWith(earlier), 'earlier lines kept as they were, the torn tail cut');
  const added = text.slice(earlier.length).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; kind: string });
  assert.equal(added.length, 1);
  assert.equal(added[0].id, 'ev_0');
});
