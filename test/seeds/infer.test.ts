import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLang, inferDifficulty, inferGenre, inferMechanics, seedId } from '../../src/seeds/infer.js';
import { SeedGenerator } from '../../src/seeds/generate.js';
import { GENRE_IDS, MECHANIC_IDS, genreInfo } from '../../src/seeds/taxonomy.js';
import { seedSchema } from '../../src/schemas/index.js';

test('language: Chinese characters against Latin words', () => {
  assert.equal(detectLang('做一个贪吃蛇游戏'), 'zh');
  assert.equal(detectLang('用Phaser 3做一个flappy bird，点击跳跃'), 'zh');
  assert.equal(detectLang('Make a snake game'), 'en');
  assert.equal(detectLang('Make a 贪吃蛇 game for my little brother please'), 'en');
});

test('genre from keywords; specific phrases beat generic words', () => {
  assert.equal(inferGenre('classic snake on a grid'), 'snake');
  assert.equal(inferGenre('a space shooter with waves of aliens'), 'space_shooter');
  assert.equal(inferGenre('top-down zombie shooter'), 'top_down_shooter');
  assert.equal(inferGenre('memory card game 4x4'), 'memory', '"card" is not "car"');
  assert.equal(inferGenre('接水管：点击方块旋转90度'), 'puzzle', '接水管 outweighs flappy\'s 水管');
  assert.equal(inferGenre('俯视角赛车，椭圆赛道跑3圈'), 'racing');
  assert.equal(inferGenre('something fun with colours'), 'arcade');
});

test('mechanics: genre core plus what the prompt names', () => {
  const mechanics = inferMechanics('platformer with a countdown timer, particles when you land, and a camera that follows', 'platformer');
  for (const m of ['gravity_jump', 'collisions', 'keyboard', 'timers', 'particles', 'camera_follow']) assert.ok(mechanics.includes(m), m);
  assert.ok(!mechanics.includes('projectiles'));
  assert.deepEqual(inferMechanics('做一个贪吃蛇', 'snake'), ['collisions', 'scoring', 'keyboard', 'grid_logic']);
  assert.ok(inferMechanics('打飞机，发射子弹，有三条命', 'space_shooter').includes('lives'));
});

test('difficulty: size words first, else how much is asked', () => {
  assert.equal(inferDifficulty('a simple snake game', ['keyboard', 'grid_logic', 'collisions', 'scoring', 'timers']), 'easy');
  assert.equal(inferDifficulty('做一个完整的平台游戏，多关卡', ['gravity_jump']), 'hard');
  assert.equal(inferDifficulty('a snake game', ['keyboard', 'grid_logic']), 'easy');
  assert.equal(inferDifficulty('a snake game', ['keyboard', 'grid_logic', 'collisions', 'scoring', 'timers']), 'medium');
});

test('seed ids hash the normalised prompt', () => {
  assert.equal(seedId('Make  a Snake game'), seedId('make a snake game'));
  assert.notEqual(seedId('make a snake game'), seedId('make a maze game'));
  assert.match(seedId('x'), /^[0-9a-f]{16}$/);
});

test('generator: deterministic, valid, tags from the taxonomy, both languages', () => {
  const take = (seed: number, n: number) => {
    const generator = new SeedGenerator(seed);
    return Array.from({ length: n }, () => {
      const s = generator.next()!;
      generator.report(true);
      return s;
    });
  };
  const a = take(7, 200);
  assert.deepEqual(a, take(7, 200));
  assert.notDeepEqual(a, take(8, 200));
  for (const s of a) {
    seedSchema.parse(s);
    assert.equal(s.source, 'generated');
    assert.equal(s.id, seedId(s.prompt));
    assert.ok(GENRE_IDS.includes(s.genre));
    for (const m of s.mechanics) assert.ok(MECHANIC_IDS.includes(m), m);
    for (const m of genreInfo(s.genre)!.core) assert.ok(s.mechanics.includes(m), `${s.genre} core ${m}`);
    assert.equal(detectLang(s.prompt), s.lang, s.prompt);
  }
  const zh = a.filter((s) => s.lang === 'zh').length;
  assert.ok(zh >= 90 && zh <= 110, `zh ${zh}`);
  assert.ok(new Set(a.map((s) => s.genre)).size === GENRE_IDS.length);
  assert.ok(new Set(a.map((s) => s.prompt)).size >= 195, 'prompts vary');
});
