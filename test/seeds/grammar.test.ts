import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COHERENCE_RULES, coherenceProblems } from '../../src/seeds/coherence.js';
import { subjectIds } from '../../src/seeds/concepts.js';
import { SeedGenerator } from '../../src/seeds/generate.js';
import { GRAMMARS, fitsHero, type Part } from '../../src/seeds/grammar/index.js';
import { detectLang } from '../../src/seeds/infer.js';
import { loadCuratedSeeds } from '../../src/seeds/input.js';
import { GENRE_IDS, MECHANIC_IDS, genreInfo } from '../../src/seeds/taxonomy.js';

const LANGS = ['en', 'zh'] as const;
const filled = (text: string) => text.replace(/#/g, '3');

test('grammar: one per taxonomy genre; every part tags only mechanics its genre has a place for', () => {
  assert.deepEqual(GRAMMARS.map((g) => g.genre).sort(), [...GENRE_IDS].sort());
  for (const g of GRAMMARS) {
    const info = genreInfo(g.genre)!;
    const fitting = new Set([...info.core, ...info.fits]);
    for (const part of [...g.heroes, ...g.settings, ...g.goals, ...g.twists, ...g.features]) {
      for (const m of part.tags) {
        assert.ok(MECHANIC_IDS.includes(m), `${g.genre}: ${part.en}: unknown mechanic ${m}`);
        assert.ok(fitting.has(m), `${g.genre}: "${part.en}" tags ${m}, which the genre has no place for`);
      }
      for (const lang of LANGS) assert.equal(detectLang(filled(part[lang])) === 'zh', lang === 'zh' && /[\u4e00-\u9fff]/.test(part.zh), `${g.genre}: ${part[lang]}`);
    }
    // A kind of game with features of its own must be a kind some hero is.
    const kinds = new Set(g.heroes.flatMap((h) => h.groups));
    for (const part of [...g.settings, ...g.goals, ...g.twists, ...g.features]) for (const k of part.groups) assert.ok(kinds.has(k), `${g.genre}: "${part.en}" names kind ${k} no hero has`);
  }
});

test('coherence: every genre × hero × part pair the generator can emit is allowed, in both languages', () => {
  let pairs = 0;
  for (const g of GRAMMARS) {
    const heroes: (Part | undefined)[] = [undefined, ...g.heroes];
    for (const hero of heroes) {
      for (const part of [...g.settings, ...g.goals, ...g.twists, ...g.features]) {
        if (!fitsHero(part, hero)) continue;
        for (const lang of LANGS) {
          for (const name of g.names[lang]) {
            const prompt = filled([name, hero?.[lang] ?? '', part[lang]].join(' '));
            assert.deepEqual(coherenceProblems({ prompt, genre: g.genre }), [], `${g.genre}: ${prompt}`);
            pairs++;
          }
        }
      }
    }
  }
  assert.ok(pairs > 5000, `${pairs} pairs enumerated`);
});

test('coherence rules: enemies in enemy-free genres, swipe in sokoban, underwater bike races are caught', () => {
  const cases: [string, string, string | undefined][] = [
    ['match3', '做个消消乐，敌人用状态机控制', 'enemies'],
    ['clicker', '点饼干游戏，敌人一波一波刷出', 'enemies'],
    ['memory', 'memory game where a boss flips cards back', 'enemies'],
    ['snake', 'snake game with zombies chasing you', 'enemies'],
    ['puzzle', 'sokoban with enemies and swipe controls', 'enemies'],
    ['puzzle', '推箱子，手机上滑动操作', 'swipe controls'],
    ['racing', 'underwater-themed mountain-road bike race', 'underwater'],
    ['puzzle', '2048 with swipe on touch screens', undefined],
    ['snake', '2 snakes: you vs a computer snake that hunts the food with simple AI', undefined],
    ['puzzle', 'tic tac toe against the computer', undefined],
    ['platformer', 'platformer with enemies that patrol', undefined],
    ['maze', 'a maze with a mobile-friendly layout', undefined],
  ];
  for (const [genre, prompt, element] of cases) {
    const found = coherenceProblems({ genre, prompt }).map((p) => p.element);
    assert.deepEqual(found.slice(0, 1), element ? [element] : [], `${genre}: ${prompt}`);
  }
  assert.ok(COHERENCE_RULES.find((r) => r.element === 'enemies')!.genres.length === 5);
});

test('coherence: the curated set asks for nothing its genre has no place for', () => {
  for (const { seed } of loadCuratedSeeds()) assert.deepEqual(coherenceProblems(seed), [], seed.prompt);
});

test('generated seeds: no incoherent one, subjects recognised in both languages, no stock sentence, no engine version', () => {
  const generator = new SeedGenerator(3);
  const seeds = Array.from({ length: 3000 }, () => {
    const s = generator.next()!;
    generator.report(true);
    return s;
  });
  for (const s of seeds) {
    assert.deepEqual(coherenceProblems(s), [], s.prompt);
    assert.doesNotMatch(s.prompt, /Phaser\s*\d|Requirements:|尽量做得精致完整|Make it as polished and complete as you can/, s.prompt);
  }
  // Heroes and goals are found again by their words, whichever language: concept signatures rest on it.
  for (const g of GRAMMARS) {
    for (const part of [...g.heroes, ...g.goals]) {
      const id = g.heroes.includes(part) ? part.id : `goal:${part.id}`;
      for (const lang of LANGS) assert.ok(subjectIds({ genre: g.genre, prompt: `Make this: ${part[lang]}!` }).includes(id), `${g.genre} ${lang}: ${part[lang]}`);
    }
  }
  // Difficulty is scope: hard requests are longer and ask for more than easy ones.
  const mean = (d: string, f: (s: (typeof seeds)[number]) => number) => {
    const of = seeds.filter((s) => s.difficulty === d);
    return of.reduce((sum, s) => sum + f(s), 0) / of.length;
  };
  assert.ok(mean('hard', (s) => s.mechanics.length) > mean('medium', (s) => s.mechanics.length) + 1);
  assert.ok(mean('medium', (s) => s.mechanics.length) > mean('easy', (s) => s.mechanics.length) + 1);
  assert.ok(mean('hard', (s) => s.prompt.length) > 2 * mean('easy', (s) => s.prompt.length));
  // Some three-word asks and some specs with numbers, in both languages.
  for (const lang of LANGS) {
    const ofLang = seeds.filter((s) => s.lang === lang);
    assert.ok(ofLang.some((s) => (lang === 'en' ? s.prompt.split(' ').length <= 3 : s.prompt.length <= 8)), `${lang}: short asks`);
    assert.ok(ofLang.some((s) => s.prompt.includes('\n') && /\d/.test(s.prompt)), `${lang}: specs with numbers`);
  }
});
