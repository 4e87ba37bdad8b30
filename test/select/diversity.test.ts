import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeTokens, jaccard, tokenShingles } from '../../src/core/index.js';
import { selectDiverse, type Scored } from '../../src/select/index.js';
import { nearCopy, syntheticGame } from '../fixtures/dataset/syntheticCode.js';

function entry(id: string, group: string, code: string, score: number): Scored<string> {
  return { item: id, id, group, code, codeHash: code.length + ':' + code.slice(0, 40) + code.slice(-40), score };
}

const shingles = (code: string) => tokenShingles(codeTokens(code), 5);
const options = { perPrompt: 2, maxSimilarity: 0.8, maxCluster: 2, clusterSimilarity: 0.8, shingleSize: 5 };

test('per prompt: best distinct answers, a near-copy of a kept one is skipped for the next distinct one', () => {
  const a = syntheticGame(1);
  const entries = [
    entry('a', 'p1', a, 0.9),
    entry('a-copy', 'p1', nearCopy(a, 7, 0.02), 0.85),
    entry('b', 'p1', syntheticGame(2), 0.7),
    entry('c', 'p1', syntheticGame(3), 0.6),
  ];
  const { kept, dropped } = selectDiverse(entries, options);
  assert.deepEqual(kept.map((e) => e.id), ['a', 'b']);
  assert.deepEqual(Object.fromEntries(dropped.map((d) => [d.entry.id, d.reason])), { 'a-copy': 'too_similar_same_prompt', c: 'prompt_full' });
});

test('across prompts: a cluster of near-identical games is capped, exact code kept once', () => {
  const template = syntheticGame(10);
  const copies = [1, 2, 3].map((i) => nearCopy(template, i, 0.05));
  for (const copy of copies) {
    assert.notEqual(copy, template);
    assert.ok(jaccard(shingles(copy), shingles(template)) > 0.85);
  }
  const entries = [template, ...copies].map((code, i) => entry(`t${i}`, `p${i}`, code, 0.9 - i / 100));
  entries.push(entry('dup', 'p9', template, 0.5));
  entries.push(entry('other', 'p4', syntheticGame(11), 0.1));
  const { kept, dropped } = selectDiverse(entries, options);
  assert.deepEqual(kept.map((e) => e.id), ['t0', 't1', 'other']);
  assert.deepEqual(
    dropped.map((d) => [d.entry.id, d.reason]),
    [
      ['t2', 'cluster_full'],
      ['t3', 'cluster_full'],
      ['dup', 'duplicate_code'],
    ],
  );
});

test('the result does not depend on input order', () => {
  const entries = [1, 2, 3, 4, 5, 6].map((i) => entry(`e${i}`, `p${i % 2}`, syntheticGame(i), i % 3 === 0 ? 0.5 : 0.5 + i / 100));
  const forward = selectDiverse(entries, options).kept.map((e) => e.id);
  const backward = selectDiverse([...entries].reverse(), options).kept.map((e) => e.id);
  assert.deepEqual(forward, backward);
});
