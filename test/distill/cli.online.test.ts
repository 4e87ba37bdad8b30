import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../src/core/index.js';
import { runCli } from '../helpers/cli.js';
import { startMockProvider } from '../helpers/mockProvider.js';
import { distillIn } from './inProcess.js';
import { TEST_KEY, TEST_OPENAI_KEY, allFiles, counts, makeWorkspace, readLines } from './workspace.js';

test('claude: 429 (retry-after), 529, 500 and dropped connections are retried; every request answered once, cached, reported; no key in any file', async (t) => {
  const ws = makeWorkspace(t, 12);
  const mock = await startMockProvider({
    apiKey: TEST_KEY,
    latencyMs: 5,
    fault: (n, route) => {
      if (route !== 'messages') return undefined;
      if (n === 2) return { status: 429, retryAfterMs: 30 };
      if (n === 4) return { status: 529 };
      if (n === 6) return { status: 500 };
      if (n === 8) return { drop: true };
      return undefined;
    },
  });
  t.after(() => mock.close());
  const result = await runCli(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--concurrency', '3', '--json'], {
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url },
  });
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assert.equal(summary.answered, 12);
  assert.equal(summary.unanswered, 0);
  const outputs = readLines(ws.file('raw_outputs_claude.jsonl'));
  assert.deepEqual([...counts(outputs.map((o) => String(o.request_id))).values()].every((c) => c === 1), true);
  assert.deepEqual(outputs.map((o) => o.request_id).sort(), ws.requestIds);
  assert.ok(outputs.every((o) => typeof o.text === 'string' && (o.text as string).includes('Phaser.Game')));
  assert.ok(outputs.some((o) => (o.attempts as number) > 1), 'some answers needed retries');
  assert.equal(mock.calls.messages, 12 + 4, 'each fault cost exactly one extra call');
  const report = JSON.parse(readFileSync(join(ws.dir, 'data', 'reports', 'distill_claude_report.json'), 'utf8'));
  assert.equal(report.counts.answered, 12);
  assert.equal(report.counts.retries, 4);
  assert.ok(report.cache.write_tokens > 1000, 'the static prefix was written to the cache');
  assert.ok(report.cache.read_tokens > 10 * 1000, 'and read back by later requests');
  assert.ok(report.spend_usd.this_run > 0);
  assert.ok(report.latency_ms.count === 12);
  const checkpoint = JSON.parse(readFileSync(ws.file('checkpoint_claude.json'), 'utf8'));
  assert.equal(checkpoint.done, 12);
  assert.equal(checkpoint.unanswered, 0);
  for (const file of allFiles(ws.dir)) assert.ok(!readFileSync(file, 'utf8').includes(TEST_KEY), `key found in ${file}`);
  assert.ok(!result.stdout.includes(TEST_KEY) && !result.stderr.includes(TEST_KEY));

  // A rerun has nothing left to send.
  const again = await runCli(['distill', '--teacher', 'claude', '--workspace', ws.dir], { env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url } });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(mock.calls.messages, 16);
});

test('claude: a wrong key (401) stops the run early, names ANTHROPIC_API_KEY, exits 1', async (t) => {
  const ws = makeWorkspace(t, 40);
  const mock = await startMockProvider({ apiKey: 'the-right-key-000000', latencyMs: 5 });
  t.after(() => mock.close());
  const result = await runCli(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--concurrency', '2'], {
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url },
  });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /ANTHROPIC_API_KEY/);
  assert.match(result.stderr, /40 of 40 requests are still unanswered/);
  assert.ok(mock.calls.messages <= 2, `stopped early (${mock.calls.messages} calls)`);
  assert.equal(readLines(ws.file('raw_outputs_claude.jsonl')).length, 0, 'a failed call is never an answer');
  const errors = readLines(ws.file('errors_claude.jsonl'));
  assert.ok(errors.length >= 1 && errors.every((e) => e.status === 401 && e.kind === 'fatal'));
  for (const file of allFiles(ws.dir)) assert.ok(!readFileSync(file, 'utf8').includes(TEST_KEY), `key found in ${file}`);
});

test('claude: missing ANTHROPIC_API_KEY is a usage error before anything is sent', async (t) => {
  const ws = makeWorkspace(t, 2);
  await assert.rejects(distillIn(ws.dir, { teacher: 'claude' }, { ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' }), (error: Error & { exitCode?: number }) => {
    assert.match(error.message, /ANTHROPIC_API_KEY is not set/);
    assert.equal(error.exitCode, 2);
    return true;
  });
});

test('claude: a 429 reporting a spend limit is not retried; a max_tokens stop marks the record truncated', async (t) => {
  const ws = makeWorkspace(t, 6, { truncation_retry_max_tokens: 0 });
  const mock = await startMockProvider({
    apiKey: TEST_KEY,
    stopReason: (user) => (user.includes('number 0 ') ? 'max_tokens' : 'end_turn'),
    fault: (n, route) => (route === 'messages' && n === 3 ? { status: 429, errorType: 'rate_limit_error', message: 'enforced_spend_limit_reached: monthly limit' } : undefined),
  });
  t.after(() => mock.close());
  const result = await distillIn(ws.dir, { teacher: 'claude', concurrency: 1 }, { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url });
  assert.equal(result.stop_reason, 'fatal');
  assert.match(result.stop_message!, /spend limit/);
  assert.equal(result.unanswered, 4);
  assert.equal(mock.calls.messages, 3, 'no retry after the spend-limit 429, nothing new started');
  const outputs = readLines(ws.file('raw_outputs_claude.jsonl'));
  assert.equal(outputs.length, 2);
  assert.equal(outputs.find((o) => o.request_id === 'req00000')?.truncated, true);
  assert.equal(outputs.find((o) => o.request_id === 'req00001')?.truncated, false);
});

test('claude: a truncated answer is re-asked once with a larger max_tokens; the record keeps both calls', async (t) => {
  const ws = makeWorkspace(t, 4, { claude: { max_tokens: 1000 } });
  const mock = await startMockProvider({
    apiKey: TEST_KEY,
    // Request 0 fits in 2,000 tokens; request 1 is cut off whatever the limit.
    stopReason: (user, maxTokens) => (user.includes('number 0 ') ? ((maxTokens ?? 0) >= 2000 ? 'end_turn' : 'max_tokens') : user.includes('number 1 ') ? 'max_tokens' : 'end_turn'),
  });
  t.after(() => mock.close());
  const result = await distillIn(ws.dir, { teacher: 'claude', concurrency: 1 }, { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url });
  assert.equal(result.answered, 4);
  assert.equal(mock.calls.messages, 6, 'two re-asks, no more');
  const sent = mock.received.filter((r) => r.route === 'messages');
  assert.deepEqual(sent.filter((r) => r.user!.includes('number 0 ')).map((r) => r.maxTokens), [1000, 2000], 'default: twice the first limit');
  const outputs = readLines(ws.file('raw_outputs_claude.jsonl'));
  assert.equal(outputs.length, 4, 'one record per request');
  const fixed = outputs.find((o) => o.request_id === 'req00000')!;
  const stillCut = outputs.find((o) => o.request_id === 'req00001')!;
  assert.equal(fixed.truncated, false);
  assert.equal(stillCut.truncated, true, 'cut off twice: kept, marked truncated, not asked a third time');
  const reask = fixed.truncation_reask as { first_max_tokens: number; max_tokens: number; first_stop_reason: string; first_usage: { output_tokens: number } };
  assert.deepEqual([reask.first_max_tokens, reask.max_tokens, reask.first_stop_reason], [1000, 2000, 'max_tokens']);
  assert.equal((fixed.usage as { output_tokens: number }).output_tokens, reask.first_usage.output_tokens * 2, 'usage (and cost) cover both calls');
  assert.equal(outputs.find((o) => o.request_id === 'req00002')!.truncation_reask, undefined);
  const report = JSON.parse(readFileSync(join(ws.dir, 'data', 'reports', 'distill_claude_report.json'), 'utf8'));
  assert.equal(report.counts.truncation_reasked, 2);
  assert.equal(report.counts.truncated, 1);

  // A configured limit wins.
  const ws2 = makeWorkspace(t, 2, { claude: { max_tokens: 1000 }, truncation_retry_max_tokens: 5000 });
  await distillIn(ws2.dir, { teacher: 'claude', concurrency: 1 }, { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url });
  assert.deepEqual(mock.received.filter((r) => r.route === 'messages').slice(6).filter((r) => r.user!.includes('number 0 ')).map((r) => r.maxTokens), [1000, 5000]);
});

test('openai: OpenAI-compatible endpoint (OPENAI_BASE_URL), 500 retried, usage recorded', async (t) => {
  const ws = makeWorkspace(t, 5, { openai: { model: 'gpt-4.1-mini' } });
  const mock = await startMockProvider({ apiKey: TEST_OPENAI_KEY, fault: (n, route) => (route === 'chat' && n === 1 ? { status: 500 } : undefined) });
  t.after(() => mock.close());
  const result = await distillIn(ws.dir, { teacher: 'openai' }, { OPENAI_API_KEY: TEST_OPENAI_KEY, OPENAI_BASE_URL: `${mock.url}/v1` });
  assert.equal(result.unanswered, 0);
  const outputs = readLines(ws.file('raw_outputs_openai.jsonl'));
  assert.equal(outputs.length, 5);
  assert.ok(outputs.every((o) => o.teacher === 'openai' && o.model === 'gpt-4.1-mini' && (o.usage as { input_tokens: number }).input_tokens > 1000));
  assert.equal(mock.calls.chat, 6);
  for (const file of allFiles(ws.dir)) assert.ok(!readFileSync(file, 'utf8').includes(TEST_OPENAI_KEY));
});

test('a request that carries its own max_tokens/temperature is sent with them; the others get the flag (max tokens) or the config (temperature)', async (t) => {
  // requests 0 and 2 set their own (requests.max_tokens / requests.temperature); 1 and 3 leave them null
  const own = (i: number) => (i % 2 === 0 ? { max_tokens: 900 + i, temperature: 0.2 } : { max_tokens: null, temperature: null });
  for (const teacher of ['claude', 'openai'] as const) {
    const ws = makeWorkspace(t, 4, { openai: { model: 'gpt-4.1-mini' } }, own);
    const mock = await startMockProvider({ apiKey: teacher === 'claude' ? TEST_KEY : TEST_OPENAI_KEY });
    try {
      const env: Record<string, string> = teacher === 'claude' ? { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url } : { OPENAI_API_KEY: TEST_OPENAI_KEY, OPENAI_BASE_URL: `${mock.url}/v1` };
      const result = await distillIn(ws.dir, { teacher, maxTokens: 700 }, env);
      assert.equal(result.unanswered, 0);
      const sent = new Map(mock.received.map((r) => [r.user, r]));
      for (const [i, user] of ws.users.entries()) {
        const request = sent.get(user);
        assert.ok(request, `${teacher}: request ${i} was sent`);
        assert.equal(request.maxTokens, i % 2 === 0 ? 900 + i : 700, `${teacher}: max tokens of request ${i}`);
        assert.equal(request.temperature, i % 2 === 0 ? 0.2 : defaultConfig().teacher[teacher].temperature, `${teacher}: temperature of request ${i}`);
      }
    } finally {
      await mock.close();
    }
  }
});
