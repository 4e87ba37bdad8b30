import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeTokens, jaccard, tokenShingles } from '../../src/core/index.js';
import { assignSplits, dedupSamples, lshCandidateProbability, lshThreshold, type Sample } from '../../src/dataset/index.js';
import { nearCopy, syntheticGame } from '../fixtures/dataset/syntheticCode.js';

const settings = { threshold: 0.8, shingleSize: 5, permutations: 112, bands: 14 };

function sample(id: string, code: string, source: 'distilled' | 'official' = 'distilled', meta: Partial<Sample['meta']> = {}): Sample {
  return {
    conversation: { system: 's', turns: [{ user: `prompt ${id}`, assistant: code }] },
    meta: { source, group: id, seed_id: id, candidate_id: id, genre: 'arcade', lang: 'en', difficulty: 'easy', id, ...meta },
  };
}

const shingles = (code: string) => tokenShingles(codeTokens(code), 5);

test('near-duplicate pairs are removed, distinct pairs kept, exact copies counted apart', () => {
  const samples: Sample[] = [];
  const expectRemoved = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const base = syntheticGame(100 + i, 4000);
    samples.push(sample(`base${i}`, base));
    const near = nearCopy(base, i, 0.015); // true Jaccard well above 0.8
    const far = nearCopy(base, i, 0.4); // an edited variant below 0.8: a different sample
    assert.ok(jaccard(shingles(base), shingles(near)) >= 0.85);
    assert.ok(jaccard(shingles(base), shingles(far)) < 0.72);
    samples.push(sample(`near${i}`, near), sample(`far${i}`, far));
    expectRemoved.add(`near${i}`);
  }
  samples.push(sample('exact', syntheticGame(100, 4000).replace(/\n/g, '\n  '), 'official')); // same text up to whitespace
  const { kept, removed, counts } = dedupSamples(samples, settings);
  const removedIds = new Set(removed.map((r) => r.item.meta.id));
  assert.deepEqual([...removedIds].filter((id) => id.startsWith('near')).sort(), [...expectRemoved].sort());
  assert.ok(kept.every((s) => !s.meta.id.startsWith('near')));
  assert.equal(kept.filter((s) => s.meta.id.startsWith('far')).length, 20, 'distinct variants kept');
  assert.equal(counts.exact.official_vs_distilled, 1);
  assert.equal(counts.near.distilled, 20);
});

test('LSH parameters: 112 permutations in 14 bands of 8 rows, S-curve midpoint ≈ 0.72', () => {
  assert.equal(lshThreshold(112, 14), 0.719);
  assert.ok(lshCandidateProbability(0.9, 112, 14) > 0.99);
  assert.ok(lshCandidateProbability(0.8, 112, 14) > 0.9);
  assert.ok(lshCandidateProbability(0.5, 112, 14) < 0.06);
});

test('splits: no group in two splits, ratios held, every genre|lang stratum in train, deterministic', () => {
  const samples: Sample[] = [];
  const genres = ['platformer', 'shooter', 'puzzle', 'racing', 'rhythm'];
  for (let seed = 0; seed < 400; seed++) {
    const meta = { group: `seed-${seed}`, genre: genres[seed % 5], lang: seed % 2 ? ('zh' as const) : ('en' as const) };
    for (let answer = 0; answer < 1 + (seed % 2); answer++) samples.push(sample(`s${seed}-${answer}`, 'x', 'distilled', meta));
  }
  const splits = assignSplits(samples, [0.8, 0.1, 0.1], 42);
  const where = new Map<string, string>();
  for (const [split, list] of Object.entries(splits)) {
    for (const s of list) {
      assert.ok(!where.has(s.meta.group) || where.get(s.meta.group) === split, `${s.meta.group} in two splits`);
      where.set(s.meta.group, split);
    }
  }
  assert.equal(splits.train.length + splits.val.length + splits.test.length, samples.length);
  assert.ok(Math.abs(splits.val.length / samples.length - 0.1) < 0.01, `val ${splits.val.length}`);
  assert.ok(Math.abs(splits.test.length / samples.length - 0.1) < 0.01, `test ${splits.test.length}`);
  // Each of the 10 strata holds 60 samples: its val and test shares are within two groups of 6.
  for (const genre of genres) {
    for (const lang of ['en', 'zh']) {
      const inVal = splits.val.filter((s) => s.meta.genre === genre && s.meta.lang === lang).length;
      assert.ok(Math.abs(inVal - 6) <= 4, `${genre}|${lang} has ${inVal} in val`);
    }
  }
  const ids = (seed: number) => Object.values(assignSplits(samples, [0.8, 0.1, 0.1], seed)).map((list) => list.map((s) => s.meta.id).join(','));
  assert.deepEqual(ids(42), ids(42));
  assert.notDeepEqual(ids(42), ids(43));
  const reversed = Object.values(assignSplits([...samples].reverse(), [0.8, 0.1, 0.1], 42)).map((list) => list.map((s) => s.meta.id).join(','));
  assert.deepEqual(reversed, ids(42), 'input order does not matter');
});
