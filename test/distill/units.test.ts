import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/index.js';
import { backoffDelayMs, claudeParams, classifyError, costUsd, priceFor, redactSecrets, retryAfterMs, splitSystemPrompt } from '../../src/llm/index.js';

const headers = (entries: Record<string, string>) => new Headers(entries);

test('classifyError: one taxonomy for both SDKs and the network', () => {
  assert.equal(classifyError({ status: 429, headers: headers({ 'retry-after': '3' }) }).kind, 'rate_limited');
  assert.equal(classifyError({ status: 429, headers: headers({ 'retry-after': '3' }) }).retryAfterMs, 3000);
  assert.equal(classifyError({ status: 529 }).type, 'overloaded');
  assert.equal(classifyError({ status: 503 }).kind, 'retryable');
  assert.equal(classifyError({ status: 401 }).type, 'authentication');
  assert.equal(classifyError({ status: 400 }).kind, 'fatal');
  assert.equal(classifyError({ status: 404 }).kind, 'fatal');
  assert.equal(classifyError({ status: 413 }).kind, 'rejected');
  const spend = classifyError({ status: 429, error: { type: 'error', error: { type: 'rate_limit_error', message: 'enforced_spend_limit_reached' } } });
  assert.deepEqual([spend.kind, spend.type], ['fatal', 'spend_limit']);
  assert.equal(classifyError({ status: 429, error: { error: { code: 'insufficient_quota' } } }).kind, 'fatal');
  assert.equal(classifyError(Object.assign(new Error('socket hang up'), { name: 'APIConnectionError' })).kind, 'retryable');
  assert.equal(classifyError(Object.assign(new Error('timed out'), { name: 'APIConnectionTimeoutError' })).type, 'timeout');
});

test('retry-after: -ms first, seconds, HTTP date; backoff grows, jitters, respects the server floor', () => {
  assert.equal(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
  assert.equal(retryAfterMs(headers({ 'retry-after': '2' })), 2000);
  const date = retryAfterMs(headers({ 'retry-after': new Date(Date.now() + 5000).toUTCString() }))!;
  assert.ok(date > 3000 && date <= 5000);
  assert.equal(retryAfterMs(headers({})), undefined);
  const policy = { maxRetries: 6, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(backoffDelayMs(1, policy, undefined, () => 1), 100);
  assert.equal(backoffDelayMs(3, policy, undefined, () => 1), 400);
  assert.equal(backoffDelayMs(3, policy, undefined, () => 0), 200);
  assert.equal(backoffDelayMs(9, policy, undefined, () => 1), 1000);
  assert.equal(backoffDelayMs(1, policy, 5000, () => 1), 5000);
});

test('redactSecrets removes keys from the environment', () => {
  const saved = process.env.ANTHROPIC_API_KEY;
  process.env.ANTHROPIC_API_KEY = 'sk-ant-very-secret-1234';
  try {
    assert.equal(redactSecrets('bad key sk-ant-very-secret-1234!'), 'bad key [redacted]!');
  } finally {
    if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = saved;
  }
});

test('prices: exact or longest prefix (dated snapshots); unknown → undefined; cost per million with discount', () => {
  const prices = defaultConfig().teacher.prices;
  assert.equal(priceFor('claude-sonnet-5-5-20260901', prices), prices['claude-sonnet-5-5']);
  assert.equal(priceFor('claude-sonnet-5', prices), prices['claude-sonnet-5']);
  assert.equal(priceFor('my-local-model', prices), undefined);
  const usage = { input_tokens: 1_000_000, output_tokens: 1_000_000, cache_creation_input_tokens: 1_000_000, cache_read_input_tokens: 1_000_000 };
  assert.equal(costUsd(usage, { input: 2, output: 10, cache_write: 2.5, cache_read: 0.1 }), 14.6);
  assert.equal(costUsd(usage, { input: 2, output: 10, cache_write: 2.5, cache_read: 0.1 }, 0.5), 7.3);
  assert.equal(costUsd(usage, undefined), 0);
});

test('system prompt: static prefix before "### Phaser API reference" is cached; no heading → all cached', () => {
  const system = 'You write games.\nRules…\n### Phaser API reference (retrieved for this request)\nPhaser.Scene#add';
  const parts = splitSystemPrompt(system);
  assert.equal(parts.prefix, 'You write games.\nRules…\n');
  assert.ok(parts.rest.startsWith('### Phaser API reference'));
  assert.deepEqual(splitSystemPrompt('just rules'), { prefix: 'just rules', rest: '' });
  const params = claudeParams({ system, user: 'make pong' }, { model: 'claude-sonnet-5-5', maxTokens: 100 });
  const blocks = params.system as { text: string; cache_control?: unknown }[];
  assert.equal(blocks.length, 2);
  assert.deepEqual(blocks[0].cache_control, { type: 'ephemeral' });
  assert.equal(blocks[1].cache_control, undefined);
  assert.equal(blocks[0].text + blocks[1].text, system);
  assert.equal('temperature' in params, false, 'temperature is sent only when set');
  assert.equal((claudeParams({ system, user: 'x' }, { model: 'm', maxTokens: 1, temperature: 0.5, effort: 'low' }) as unknown as { temperature: number; output_config: unknown }).temperature, 0.5);
  // a request's own settings win over the caller's; null leaves the caller's
  const own = claudeParams({ system, user: 'x', max_tokens: 321, temperature: 0.1 }, { model: 'm', maxTokens: 1, temperature: 0.5 }) as unknown as { max_tokens: number; temperature: number };
  assert.deepEqual([own.max_tokens, own.temperature], [321, 0.1]);
  const unset = claudeParams({ system, user: 'x', max_tokens: null, temperature: null }, { model: 'm', maxTokens: 7 });
  assert.equal(unset.max_tokens, 7);
  assert.equal('temperature' in unset, false);
});
