import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { startMockProvider, type MockProviderOptions } from '../helpers/mockProvider.js';
import { cliCommand, projectRoot, runCli } from '../helpers/cli.js';
import { distillIn } from './inProcess.js';
import { defaultConfig } from '../../src/core/index.js';
import { TEST_KEY, TEST_OPENAI_KEY, allFiles, makeWorkspace, readLines, systemPrompt } from './workspace.js';

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

const checkpointOf = (file: string) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

/**
 * A run was killed between creating a batch (already on the mock, created at `startedAt`) and
 * saving its id: from that checkpoint, distill finds the batch and collects it, creating no other.
 */
async function assertInterruptedCreateRecovered(
  ws: ReturnType<typeof makeWorkspace>,
  teacher: 'claude' | 'openai',
  model: string,
  startedAt: string,
  env: Record<string, string>,
  creates: () => number,
): Promise<void> {
  const count = ws.requestIds.length;
  const checkpoint = { teacher, model, total: count, done: 0, failed: 0, unanswered: count, cost_usd: 0, batches: [], pending_batch: { request_count: count, started_at: startedAt }, updated_at: startedAt };
  writeFileSync(ws.file(`checkpoint_${teacher}.json`), JSON.stringify(checkpoint));
  const result = await distillIn(ws.dir, { teacher, batch: true }, env);
  assert.equal(result.unanswered, 0);
  assert.equal(creates(), 1, 'only the original create');
  assert.equal(readLines(ws.file(`raw_outputs_${teacher}.jsonl`)).length, count);
  assert.equal(checkpointOf(ws.file(`checkpoint_${teacher}.json`)).pending_batch, undefined);
}

test('--batch: one Message Batch created, polled, results mapped back by custom_id at half price', async (t) => {
  const ws = makeWorkspace(t, 10);
  const mock = await startMockProvider({ apiKey: TEST_KEY, batchPolls: 3 });
  t.after(() => mock.close());
  const result = await runCli(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--batch', '--json'], { env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url } });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(mock.calls.batch_create, 1);
  assert.equal(mock.calls.messages, 0, 'no online calls in batch mode');
  assert.ok(mock.calls.batch_get >= 3, 'polled until ended');
  const outputs = readLines(ws.file('raw_outputs_claude.jsonl'));
  assert.deepEqual(outputs.map((o) => o.request_id).sort(), ws.requestIds);
  const batchId = checkpointOf(ws.file('checkpoint_claude.json')).batches[0].id as string;
  assert.ok(outputs.every((o) => o.batch_id === batchId));
  // Half of Sonnet 5.5's list price: 2 in, 10 out, 2.5 cache write, 0.1 cache read per million.
  for (const o of outputs) {
    const u = o.usage as Record<string, number>;
    const full = (u.input_tokens * 2 + u.output_tokens * 10 + u.cache_creation_input_tokens * 2.5 + u.cache_read_input_tokens * 0.1) / 1e6;
    assert.ok(Math.abs((o.cost_usd as number) - full / 2) < 1e-7);
  }
  assert.equal(checkpointOf(ws.file('checkpoint_claude.json')).batches[0].status, 'collected');
  for (const file of allFiles(ws.dir)) assert.ok(!readFileSync(file, 'utf8').includes(TEST_KEY));
});

test('--batch: kill -9 while polling, rerun resumes the same batch without submitting again', async (t) => {
  const ws = makeWorkspace(t, 8);
  const options: MockProviderOptions = { apiKey: TEST_KEY, batchPolls: 1_000_000 };
  const mock = await startMockProvider(options);
  t.after(() => mock.close());
  const env = { ...process.env, ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url };
  const { command, args } = cliCommand(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--batch']);
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await waitFor(() => checkpointOf(ws.file('checkpoint_claude.json'))?.batches?.length === 1 && mock.calls.batch_get >= 2, 60_000, 'a submitted batch being polled');
  child.kill('SIGKILL');
  await exited;
  assert.equal(mock.calls.batch_create, 1);
  options.batchPolls = 1; // the batch ends now

  const rerun = await runCli(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--batch'], { env });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal(mock.calls.batch_create, 1, 'never submitted twice');
  const outputs = readLines(ws.file('raw_outputs_claude.jsonl'));
  assert.equal(outputs.length, 8);
  assert.equal(new Set(outputs.map((o) => o.request_id)).size, 8);
});

test('--batch: errored and expired items are resubmitted in a second batch, only those', async (t) => {
  const ws = makeWorkspace(t, 6);
  const seen = new Set<string>();
  const mock = await startMockProvider({
    apiKey: TEST_KEY,
    batchPolls: 1,
    batchItemResult: (customId) => {
      const first = !seen.has(customId);
      seen.add(customId);
      if (first && customId === 'req00001') return 'errored';
      if (first && customId === 'req00004') return 'expired';
      return 'succeeded';
    },
  });
  t.after(() => mock.close());
  const result = await distillIn(ws.dir, { teacher: 'claude', batch: true }, { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url });
  assert.equal(result.unanswered, 0);
  const creates = mock.received.filter((r) => r.route === 'batch_create');
  assert.equal(creates.length, 2);
  assert.deepEqual(creates[1].customIds!.sort(), ['req00001', 'req00004']);
  const outputs = readLines(ws.file('raw_outputs_claude.jsonl'));
  assert.equal(outputs.length, 6);
  assert.equal(outputs.find((o) => o.request_id === 'req00001')?.attempts, 2);
});

test('--batch: a create whose id was never saved (kill between create and checkpoint) is found, not resubmitted', async (t) => {
  const ws = makeWorkspace(t, 4);
  const mock = await startMockProvider({ apiKey: TEST_KEY, batchPolls: 1 });
  t.after(() => mock.close());
  const requests = ws.requestIds.map((id, i) => ({ custom_id: id, params: { model: 'claude-sonnet-5-5', max_tokens: 100, system: [{ type: 'text', text: systemPrompt(i) }], messages: [{ role: 'user', content: ws.users[i] }] } }));
  const startedAt = new Date().toISOString();
  const created = await fetch(`${mock.url}/v1/messages/batches`, { method: 'POST', headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ requests }) });
  assert.equal(created.status, 200);
  await assertInterruptedCreateRecovered(ws, 'claude', 'claude-sonnet-5-5', startedAt, { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url }, () => mock.calls.batch_create);
});

test('--batch --teacher openai: one JSONL file uploaded, one batch polled, answers mapped back by custom_id at half price', async (t) => {
  const ws = makeWorkspace(t, 8, { openai: { model: 'gpt-4.1-mini' } });
  const mock = await startMockProvider({ apiKey: TEST_OPENAI_KEY, batchPolls: 3 });
  t.after(() => mock.close());
  const result = await runCli(['distill', '--teacher', 'openai', '--workspace', ws.dir, '--batch', '--json'], { env: { OPENAI_API_KEY: TEST_OPENAI_KEY, OPENAI_BASE_URL: `${mock.url}/v1` } });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual([mock.calls.file_upload, mock.calls.oai_batch_create, mock.calls.chat], [1, 1, 0]);
  // polled until completed (the mock's third look), and not asked again for the result files
  assert.equal(mock.calls.oai_batch_get, 3);
  assert.deepEqual(mock.received.find((r) => r.route === 'oai_batch_create')!.customIds!.sort(), ws.requestIds);
  const outputs = readLines(ws.file('raw_outputs_openai.jsonl'));
  assert.deepEqual(outputs.map((o) => o.request_id).sort(), ws.requestIds);
  const checkpoint = checkpointOf(ws.file('checkpoint_openai.json'));
  assert.equal(checkpoint.batches[0].status, 'collected');
  assert.ok(outputs.every((o) => o.batch_id === checkpoint.batches[0].id && (o.text as string).includes('Phaser.Game')));
  // half of the configured gpt-4.1-mini price, per answer
  const price = defaultConfig().teacher.prices['gpt-4.1-mini'];
  for (const o of outputs) {
    const u = o.usage as Record<string, number>;
    const full = (u.input_tokens * price.input + u.output_tokens * price.output + u.cache_read_input_tokens * price.cache_read) / 1e6;
    assert.ok(u.input_tokens > 1000 && Math.abs((o.cost_usd as number) - full / 2) < 1e-7, `cost of ${o.request_id}`);
  }
  for (const file of allFiles(ws.dir)) assert.ok(!readFileSync(file, 'utf8').includes(TEST_OPENAI_KEY));
});

test('--batch --teacher openai: a 400 item fails for good, 500 and expired items go into a second batch', async (t) => {
  const ws = makeWorkspace(t, 6, { openai: { model: 'gpt-4.1-mini' } });
  const seen = new Set<string>();
  const mock = await startMockProvider({
    apiKey: TEST_OPENAI_KEY,
    batchPolls: 1,
    batchItemResult: (customId) => {
      const first = !seen.has(customId);
      seen.add(customId);
      if (customId === 'req00002') return 'invalid';
      if (first && customId === 'req00001') return 'errored';
      if (first && customId === 'req00004') return 'expired';
      return 'succeeded';
    },
  });
  t.after(() => mock.close());
  const result = await distillIn(ws.dir, { teacher: 'openai', batch: true }, { OPENAI_API_KEY: TEST_OPENAI_KEY, OPENAI_BASE_URL: `${mock.url}/v1` });
  assert.equal(result.unanswered, 1);
  const creates = mock.received.filter((r) => r.route === 'oai_batch_create');
  assert.equal(creates.length, 2);
  assert.deepEqual(creates[1].customIds!.sort(), ['req00001', 'req00004']);
  const outputs = readLines(ws.file('raw_outputs_openai.jsonl'));
  assert.deepEqual(outputs.map((o) => o.request_id).sort(), ['req00000', 'req00001', 'req00003', 'req00004', 'req00005']);
  assert.equal(outputs.find((o) => o.request_id === 'req00001')?.attempts, 2);
  const errors = readLines(ws.file('errors_openai.jsonl'));
  assert.deepEqual(errors.map((e) => [e.request_id, e.error_type]), [['req00002', 'invalid_request']]);
});

test('--batch --teacher openai: a batch created just before a kill (id never saved) is found by its marker, not paid twice', async (t) => {
  const ws = makeWorkspace(t, 4, { openai: { model: 'gpt-4.1-mini' } });
  const mock = await startMockProvider({ apiKey: TEST_OPENAI_KEY, batchPolls: 1 });
  t.after(() => mock.close());
  // what the killed run had sent: the file, then the batch with its create marker
  const startedAt = new Date().toISOString();
  const lines = ws.requestIds.map((id, i) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4.1-mini', messages: [{ role: 'system', content: systemPrompt(i) }, { role: 'user', content: ws.users[i] }] } }));
  const form = new FormData();
  form.append('purpose', 'batch');
  form.append('file', new Blob([lines.join('\n') + '\n']), 'batch.jsonl');
  const auth = { authorization: `Bearer ${TEST_OPENAI_KEY}` };
  const file = (await (await fetch(`${mock.url}/v1/files`, { method: 'POST', headers: auth, body: form })).json()) as { id: string };
  const created = await fetch(`${mock.url}/v1/batches`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { phaser_sft_create: startedAt } }),
  });
  assert.equal(created.status, 200);
  await assertInterruptedCreateRecovered(ws, 'openai', 'gpt-4.1-mini', startedAt, { OPENAI_API_KEY: TEST_OPENAI_KEY, OPENAI_BASE_URL: `${mock.url}/v1` }, () => mock.calls.oai_batch_create);
});

test('--batch --teacher openai: a batch the provider fails as a whole stops the run with its reason, nothing resubmitted', async (t) => {
  const ws = makeWorkspace(t, 3, { openai: { model: 'gpt-4.1-mini' } });
  const mock = await startMockProvider({ apiKey: TEST_OPENAI_KEY, batchPolls: 1, openAiBatchFailure: 'The model `gpt-4.1-mini` does not exist' });
  t.after(() => mock.close());
  const result = await runCli(['distill', '--teacher', 'openai', '--workspace', ws.dir, '--batch'], { env: { OPENAI_API_KEY: TEST_OPENAI_KEY, OPENAI_BASE_URL: `${mock.url}/v1` } });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /OpenAI failed batch batch_1: The model `gpt-4.1-mini` does not exist/);
  assert.equal(mock.calls.oai_batch_create, 1);
  assert.equal(readLines(ws.file('raw_outputs_openai.jsonl')).length, 0);
  // closed in the checkpoint: a rerun, once the cause is fixed, submits the requests anew
  assert.equal(checkpointOf(ws.file('checkpoint_openai.json')).batches[0].status, 'collected');
});
