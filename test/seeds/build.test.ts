import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, Workspace, readJsonlSync } from '../../src/core/index.js';
import { seedSchema, type Seed } from '../../src/schemas/index.js';
import { buildSeeds } from '../../src/seeds/build.js';
import { formatSeedStats, seedStats } from '../../src/seeds/stats.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';

const fixtures = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const readSeeds = (file: string): Seed[] => readJsonlSync(file, { schema: seedSchema }).map((row) => row.value);

test('seeds build: two runs give identical bytes; another --seed gives other seeds', (t) => {
  const dir = withTempDir(t);
  const options = { count: 150, randomSeed: 11, inputs: [], curated: true, threshold: 0.7 };
  const a = new Workspace(join(dir, 'a'));
  const b = new Workspace(join(dir, 'b'));
  const c = new Workspace(join(dir, 'c'));
  const first = buildSeeds(a, options);
  buildSeeds(b, options);
  buildSeeds(c, { ...options, randomSeed: 12 });
  assert.equal(readFileSync(a.seedsFile, 'utf8'), readFileSync(b.seedsFile, 'utf8'));
  assert.notEqual(readFileSync(a.seedsFile, 'utf8'), readFileSync(c.seedsFile, 'utf8'));
  const seeds = readSeeds(a.seedsFile);
  assert.equal(first.counts.generated, 150);
  assert.equal(seeds.length, first.counts.written);
  assert.equal(seeds.filter((s) => s.source === 'generated').length, 150);
  assert.equal(new Set(seeds.map((s) => s.id)).size, seeds.length);
  assert.equal(first.stats.thin_cells.length, 0);
});

test('seeds build --input: exact and near duplicates removed (en and zh), user ids kept, fields inferred', (t) => {
  const dir = withTempDir(t);
  const ws = new Workspace(dir);
  const result = buildSeeds(ws, { count: 0, randomSeed: 1, inputs: [fixture('user_seeds.jsonl')], curated: false, threshold: 0.7 });
  const seeds = readSeeds(ws.seedsFile);
  const prompts = seeds.map((s) => s.prompt);
  assert.deepEqual(prompts, [
    'Make a platformer where a cat jumps between floating islands and collects stars',
    '做一个贪吃蛇游戏，吃到食物变长，撞墙游戏结束',
    'A breakout clone with paddle, ball and bricks that break',
    '写一个打砖块游戏，有挡板、小球和砖块',
    'A tower defense game with three tower types, upgrades, waves of goblins and a boss',
  ]);
  assert.equal(result.counts.exact_duplicates, 1);
  assert.equal(result.counts.near_duplicates, 2);
  const report = JSON.parse(readFileSync(ws.stageReportFile('seeds'), 'utf8'));
  const nearZh = report.removed.find((r: { prompt: string }) => r.prompt.startsWith('做一个贪吃蛇游戏，吃到食物会变长'));
  assert.equal(nearZh.kind, 'near');
  assert.equal(nearZh.duplicate_of.prompt, '做一个贪吃蛇游戏，吃到食物变长，撞墙游戏结束');
  assert.ok(nearZh.similarity >= 0.7 && nearZh.similarity < 1);
  assert.equal(report.removed.find((r: { prompt: string }) => r.prompt.endsWith('stars!')).kind, 'exact');
  assert.equal(report.distribution.total, 5);

  const [cat, snake, breakout, zhBreakout, td] = seeds;
  assert.deepEqual([cat.lang, cat.genre, cat.source], ['en', 'platformer', 'user']);
  assert.ok(cat.mechanics.includes('gravity_jump'));
  assert.deepEqual([snake.lang, snake.genre], ['zh', 'snake']);
  assert.deepEqual([breakout.id, breakout.difficulty, breakout.genre], ['my-breakout', 'easy', 'breakout']);
  assert.deepEqual([zhBreakout.source, zhBreakout.mechanics], ['curated', ['collisions', 'scoring']], 'given fields kept');
  assert.equal(td.genre, 'tower_defense', 'given "Tower-Defense" matched to the taxonomy');
  assert.equal(td.difficulty, 'hard');
});

test('seeds build --input … --no-curated --count 0 writes exactly the given seeds with their ids', async (t) => {
  const dir = withTempDir(t);
  const result = await runCli(['seeds', 'build', '--workspace', dir, '--input', fixture('demo_like.jsonl'), '--no-curated', '--count', '0', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  assert.equal(out.counts.written, 3);
  const seeds = readSeeds(new Workspace(dir).seedsFile);
  assert.deepEqual(seeds.map((s) => s.id), ['demo-01', 'demo-02', 'demo-03']);
  assert.deepEqual([seeds[2].lang, seeds[2].source, seeds[2].mechanics.includes('gravity_jump')], ['en', 'user', true]);
});

test('bad seed files: one error naming file:line and the field, exit 2, nothing written', async (t) => {
  const dir = withTempDir(t);
  const ws = new Workspace(dir);
  const cases: Array<[string, RegExp]> = [
    ['bad_difficulty.jsonl', /bad_difficulty\.jsonl:2: field `difficulty`:/],
    ['bad_missing_prompt.jsonl', /bad_missing_prompt\.jsonl:3: field `prompt`:/],
    ['bad_json.jsonl', /bad_json\.jsonl:2: not valid JSON/],
    ['bad_duplicate_id.jsonl', /bad_duplicate_id\.jsonl:2: field `id`: duplicate id "a1" \(first on line 1\)/],
    ['bad_mechanics_type.jsonl', /bad_mechanics_type\.jsonl:1: field `mechanics`:/],
  ];
  for (const [name, pattern] of cases) {
    assert.throws(
      () => buildSeeds(ws, { count: 0, randomSeed: 1, inputs: [fixture(name)], curated: true, threshold: 0.7 }),
      (error: InputError) => error instanceof InputError && error.exitCode === 2 && pattern.test(error.message),
      name,
    );
  }
  assert.throws(() => readFileSync(ws.seedsFile), /ENOENT/);
  // The same through the real CLI: one line on stderr, exit 2.
  const result = await runCli(['seeds', 'build', '--workspace', dir, '--input', fixture('bad_difficulty.jsonl'), '--count', '0']);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr.trim(), /^error: .*bad_difficulty\.jsonl:2: field `difficulty`: [^\n]+$/);
  assert.throws(() => readFileSync(ws.seedsFile), /ENOENT/);
});

test('seeds stats: the table with thin cells marked; --json gives the same as data', async (t) => {
  const dir = withTempDir(t);
  const ws = new Workspace(dir);
  buildSeeds(ws, { count: 0, randomSeed: 1, inputs: [fixture('user_seeds.jsonl')], curated: false, threshold: 0.7 });
  const stats = seedStats(readSeeds(ws.seedsFile));
  assert.equal(stats.total, 5);
  assert.deepEqual(stats.by_lang, { en: 3, zh: 2 });
  assert.equal(stats.cells.length, 16 * 3 * 2);
  assert.ok(stats.thin_cells.some((c) => c.genre === 'rhythm' && c.count === 0));
  assert.ok(stats.mechanics.collisions >= 3);
  const text = formatSeedStats(stats);
  assert.match(text, /^platformer\s+0!\s+1\s+0!/m);
  assert.match(text, /thin cells \(fewer than 1 seed, marked !\): 91 of 96/);

  const result = await runCli(['seeds', 'stats', '--workspace', dir, '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), JSON.parse(JSON.stringify(stats)));
});
