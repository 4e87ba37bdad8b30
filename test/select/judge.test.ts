import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultConfig, logger, readJsonlSync, writeJsonlAtomic } from '../../src/core/index.js';
import { runSelect } from '../../src/select/index.js';
import { VISION_RUBRIC_VERSION as RUBRIC_VERSION, judgeChecklist, parseVisionAnswers as parseJudgeAnswers } from '../../src/judge/index.js';
import { selectedSchema } from '../../src/schemas/index.js';
import { requestedElements } from '../../src/validate/index.js';
import { withTempDir } from '../helpers/tempDir.js';
import { writeTinyWorkspace } from './workspace.js';

/** Gives the tiny workspace's validated answers (those `keep` accepts) an L4 screenshot file, and rewrites validated.jsonl. */
function withScreenshots(tiny: ReturnType<typeof writeTinyWorkspace>, keep: (record: (typeof tiny.validated)[number]) => boolean = () => true): void {
  for (const record of tiny.validated.filter(keep)) {
    const screenshot = `data/sft_distill/screenshots/${record.code_hash}.png`;
    record.runtime = { ...record.runtime!, screenshot };
    mkdirSync(dirname(tiny.workspace.path(screenshot)), { recursive: true });
    writeFileSync(tiny.workspace.path(screenshot), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  }
  writeJsonlAtomic(tiny.workspace.validatedFile(), tiny.validated);
}

test('judge answers are read strictly: one boolean per statement', () => {
  assert.deepEqual(parseJudgeAnswers('Sure! {"answers": [true, false, true]}', 3), [true, false, true]);
  assert.equal(parseJudgeAnswers('{"answers": [true, false]}', 3), null);
  assert.equal(parseJudgeAnswers('yes, yes, no', 3), null);
  assert.equal(judgeChecklist('vision', { prompt: '', mechanics: [] }).length, 1);
  // one statement per element the request asks for, the same elements as fidelity_checks
  const prompt = 'Breakout with particles when the ball hits a brick, show the score';
  assert.equal(judgeChecklist('vision', { prompt }).length, 1 + requestedElements({ prompt }).length);
  assert.ok(judgeChecklist('vision', { prompt }).some((item) => /Particle/.test(item)));
});

test('select --judge: screenshots scored through the runner by an OpenAI-compatible vision endpoint, cached by code hash', async (t) => {
  const dir = withTempDir(t);
  const calls: { hasImage: boolean; model: string }[] = [];
  let failFirst = true;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (failFirst) {
        failFirst = false; // one server error: the runner retries it
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: 'boom' } }));
      }
      const request = JSON.parse(body);
      const content = request.messages.at(-1).content as { type: string; text?: string }[];
      calls.push({ hasImage: content.some((part) => part.type === 'image_url'), model: request.model });
      const statements = (content.find((part) => part.type === 'text')!.text!.match(/^\d+\. /gm) ?? []).length;
      const answers = Array.from({ length: statements }, (_, i) => i === 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: request.model, choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ answers }) }, finish_reason: 'stop' }], usage: { prompt_tokens: 1000, completion_tokens: 20, total_tokens: 1020 } }));
    });
  });
  t.after(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const saved = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
  try {
    logger.setQuiet(true);
    process.env.OPENAI_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    delete process.env.OPENAI_API_KEY;
    const tiny = writeTinyWorkspace(dir, 3);
    // Screenshots for the passing answers of seed-000 and seed-001; seed-002's have none.
    withScreenshots(tiny, (record) => record.seed_id !== 'seed-002');
    const config = defaultConfig();
    config.select.judge = { ...config.select.judge, provider: 'openai', model: 'vlm-test', concurrency: 2 };
    config.teacher.max_retries = 2;
    config.teacher.prices = { ...config.teacher.prices, 'vlm-test': { input: 1, output: 5, cache_write: 1, cache_read: 0.1 } };

    await runSelect(tiny.workspace, config, { judge: true, quiet: true });
    assert.equal(calls.length, 4);
    assert.ok(calls.every((c) => c.hasImage && c.model === 'vlm-test'));
    const selected = readJsonlSync(tiny.workspace.selectedFile(), { schema: selectedSchema }).map((r) => r.value);
    for (const record of selected) {
      if (record.seed_id === 'seed-002') assert.equal(record.score_parts.judge, undefined);
    }
    const cache = readFileSync(tiny.workspace.judgeCacheFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(cache.length, 4);
    for (const verdict of cache) assert.equal(verdict.rubric_version, RUBRIC_VERSION);
    for (const record of selected.filter((r) => r.seed_id !== 'seed-002')) {
      const verdict = cache.find((v) => v.code_hash === record.code_hash);
      assert.equal(record.score_parts.judge, Math.round(10_000 / verdict.checklist.length) / 10_000, 'the first statement true, the others false');
    }
    const report = JSON.parse(readFileSync(tiny.workspace.stageReportFile('selection'), 'utf8'));
    assert.equal(report.settings.judge, true);
    // cost counted: 4 calls × (1,000 input tokens at $1 + 20 output at $5 per million)
    assert.deepEqual(report.judge.vision, { model: 'vlm-test', off: false, verdicts: 4, judged_now: 4, unreadable: 0, not_judged: 2, cost_usd: 0.0044, spent_usd: 0.0044 });
    assert.equal(report.judge.cost_usd, 0.0044);

    // A rerun pays for nothing: every verdict comes from the cache.
    await runSelect(tiny.workspace, config, { judge: true, quiet: true });
    assert.equal(calls.length, 4);

    // Damaged cache lines (one not JSON, one a verdict of this model whose score is not a number):
    // each named with file:line and skipped, those two games judged again, the rest reused.
    const file = tiny.workspace.judgeCacheFile;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = '{"code_hash": torn';
    lines[2] = JSON.stringify({ ...JSON.parse(lines[2]), score: 'high' });
    writeFileSync(file, lines.join('\n'));
    const warnings: string[] = [];
    const warn = logger.warn;
    logger.warn = (message: string) => void warnings.push(message);
    try {
      await runSelect(tiny.workspace, config, { judge: true, quiet: true });
    } finally {
      logger.warn = warn;
    }
    assert.equal(calls.length, 6, 'the two damaged verdicts are paid for again, no other');
    assert.ok(warnings.some((w) => w.startsWith(`${file}:2: not valid JSON`)), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.startsWith(`${file}:3: field \`score\``)), warnings.join('\n'));
    assert.equal(warnings.filter((w) => /2 damaged lines skipped; those games are judged again/.test(w)).length, 1, warnings.join('\n'));
    const rejudged = JSON.parse(readFileSync(tiny.workspace.stageReportFile('selection'), 'utf8'));
    assert.equal(rejudged.judge.vision.verdicts, 4);
  } finally {
    if (saved.base === undefined) delete process.env.OPENAI_BASE_URL;
    else process.env.OPENAI_BASE_URL = saved.base;
    if (saved.key !== undefined) process.env.OPENAI_API_KEY = saved.key;
  }
});

test('select --judge without a key: one warning, no call, no judge part, no crash', async (t) => {
  const dir = withTempDir(t);
  const saved = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
  const warnings: string[] = [];
  const warn = logger.warn;
  logger.warn = (message: string) => void warnings.push(message);
  try {
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_API_KEY;
    const tiny = writeTinyWorkspace(dir, 2);
    withScreenshots(tiny);
    const config = defaultConfig();
    config.select.judge = { ...config.select.judge, provider: 'openai', model: 'vlm-test' };
    await runSelect(tiny.workspace, config, { judge: true, quiet: true });
    const off = warnings.filter((w) => w.startsWith('vision judge off:'));
    assert.equal(off.length, 1, warnings.join('\n'));
    assert.match(off[0], /OPENAI_API_KEY is not set/);
    const selected = readJsonlSync(tiny.workspace.selectedFile(), { schema: selectedSchema }).map((r) => r.value);
    assert.ok(selected.length > 0);
    for (const record of selected) assert.equal(record.score_parts.judge, undefined);
  } finally {
    logger.warn = warn;
    if (saved.base !== undefined) process.env.OPENAI_BASE_URL = saved.base;
    if (saved.key !== undefined) process.env.OPENAI_API_KEY = saved.key;
  }
});

test('select --judge: a malformed judge reply is counted and ignored, and not paid for again', async (t) => {
  const dir = withTempDir(t);
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'vlm-test', choices: [{ index: 0, message: { role: 'assistant', content: 'I think it looks fine!' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }));
    });
  });
  t.after(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const saved = process.env.OPENAI_BASE_URL;
  try {
    process.env.OPENAI_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const tiny = writeTinyWorkspace(dir, 1);
    withScreenshots(tiny);
    const config = defaultConfig();
    config.select.judge = { ...config.select.judge, provider: 'openai', model: 'vlm-test' };
    await runSelect(tiny.workspace, config, { judge: true, quiet: true });
    const first = calls;
    assert.ok(first > 0);
    const report = JSON.parse(readFileSync(tiny.workspace.stageReportFile('selection'), 'utf8'));
    assert.equal(report.judge.vision.unreadable, report.judge.vision.verdicts);
    assert.equal(report.judge.vision.verdicts, first);
    for (const record of readJsonlSync(tiny.workspace.selectedFile(), { schema: selectedSchema }).map((r) => r.value)) assert.equal(record.score_parts.judge, undefined);
    await runSelect(tiny.workspace, config, { judge: true, quiet: true });
    assert.equal(calls, first, 'no second call for an answer already recorded');
  } finally {
    if (saved === undefined) delete process.env.OPENAI_BASE_URL;
    else process.env.OPENAI_BASE_URL = saved;
  }
});
