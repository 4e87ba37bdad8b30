import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace, loadConfig, logger, readJsonlSync, writeJsonAtomic } from '../../src/core/index.js';
import { buildSeeds } from '../../src/seeds/build.js';
import { expandJournalFile, expandPrompt, expandSeeds, expandedSeedsFile, parseExpandAnswer, planExpansion, type ExpandErrors } from '../../src/seeds/expand.js';
import { loadCuratedSeeds } from '../../src/seeds/input.js';
import { cliCommand } from '../helpers/cli.js';
import { startMockProvider } from '../helpers/mockProvider.js';
import { withTempDir } from '../helpers/tempDir.js';

/** A workspace with the curated seeds built, and a config with `extra` merged in. */
function seededWorkspace(t: { after(fn: () => void): void }, extra: Record<string, unknown> = {}) {
  const workspace = new Workspace(withTempDir(t));
  writeJsonAtomic(workspace.configFile, { teacher: { max_retries: 0, retry_base_ms: 1 }, ...extra });
  const config = loadConfig(workspace.configFile);
  buildSeeds(workspace, { count: 0, randomSeed: 1, inputs: [], curated: true, threshold: 0.7 });
  return { workspace, config };
}

const curated = loadCuratedSeeds().map((r) => r.seed);

/** A distinct, coherent seed per call and item, in the language the prompt asked in. */
function uniqueAnswer(user: string): string {
  const zh = /请写/.test(user);
  const tag = Math.abs([...user].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)).toString(36);
  const seeds = [0, 1].map((i) =>
    zh
      ? i === 0
        ? { prompt: `做一个打砖块（${tag}号），挡板宽60像素，砖块三行，每行颜色分数不同，第二关开始砖块会下移。` }
        : { prompt: `想要个${tag}主题的迷宫：方向键走，十五乘十五的格子随机生成，右上角计时，走到出口进下一关。` }
      : i === 0
        ? { prompt: `Breakout variant ${tag}: paddle 60 px wide, three rows of bricks, and from level two on the bricks creep down one row every ten seconds.` }
        : { prompt: `A ${tag} maze for my class: arrow keys, a 15x15 grid generated at random, a timer in the corner, reaching the exit loads the next level.` },
  );
  return JSON.stringify({ seeds });
}

test('plan: thin cells first, zh cells asked in Chinese, the same plan from the same seeds', () => {
  const plan = planExpansion(curated, { count: 40, perCall: 8, randomSeed: 1 });
  assert.equal(plan.length, 5);
  assert.equal(plan.at(-1)!.n, 8);
  assert.deepEqual(plan, planExpansion(curated, { count: 40, perCall: 8, randomSeed: 1 }));
  assert.equal(new Set(plan.map((j) => `${j.cell.genre}/${j.cell.difficulty}/${j.cell.lang}`)).size, 5, 'each call goes to another thin cell');
  const zh = planExpansion(curated, { count: 400, perCall: 8, randomSeed: 1 }).find((j) => j.cell.lang === 'zh')!;
  assert.match(expandPrompt(zh), /^请写\d+条不同的需求/);
  assert.match(expandPrompt(zh), new RegExp(zh.persona));
});

test('bad teacher output is counted, never thrown', () => {
  const errors: ExpandErrors = { no_json: 0, bad_shape: 0, bad_seed: 0, truncated: 0, off_language: 0 };
  assert.deepEqual(parseExpandAnswer('no json here', errors), []);
  assert.deepEqual(parseExpandAnswer('{"seeds": "one"}', errors), []);
  assert.deepEqual(parseExpandAnswer('{"seeds": [', errors), []);
  assert.deepEqual(parseExpandAnswer('Here you go:\n```json\n{"seeds": [{"prompt": "a snake game with a wrap-around board"}, {"title": "x"}, {"prompt": "tiny"}, "a memory game with 16 cards"]}\n```', errors), [
    'a snake game with a wrap-around board',
    'a memory game with 16 cards',
  ]);
  assert.deepEqual(errors, { no_json: 2, bad_shape: 1, bad_seed: 2, truncated: 0, off_language: 0 });
});

test('replay offline: planted duplicates and incoherent seeds are filtered, errors counted, seeds build picks the rest up', async (t) => {
  const { workspace, config } = seededWorkspace(t);
  const result = await expandSeeds(workspace, config, { teacher: 'replay', count: 56, quiet: true });
  assert.equal(result.counts.calls_made, 7);
  assert.equal(result.counts.incoherent, 2, 'the match-3 seeds with monsters / 敌人');
  assert.equal(result.counts.near_duplicate, 2, 'the planted copies of curated seeds');
  assert.equal(result.errors.no_json, 1);
  assert.equal(result.errors.bad_seed, 1);
  const kept = readJsonlSync(expandedSeedsFile(workspace)).map((r) => r.value as { source: string; lang: string; prompt: string });
  assert.equal(kept.length, result.counts.kept);
  assert.ok(kept.every((s) => s.source === 'expanded'));
  assert.ok(kept.some((s) => s.lang === 'zh') && kept.some((s) => s.lang === 'en'));
  assert.ok(!kept.some((s) => /monsters attack|每消一次敌人/.test(s.prompt)));
  const report = JSON.parse(readFileSync(workspace.stageReportFile('seeds_expand'), 'utf8'));
  assert.equal(report.rejected.length, 4);

  const built = buildSeeds(workspace, { count: 0, randomSeed: 1, inputs: [], curated: true, threshold: 0.7 });
  assert.equal(built.counts.expanded, kept.length);
  assert.equal(built.stats.by_source.expanded, kept.length);
});

test('mock claude: dry run prices without calls; a run journals, costs and keeps distinct seeds; a partial journal resumes', async (t) => {
  const mock = await startMockProvider({ answer: uniqueAnswer });
  t.after(() => mock.close());
  const { workspace, config } = seededWorkspace(t);
  const options = { teacher: 'claude' as const, count: 16, baseURL: mock.url, quiet: true };
  process.env.ANTHROPIC_API_KEY ??= 'test-key';

  const dry = await expandSeeds(workspace, config, { ...options, count: 1000, dryRun: true });
  assert.equal(mock.calls.messages, 0);
  assert.equal(dry.estimate.calls, 125);
  assert.ok(dry.estimate.usd > 0 && dry.estimate.prompt_tokens > 125 * 100);
  assert.equal(dry.estimate.usd_per_1000_seeds, dry.estimate.usd);
  assert.equal(dry.model, 'claude-haiku-4-5', 'a cheap model by default');

  const first = await expandSeeds(workspace, config, options);
  assert.equal(mock.calls.messages, 2);
  assert.equal(first.counts.kept, 4);
  assert.ok(first.counts.spent_usd_this_run > 0);

  // kill -9 mid-run, as the journal sees it: one record lost, a torn last line.
  const journal = expandJournalFile(workspace, 'claude');
  writeFileSync(expandedSeedsFile(workspace), '');
  const lines = readFileSync(journal, 'utf8').trim().split('\n');
  const bigger = { ...options, count: 32 };
  // A plan of 32 from the same seeds extends the plan of 16: its first two calls are done.
  writeFileSync(journal, lines[0] + '\n' + lines[1].slice(0, 30));
  const resumed = await expandSeeds(workspace, config, bigger);
  assert.equal(resumed.counts.calls_done_before, 1);
  assert.equal(resumed.counts.calls_made, 3);
  assert.equal(mock.calls.messages, 5);
  assert.equal(resumed.counts.answers, 4);
});

test('budget stop: calls stop at the cap with a message, a higher cap goes on; bad answers are counted', async (t) => {
  let n = 0;
  const mock = await startMockProvider({ answer: (user) => (++n % 3 === 0 ? 'I cannot do JSON today' : n % 3 === 1 ? uniqueAnswer(user) : '{"seeds": [{"name": "no prompt"}]}') });
  t.after(() => mock.close());
  const { workspace, config } = seededWorkspace(t, { seeds: { expand: { concurrency: 1 } } });
  process.env.ANTHROPIC_API_KEY ??= 'test-key';
  const dry = await expandSeeds(workspace, config, { teacher: 'claude', count: 48, dryRun: true, quiet: true });
  const perCall = dry.estimate.usd / dry.estimate.calls;
  const capped = await expandSeeds(workspace, config, { teacher: 'claude', count: 48, maxCostUsd: perCall * 1.2, baseURL: mock.url, quiet: true });
  assert.match(capped.stopMessage ?? '', /budget of \$/);
  assert.ok(capped.counts.calls_made >= 1 && capped.counts.calls_made < 6, `${capped.counts.calls_made}`);
  assert.ok(capped.counts.calls_unfinished > 0);
  const rest = await expandSeeds(workspace, config, { teacher: 'claude', count: 48, maxCostUsd: 100, baseURL: mock.url, quiet: true });
  assert.equal(rest.counts.calls_done_before, capped.counts.calls_made);
  assert.equal(rest.counts.answers, 6);
  assert.equal(rest.errors.no_json, 2);
  assert.equal(rest.errors.bad_seed, 2);
  assert.equal(rest.counts.kept, 4);
});

test('kill -9 of the CLI mid-run: the rerun makes only the calls not journaled', async (t) => {
  const mock = await startMockProvider({ answer: uniqueAnswer, latencyMs: 150 });
  t.after(() => mock.close());
  const { workspace } = seededWorkspace(t, { seeds: { expand: { concurrency: 1 } } });
  const args = ['--workspace', workspace.root, 'seeds', 'expand', '--teacher', 'claude', '--count', '80', '--base-url', mock.url, '--json'];
  const env = { ...process.env, ANTHROPIC_API_KEY: 'test-key', PHASER_SFT_TEST: '1' };
  const journal = expandJournalFile(workspace, 'claude');
  const { command, args: full } = cliCommand(args);
  const child = spawn(command, full, { env, stdio: 'ignore' });
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (existsSync(journal) && readFileSync(journal, 'utf8').split('\n').filter(Boolean).length >= 2) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const journaled = readFileSync(journal, 'utf8').split('\n').filter((l) => l.endsWith('}')).length;
  const before = mock.calls.messages;
  const rerun = spawn(command, full, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  rerun.stdout.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => rerun.once('exit', resolve));
  assert.equal(code, 0);
  const result = JSON.parse(out);
  assert.equal(result.counts.calls_done_before, journaled);
  assert.equal(mock.calls.messages - before, 10 - journaled);
  assert.equal(result.counts.answers, 10);
  assert.ok(existsSync(join(workspace.root, 'data', 'prompt_seeds', 'expanded_seeds.jsonl')));
});

test('damaged journal lines (not JSON, or not a record) are named with file:line once, skipped, and those calls made again', async (t) => {
  const { workspace, config } = seededWorkspace(t);
  const first = await expandSeeds(workspace, config, { teacher: 'replay', count: 56, quiet: true });
  assert.equal(first.counts.calls_made, 7);
  const journal = expandJournalFile(workspace, 'replay');
  const lines = readFileSync(journal, 'utf8').split('\n');
  lines[1] = '{"id": torn';
  lines[2] = JSON.stringify({ ...JSON.parse(lines[2]), cost_usd: 'free' });
  writeFileSync(journal, lines.join('\n'));
  const warnings: string[] = [];
  const warn = logger.warn;
  logger.warn = (message: string) => void warnings.push(message);
  let again;
  try {
    again = await expandSeeds(workspace, config, { teacher: 'replay', count: 56, quiet: true });
  } finally {
    logger.warn = warn;
  }
  assert.equal(again.counts.calls_made, 2, 'the two damaged calls, no other');
  assert.equal(warnings.filter((w) => w.startsWith(`${journal}:2: not valid JSON`)).length, 1, warnings.join('\n'));
  assert.equal(warnings.filter((w) => w.startsWith(`${journal}:3: field \`cost_usd\``)).length, 1, warnings.join('\n'));
  assert.equal(warnings.filter((w) => w.includes('2 damaged lines skipped; those calls are made again')).length, 1, warnings.join('\n'));
});
