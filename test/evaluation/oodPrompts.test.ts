import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/index.js';
import { carriesHeldOutPair, oodMechanicPairs } from '../../src/evaluation/heldOutPairs.js';
import { TEMPLATES, draftOodPrompts, mechanicPairs, writeOodPrompt } from '../../src/evaluation/oodPrompts.js';
import { SeedGenerator } from '../../src/seeds/generate.js';
import { GENRE_IDS, genreInfo } from '../../src/seeds/index.js';
import type { Lang, Seed } from '../../src/schemas/index.js';

/** What `dataset` would train on out of `count` generated seeds: no OOD genre, no held-out pair. */
function trainedSeeds(count: number, heldOutPairs: string[], oodGenres: string[]): Seed[] {
  const generator = new SeedGenerator(11);
  const out: Seed[] = [];
  for (let i = 0; i < count; i++) {
    const seed = generator.next()!;
    generator.report(true);
    if (!oodGenres.includes(seed.genre) && !carriesHeldOutPair(seed.mechanics, heldOutPairs)) out.push(seed);
  }
  return out;
}

test('ood prompts: every template, language and genre reads as a filled, grammatical sentence', () => {
  const mechanics = ['keyboard', 'timers', 'particles'];
  for (const lang of ['en', 'zh'] as Lang[]) {
    const names = Object.keys(TEMPLATES[lang]);
    assert.ok(names.length >= 10, `${lang}: ${names.length} templates`);
    for (const genre of GENRE_IDS) {
      for (let v = 0; v < names.length * 2; v++) {
        const draft = writeOodPrompt(genre, mechanics.slice(0, 2 + (v % 2)), lang, v, 'held_out_genre');
        const p = draft.prompt;
        assert.doesNotMatch(p, /undefined|\$\{|null|NaN|\[object/, p);
        assert.doesNotMatch(p, /in that theme|set in that|这个主题的/i, p);
        assert.doesNotMatch(p, /_/, `a raw tag leaked: ${p}`);
        if (lang === 'en') {
          assert.doesNotMatch(p, /\ba [aeiou]/i, `article: ${p}`);
          assert.doesNotMatch(p, /\bwith (the hero|things|a score that goes)/, p);
          assert.doesNotMatch(p, /[\u4e00-\u9fff]/, p);
          assert.doesNotMatch(p, /  |\s[,.]/, `spacing: ${p}`);
        } else {
          assert.match(p, /[\u4e00-\u9fff]/);
          assert.doesNotMatch(p, /[a-z]{3,} [a-z]{3,} [a-z]{3,}/i, `English leaked: ${p}`);
          assert.doesNotMatch(p, /游戏游戏|的的|，，|。。/, p);
        }
      }
    }
  }
});

test('ood prompts: many phrasings per language in one set of drafts', () => {
  const config = defaultConfig();
  const heldOutPairs = oodMechanicPairs(config);
  const trained = trainedSeeds(531, heldOutPairs, config.eval.ood_genres);
  const drafts = draftOodPrompts({
    oodGenres: config.eval.ood_genres,
    trainedGenres: [...new Set(trained.map((s) => s.genre))].sort(),
    trainedCombos: new Set(trained.flatMap((s) => mechanicPairs(s.mechanics))),
    count: 20,
    randomSeed: config.eval.random_seed,
    heldOutPairs,
  });
  for (const lang of ['en', 'zh']) {
    const first = drafts.filter((d) => d.lang === lang).slice(0, 20);
    assert.ok(new Set(first.map((d) => d.template)).size >= 10, `${lang}: ${new Set(first.map((d) => d.template)).size} templates in the first 20`);
  }
});

for (const count of [531, 20_000]) {
  test(`ood prompts: both kinds survive ${count} seeds, the combos held out by design`, () => {
    const config = defaultConfig();
    const heldOutPairs = oodMechanicPairs(config);
    assert.equal(heldOutPairs.length, config.eval.ood_mechanic_pairs);
    assert.deepEqual(oodMechanicPairs(config), heldOutPairs, 'deterministic');
    // Every held-out pair is a pair some trained genre can carry.
    for (const pair of heldOutPairs) {
      const [a, b] = pair.split('+');
      assert.ok(GENRE_IDS.some((g) => !config.eval.ood_genres.includes(g) && genreInfo(g)!.fits.includes(a) && genreInfo(g)!.fits.includes(b)), pair);
    }
    const trained = trainedSeeds(count, heldOutPairs, config.eval.ood_genres);
    const combos = new Set(trained.flatMap((s) => mechanicPairs(s.mechanics)));
    for (const pair of heldOutPairs) assert.ok(!combos.has(pair), `${pair} in train`);
    const drafts = draftOodPrompts({
      oodGenres: config.eval.ood_genres,
      trainedGenres: [...new Set(trained.map((s) => s.genre))].sort(),
      trainedCombos: combos,
      count: config.eval.ood_count,
      randomSeed: config.eval.random_seed,
      heldOutPairs,
    });
    const kinds = new Map<string, number>();
    for (const d of drafts.slice(0, config.eval.ood_count)) kinds.set(d.ood_kind, (kinds.get(d.ood_kind) ?? 0) + 1);
    assert.ok((kinds.get('held_out_genre') ?? 0) >= config.eval.ood_count / 4, JSON.stringify([...kinds]));
    assert.ok((kinds.get('unseen_mechanic_combo') ?? 0) >= config.eval.ood_count / 4, JSON.stringify([...kinds]));
    for (const d of drafts.filter((x) => x.ood_kind === 'unseen_mechanic_combo')) assert.ok(!combos.has(mechanicPairs(d.mechanics)[0]), d.prompt);
    // What the hold-out costs: the share of seeds it removes stays small.
    const lost = count - trained.length;
    const pairOnly = trainedSeeds(count, [], config.eval.ood_genres).length - trained.length;
    console.log(`${count} seeds: ${trained.length} trainable (${pairOnly} held out for the pairs), pairs ${heldOutPairs.join(', ')}, kinds ${JSON.stringify(Object.fromEntries(kinds))}`);
    assert.ok(lost < count * 0.5, `${lost} of ${count} held out`);
  });
}
