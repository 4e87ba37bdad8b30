import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Seed } from '../../src/schemas/index.js';
import { conceptSignature } from '../../src/seeds/concepts.js';
import { SeedFilter, filterCandidates } from '../../src/seeds/filters.js';
import { detectLang, inferDifficulty, inferGenre, inferMechanics, seedId } from '../../src/seeds/infer.js';
import { loadCuratedSeeds } from '../../src/seeds/input.js';
import { NearDuplicateIndex, countNearDuplicates, gramJaccard, promptGrams } from '../../src/seeds/nearDup.js';

/** A seed as `seeds expand` will make one from a teacher's text: tagged by the same inference as user seeds. */
function candidate(prompt: string, genre = inferGenre(prompt)): Seed {
  const mechanics = inferMechanics(prompt, genre);
  return { id: seedId(prompt), prompt, lang: detectLang(prompt), genre, mechanics, difficulty: inferDifficulty(prompt, mechanics), source: 'generated' };
}

const curated = loadCuratedSeeds().map((r) => r.seed);
const options = { threshold: 0.6, conceptCap: 3 };

test('near-duplicates: char 4-gram Jaccard, same language only, confirmed exactly', () => {
  const a = 'Make a platformer where a fox has to collect every gem on floating islands. Double jump, 3 lives shown as hearts.';
  const sibling = 'Make a platformer where a fox has to collect every gem on icy islands. Double jump, 3 lives shown as hearts.';
  const other = 'A snake game on a neon grid: arrow keys or WASD, score in the corner.';
  const sim = gramJaccard(promptGrams(a), promptGrams(sibling));
  assert.ok(sim >= 0.6 && sim < 1, `${sim}`);
  const index = new NearDuplicateIndex(0.6);
  assert.equal(index.findAndAdd(a, 'en'), undefined);
  assert.equal(index.findAndAdd(other, 'en'), undefined);
  assert.deepEqual(index.find(sibling, 'en'), { index: 0, similarity: sim });
  assert.equal(index.find(sibling, 'zh'), undefined, 'another language is never a near-duplicate');
  assert.equal(index.find('做一个贪吃蛇游戏', 'zh'), undefined);
  assert.equal(countNearDuplicates([a, other, sibling, a].map((prompt) => ({ prompt, lang: 'en' })), 0.6).count, 2);
});

test('filters on planted seeds: duplicates of curated ones, template siblings, incoherent ones and an over-cap concept are turned down', () => {
  const copy = curated.find((s) => s.prompt.startsWith('Minesweeper: left click reveals'))!;
  const zhCopy = curated.find((s) => s.prompt.startsWith('推箱子：把箱子推到目标点'))!;
  const planted: [Seed, string][] = [
    [candidate(copy.prompt), 'near_duplicate'],
    [candidate(copy.prompt.replace('timer and mine counter', 'timer and a mine counter')), 'near_duplicate'],
    [candidate(zhCopy.prompt.replace('5关', '6关')), 'near_duplicate'],
    [candidate('做个水果消消乐，8x8棋盘，敌人用状态机控制，限时60秒'), 'incoherent'],
    [candidate('cookie clicker where enemies spawn in waves and you click them'), 'incoherent'],
    [candidate('sokoban on mobile: swipe to push the boxes, 10 levels'), 'incoherent'],
    [candidate('做一个俯视角赛车游戏，海底主题，躲开车流'), 'incoherent'],
    [candidate('A tower defense game where cats throw yarn balls at waves of mice, 20 lives, gold per kill'), 'kept'],
    [candidate('记忆翻牌游戏，国旗卡片，4x4格子，翻牌用缩放缓动，记录最佳用时'), 'kept'],
  ];
  const { kept, rejected, counts } = filterCandidates(planted.map(([s]) => s), curated, options);
  for (const [seed, expected] of planted) {
    const verdict = rejected.find((r) => r.seed === seed)?.verdict;
    assert.equal(verdict?.reason ?? 'kept', expected, seed.prompt);
  }
  assert.equal(kept.length, 2);
  assert.deepEqual(counts, { offered: 9, kept: 2, incoherent: 4, concept_cap: 0, near_duplicate: 3 });
  const near = rejected.find((r) => r.verdict.reason === 'near_duplicate')!.verdict;
  assert.ok(near.reason === 'near_duplicate' && near.duplicateOf.id === copy.id && near.similarity === 1);
  const incoherent = rejected.find((r) => r.seed.prompt.startsWith('做个水果消消乐'))!.verdict;
  assert.deepEqual(incoherent.reason === 'incoherent' && incoherent.problems, [{ genre: 'match3', element: 'enemies', word: '敌人' }]);
});

test('concept cap: one game asked in other words and the other language counts as one concept', () => {
  // The same concept (memory, same mechanics, animal cards + find all the pairs), four phrasings, two languages.
  const phrasings = [
    'memory card game with animal cards, find all the pairs',
    'Could you build a card matching game with animal cards? Goal: find all the pairs.',
    '记忆翻牌游戏，用动物卡片，目标是找出所有配对',
    '帮我写个翻牌配对，动物卡片主题，要找出所有配对就赢',
  ].map((p) => candidate(p, 'memory'));
  const signatures = new Set(phrasings.map((s) => conceptSignature({ ...s, mechanics: ['grid_logic', 'pointer_click', 'tweens'] })));
  assert.equal(signatures.size, 1, [...signatures].join(' / '));
  const seeds = phrasings.map((s) => ({ ...s, mechanics: ['grid_logic', 'pointer_click', 'tweens'] }));
  const { kept, rejected } = filterCandidates(seeds, [], { threshold: 0.6, conceptCap: 3 });
  assert.equal(kept.length, 3);
  assert.deepEqual(rejected.map((r) => r.verdict.reason), ['concept_cap']);
  // Existing seeds fill the cap too, and are never removed themselves.
  const filter = new SeedFilter(seeds.slice(0, 2), { threshold: 0.6, conceptCap: 2 });
  assert.equal(filter.offer(seeds[2]).kept, false);
  assert.equal(filter.concepts.count([...signatures][0]), 2);
});
