// The judges' runner against the loopback mock provider (no network): calls, cost, the cache
// (code + request + model + kind + rubric), unreadable replies, the key check and the budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, logger } from '../../src/core/index.js';
import { TEXT_RUBRIC_VERSION, judgeKey, runJudges, type JudgeItem, type JudgeSettings } from '../../src/judge/index.js';
import { startMockProvider, type MockProvider } from '../helpers/mockProvider.js';
import { judgeReply, textJudgeReply } from '../helpers/judgeReplies.js';
import { withTempDir } from '../helpers/tempDir.js';

const items: JudgeItem[] = [
  { code_hash: 'aaaa', request: { prompt: 'A platformer: arrow keys move, jump under gravity, score shown' }, plan: '- Controls: arrows', code: 'this.input.keyboard.createCursorKeys();' },
  { code_hash: 'bbbb', request: { prompt: 'A clicker: click to raise a counter shown as text' }, plan: '', code: 'this.add.circle(1, 2, 3);' },
];

/** Runs `body` with the Anthropic variables pointing at `mock` (or the key unset), then restores them. */
async function withClaudeEnv<T>(mock: MockProvider | undefined, body: () => Promise<T>): Promise<T> {
  const saved = { base: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };
  if (mock) {
    process.env.ANTHROPIC_BASE_URL = mock.url;
    process.env.ANTHROPIC_API_KEY = 'test-key';
  } else delete process.env.ANTHROPIC_API_KEY;
  logger.setQuiet(true);
  try {
    return await body();
  } finally {
    for (const [name, value] of [['ANTHROPIC_BASE_URL', saved.base], ['ANTHROPIC_API_KEY', saved.key]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function setup(t: Parameters<typeof withTempDir>[0], overrides: Partial<JudgeSettings> = {}) {
  const config = defaultConfig();
  config.teacher.max_retries = 1;
  config.teacher.retry_base_ms = 10;
  const settings: JudgeSettings = { ...config.select.judge, kind: 'text', ...overrides };
  return { config, settings, cacheFile: join(withTempDir(t), 'judge_cache.jsonl') };
}

test('text judge: one call per game, per-item verdicts scored and priced, a rerun answered from the cache', async (t) => {
  const mock = await startMockProvider({ apiKey: 'test-key', answer: (user) => textJudgeReply(user, (_, i) => (user.includes('clicker') && i > 0 ? 'no' : 'yes')) });
  t.after(() => mock.close());
  const { config, settings, cacheFile } = setup(t);
  const first = await withClaudeEnv(mock, () => runJudges(items, settings, config, { cacheFile, quiet: true }));
  assert.equal(mock.calls.messages, 2);
  assert.equal(first.scores.get(judgeKey(items[0]!))?.text, 1);
  assert.ok(first.scores.get(judgeKey(items[1]!))!.text! < 0.5);
  assert.equal(first.textItems.get(judgeKey(items[1]!))![0]!.verdict, 'yes');
  const text = first.by_kind.text!;
  assert.equal(text.model, 'claude-haiku-5-5');
  assert.deepEqual([text.verdicts, text.judged_now, text.unreadable, text.off], [2, 2, 0, false]);
  // claude-haiku-5-5 is in the price table: $0.10 / $0.50 per million tokens
  const expected = (mock.inputTokens * 0.1 + mock.outputTokens * 0.5) / 1e6;
  assert.ok(Math.abs(text.cost_usd - expected) < 1e-6, `${text.cost_usd} vs ${expected}`);
  assert.ok(text.cost_usd > 0);
  const lines = readFileSync(cacheFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  for (const line of lines) assert.deepEqual([line.kind, line.rubric_version, line.model, typeof line.request_hash], ['text', TEXT_RUBRIC_VERSION, 'claude-haiku-5-5', 'string']);

  const again = await withClaudeEnv(mock, () => runJudges(items, settings, config, { cacheFile, quiet: true }));
  assert.equal(mock.calls.messages, 2, 'no second call');
  assert.deepEqual(again.scores, first.scores);
  assert.deepEqual([again.by_kind.text!.judged_now, again.by_kind.text!.spent_usd, again.by_kind.text!.cost_usd], [0, 0, text.cost_usd]);

  // the key covers the request and the model: the same code for another request, or another model, is judged again
  await withClaudeEnv(mock, () => runJudges([{ ...items[0]!, request: { prompt: 'A racing game with a timer' } }], settings, config, { cacheFile, quiet: true }));
  assert.equal(mock.calls.messages, 3);
  await withClaudeEnv(mock, () => runJudges(items.slice(0, 1), { ...settings, text_model: 'claude-sonnet-5-5' }, config, { cacheFile, quiet: true }));
  assert.equal(mock.calls.messages, 4);
});

test('text judge: an unreadable reply is counted, gives no score, and is not paid for again', async (t) => {
  const mock = await startMockProvider({ apiKey: 'test-key', answer: () => 'Looks like a great game to me!' });
  t.after(() => mock.close());
  const { config, settings, cacheFile } = setup(t);
  const outcome = await withClaudeEnv(mock, () => runJudges(items, settings, config, { cacheFile, quiet: true }));
  assert.equal(outcome.by_kind.text!.unreadable, 2);
  assert.equal(outcome.scores.size, 0);
  await withClaudeEnv(mock, () => runJudges(items, settings, config, { cacheFile, quiet: true }));
  assert.equal(mock.calls.messages, 2);
});

test('judges off without the key: one warning per kind, no call, no score', async (t) => {
  const { config, settings, cacheFile } = setup(t, { kind: 'both' });
  const warnings: string[] = [];
  const warn = logger.warn;
  logger.warn = (message: string) => void warnings.push(message);
  try {
    const outcome = await withClaudeEnv(undefined, () => runJudges(items, settings, config, { cacheFile, quiet: true }));
    assert.equal(outcome.scores.size, 0);
    assert.equal(outcome.by_kind.text!.off, true);
    assert.match(warnings.find((w) => w.startsWith('text judge off:'))!, /ANTHROPIC_API_KEY is not set/);
    // no screenshots: the vision judge has nothing to send, so it is not "off" but judges nothing
    assert.deepEqual([outcome.by_kind.vision!.off, outcome.by_kind.vision!.not_judged], [false, 2]);
  } finally {
    logger.warn = warn;
  }
});

test('the run budget (select.judge.max_cost_usd) stops the judge before it passes the cap', async (t) => {
  const mock = await startMockProvider({ apiKey: 'test-key', answer: (user) => textJudgeReply(user) });
  t.after(() => mock.close());
  const { config, settings, cacheFile } = setup(t, { text_model: 'priced', max_cost_usd: 0.005 });
  // $1 / $5 per million: a call's estimate (prompt/3 input + 800 output tokens) is ≈ $0.0043 and
  // one costs ≈ $0.0006, so a call starts only while spent + 0.0043 ≤ 0.005: one or two, not six
  config.teacher.prices = { ...config.teacher.prices, priced: { input: 1, output: 5, cache_write: 1, cache_read: 0.1 } };
  const many = Array.from({ length: 6 }, (_, i) => ({ ...items[0]!, code_hash: `h${i}` }));
  const outcome = await withClaudeEnv(mock, () => runJudges(many, settings, config, { cacheFile, quiet: true }));
  assert.ok(mock.calls.messages > 0 && mock.calls.messages < 6, String(mock.calls.messages));
  assert.ok(outcome.spent_usd <= 0.005, String(outcome.spent_usd));
  assert.equal(outcome.by_kind.text!.verdicts, mock.calls.messages, 'the rest are left without a verdict');
});

test('both kinds: the vision judge gets the screenshot (billed as an image), the score is the mean, the cap covers both', async (t) => {
  const mock = await startMockProvider({ apiKey: 'test-key', answer: (user) => judgeReply(user) });
  t.after(() => mock.close());
  const { config, settings, cacheFile } = setup(t, { kind: 'both' });
  const screenshot = join(withTempDir(t), 'shot.png');
  writeFileSync(screenshot, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const outcome = await withClaudeEnv(mock, () => runJudges([{ ...items[0]!, screenshot }, items[1]!], settings, config, { cacheFile, quiet: true }));
  assert.equal(mock.calls.messages, 3, 'two text calls, one vision call (the second game has no screenshot)');
  assert.deepEqual(outcome.scores.get(judgeKey(items[0]!)), { text: 1, vision: 1 });
  assert.deepEqual([outcome.by_kind.vision!.verdicts, outcome.by_kind.vision!.not_judged], [1, 1]);
  assert.equal(outcome.spent_usd, Math.round((outcome.by_kind.text!.spent_usd + outcome.by_kind.vision!.spent_usd) * 1e6) / 1e6);
  const vision = readFileSync(cacheFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.kind === 'vision');
  assert.ok(vision.usage.input_tokens > 102, 'the image is billed');
  assert.deepEqual(vision.answers, vision.checklist.map(() => true));
});

test('vision judge: with an after-input screenshot both pictures are sent and the prompt says which is which', async (t) => {
  const mock = await startMockProvider({ apiKey: 'test-key', answer: (user) => judgeReply(user) });
  t.after(() => mock.close());
  const { config, settings, cacheFile } = setup(t, { kind: 'vision' });
  const dir = withTempDir(t);
  const [screenshot, screenshotInput] = [join(dir, 'shot.png'), join(dir, 'shot.input.png')];
  for (const file of [screenshot, screenshotInput]) writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await withClaudeEnv(mock, () => runJudges([{ ...items[0]!, screenshot, screenshotInput }, { ...items[1]!, screenshot }], settings, config, { cacheFile, quiet: true }));
  const sent = mock.received.filter((r) => r.route === 'messages').sort((a, b) => (b.images ?? 0) - (a.images ?? 0));
  assert.deepEqual(sent.map((r) => r.images), [2, 1], 'two pictures for the game with an after-input frame, one for the other');
  assert.match(sent[0]!.user ?? '', /the second is the first frame that changed/);
  assert.doesNotMatch(sent[1]!.user ?? '', /the second is/);
});
