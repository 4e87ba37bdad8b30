import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charShingles, dedupe } from '../../src/core/index.js';
import { detectLang, seedId } from '../../src/seeds/infer.js';
import { loadCuratedSeeds } from '../../src/seeds/input.js';
import { seedStats } from '../../src/seeds/stats.js';
import { DIFFICULTIES, GENRE_IDS, MECHANIC_IDS, genreInfo } from '../../src/seeds/taxonomy.js';

const curated = loadCuratedSeeds().map((row) => row.seed);

test('curated set: at least 300 requests, zh and en each at least 40%', () => {
  assert.ok(curated.length >= 300, `${curated.length}`);
  const zh = curated.filter((s) => s.lang === 'zh').length;
  assert.ok(zh / curated.length >= 0.4, `zh ${zh}`);
  assert.ok((curated.length - zh) / curated.length >= 0.4, `en ${curated.length - zh}`);
  for (const s of curated) assert.equal(detectLang(s.prompt), s.lang, s.prompt);
});

test('curated set: taxonomy tags, every genre × difficulty × language cell present', () => {
  const stats = seedStats(curated);
  assert.ok(Object.keys(stats.by_genre).length >= 12);
  for (const s of curated) {
    assert.equal(s.source, 'curated');
    assert.ok(GENRE_IDS.includes(s.genre), s.genre);
    assert.ok(DIFFICULTIES.includes(s.difficulty));
    for (const m of s.mechanics) assert.ok(MECHANIC_IDS.includes(m), m);
    for (const m of genreInfo(s.genre)!.core) assert.ok(s.mechanics.includes(m), `${s.prompt}: core ${m}`);
  }
  assert.deepEqual(stats.thin_cells.filter((c) => GENRE_IDS.includes(c.genre) && c.count === 0), []);
  assert.equal(stats.unused_mechanics.length, 0);
});

test('curated set: stable ids, no duplicates or near-duplicates', () => {
  for (const s of curated) assert.equal(s.id, seedId(s.prompt), s.prompt);
  assert.equal(new Set(curated.map((s) => s.id)).size, curated.length);
  const { removed } = dedupe(curated, { shingles: (s) => charShingles(s.prompt, s.lang === 'zh' ? 2 : 3), threshold: 0.7, bands: 28 });
  assert.deepEqual(removed.map((r) => r.item.prompt), []);
});

test('curated set: phrased like users, short and long', () => {
  const lengths = curated.map((s) => s.prompt.length);
  assert.ok(lengths.filter((n) => n < 20).length >= 15, 'some vague one-liners');
  assert.ok(lengths.filter((n) => n > 150).length >= 30, 'some detailed specs');
});
