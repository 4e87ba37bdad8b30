import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, Workspace, logger, readJsonlSync } from '../../src/core/index.js';
import { seedSchema, type Seed } from '../../src/schemas/index.js';
import { buildSeeds } from '../../src/seeds/build.js';
import { features, parts, type GenreGrammar } from '../../src/seeds/grammar/types.js';
import { formatSeedStats, seedStats } from '../../src/seeds/stats.js';
import { runCli, tempDir } from '../helpers/cli.js';

const fixtures = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const readSeeds = (file: string): Seed[] => readJsonlSync(file, { schema: seedSchema }).map((row) => row.value);

test('seeds build: two runs give identical bytes; another --seed gives other seeds', () => {
  const { dir, cleanup } = tempDir();
  try {
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
    assert.equal(first.stats.diversity.near_duplicates.count, 0);
    assert.equal(first.stats.diversity.incoherent.seeds, 0);
  } finally {
    cleanup();
  }
});

test('seeds build --concept-cap: no concept gets more seeds than the cap from generation', async () => {
  const { conceptSignature } = await import('../../src/seeds/concepts.js');
  const { dir, cleanup } = tempDir();
  try {
    for (const cap of [1, 2]) {
      const ws = new Workspace(join(dir, String(cap)));
      const result = buildSeeds(ws, { count: 600, randomSeed: 5, inputs: [], curated: true, threshold: 0.7, conceptCap: cap });
      const seeds = readSeeds(ws.seedsFile);
      const counts = new Map<string, { curated: number; generated: number }>();
      for (const s of seeds) {
        const c = counts.get(conceptSignature(s)) ?? { curated: 0, generated: 0 };
        c[s.source === 'generated' ? 'generated' : 'curated']++;
        counts.set(conceptSignature(s), c);
      }
      for (const [concept, c] of counts) if (c.generated) assert.ok(c.curated + c.generated <= cap, `${concept}: ${JSON.stringify(c)}`);
      assert.ok(result.counts.generator_rejected.concept_cap > 0, 'the cap turned some candidates down');
      assert.equal(result.counts.generated, 600);
    }
  } finally {
    cleanup();
  }
});

test('seeds build: asked for more than the grammar can make, it says how many it made, points to seeds expand, never pads', () => {
  // A grammar this small runs out at once: one hero, one goal, two features, per language.
  const tiny: GenreGrammar = {
    genre: 'snake',
    role: 'actor',
    names: { en: ['snake game'], zh: ['贪吃蛇'] },
    heroes: parts([['worm', 'a worm', '小蚯蚓']]),
    settings: [],
    goals: parts([['grow', 'grow as long as possible', '长得越长越好', 'scoring']]),
    twists: [],
    features: features([
      ['timers', 'gets faster every time you eat', '每吃一个速度加快一点'],
      ['pause_menu', 'P to pause', '按P暂停', { sys: true }],
    ]),
  };
  const { dir, cleanup } = tempDir();
  try {
    const ws = new Workspace(dir);
    const warnings: string[] = [];
    const warn = logger.warn;
    logger.warn = (message: string) => void warnings.push(message);
    let result;
    try {
      result = buildSeeds(ws, { count: 1000, randomSeed: 3, inputs: [], curated: false, threshold: 0.7, conceptCap: 1, grammars: [tiny] });
    } finally {
      logger.warn = warn;
    }
    const report = JSON.parse(readFileSync(ws.stageReportFile('seeds'), 'utf8'));
    assert.equal(report.requested, 1000);
    assert.ok(report.made > 3 && report.made < 60, `${report.made}`);
    assert.equal(result.counts.generated, report.made);
    assert.equal(report.exhausted_cells.length, 6, 'every snake cell ran out');
    assert.match(report.shortfall, /asked for 1000 generated seeds, made \d+ distinct ones.*nothing was padded.*seeds expand/);
    assert.deepEqual(warnings, [report.shortfall]);
    const seeds = readSeeds(ws.seedsFile);
    assert.equal(seeds.length, report.made, 'nothing padded');
    assert.equal(new Set(seeds.map((s) => s.prompt)).size, seeds.length);
    assert.equal(report.distribution.diversity.concepts.max_repeats, 1);
    assert.equal(report.distribution.diversity.near_duplicates.count, 0);
    // The same, byte for byte, on a second run.
    const again = new Workspace(join(dir, 'again'));
    logger.warn = () => {};
    try {
      buildSeeds(again, { count: 1000, randomSeed: 3, inputs: [], curated: false, threshold: 0.7, conceptCap: 1, grammars: [tiny] });
    } finally {
      logger.warn = warn;
    }
    assert.equal(readFileSync(again.seedsFile, 'utf8'), readFileSync(ws.seedsFile, 'utf8'));
  } finally {
    cleanup();
  }
});

test('seeds build --input: exact and near duplicates removed (en and zh), user ids kept, fields inferred', () => {
  const { dir, cleanup } = tempDir();
  try {
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
  } finally {
    cleanup();
  }
});

test('seeds build --input … --no-curated --count 0 writes exactly the given seeds with their ids', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const result = await runCli(['seeds', 'build', '--workspace', dir, '--input', fixture('demo_like.jsonl'), '--no-curated', '--count', '0', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.equal(out.counts.written, 3);
    const seeds = readSeeds(new Workspace(dir).seedsFile);
    assert.deepEqual(seeds.map((s) => s.id), ['demo-01', 'demo-02', 'demo-03']);
    assert.deepEqual([seeds[2].lang, seeds[2].source, seeds[2].mechanics.includes('gravity_jump')], ['en', 'user', true]);
  } finally {
    cleanup();
  }
});

test('bad seed files: one error naming file:line and the field, exit 2, nothing written', async () => {
  const { dir, cleanup } = tempDir();
  try {
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
  } finally {
    cleanup();
  }
});

test('seeds stats: diversity figures — concepts, openings, phrases, incoherent pairs, near-duplicates', () => {
  const seed = (prompt: string, genre: string, lang: 'en' | 'zh' = 'en'): Seed => ({ id: prompt, prompt, lang, genre, mechanics: ['grid_logic', 'pointer_click', 'scoring'], difficulty: 'easy', source: 'user' });
  const seeds = [
    seed('Make a match-3 game with fruit, 8x8 board', 'match3'),
    seed('Make a match-3 game with fruit, 8x8 board!', 'match3'),
    seed('Make a match-3 game with gems, enemies chase you', 'match3'),
    seed('做个三消游戏，水果主题', 'match3', 'zh'),
    seed('simon says with four buttons', 'memory'),
  ];
  const d = seedStats(seeds).diversity;
  assert.equal(d.near_duplicates.count, 1);
  assert.deepEqual(d.incoherent.pairs.map((p) => [p.genre, p.element, p.count]), [['match3', 'enemies', 1]]);
  assert.equal(d.openings.en.top[0].text, 'make a match 3');
  assert.equal(d.openings.en.top[0].count, 3);
  assert.equal(d.openings.en.common_share, 0.75);
  assert.equal(d.phrases.en[0].text, 'make a match-3 game with fruit');
  assert.equal(d.concepts.distinct, 3, 'fruit (twice in English, once in Chinese), gems, and a memory game with no known subject');
  assert.equal(d.concepts.max_repeats, 3);
  const text = formatSeedStats(seedStats(seeds));
  assert.match(text, /concepts \(genre \| mechanics \| subject\): 3 distinct/);
  assert.match(text, /match3 \+ enemies: 1/);
});

test('seeds stats: the table with thin cells marked; --json gives the same as data', async () => {
  const { dir, cleanup } = tempDir();
  try {
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
  } finally {
    cleanup();
  }
});
