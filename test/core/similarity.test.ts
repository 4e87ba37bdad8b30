import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MinHasher, charShingles, codeTokens, dedupe, estimateJaccard, hash32, jaccard, tokenShingles } from '../../src/core/index.js';

test('MinHash estimate tracks exact Jaccard', () => {
  const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
  const a = new Set(words.slice(0, 300));
  const b = new Set(words.slice(100, 400)); // 200 shared of 400 → 0.5
  const hasher = new MinHasher(256);
  const estimate = estimateJaccard(hasher.signature(a), hasher.signature(b));
  assert.equal(jaccard(a, b), 0.5);
  assert.ok(Math.abs(estimate - 0.5) < 0.1, `estimate ${estimate}`);
  assert.equal(estimateJaccard(hasher.signature(a), hasher.signature(new Set(a))), 1);
});

test('dedupe removes exact and near duplicates in zh and en, keeps distinct ones', () => {
  const prompts = [
    'Make a platformer where a cat jumps between floating islands and collects stars',
    'make a platformer where a cat jumps between floating islands and collects stars!',
    'Make a platformer where a cat jumps between floating islands and collects the stars',
    '做一个贪吃蛇游戏，吃到食物变长，撞墙游戏结束',
    '做一个贪吃蛇游戏，吃到食物会变长，撞墙就游戏结束',
    'A breakout clone with paddle, ball and bricks that break',
    '写一个打砖块游戏，有挡板、小球和砖块',
  ];
  const { kept, removed } = dedupe(prompts, {
    shingles: (p) => charShingles(p, 2),
    threshold: 0.6,
    bands: 28, // 28 × 4 rows: candidates from about 0.43 similarity, right for short prompts
    exactKey: (p) => p.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''),
  });
  assert.deepEqual(kept, [prompts[0], prompts[3], prompts[5], prompts[6]]);
  assert.equal(removed.length, 3);
  assert.equal(removed.find((r) => r.item === prompts[1])?.kind, 'exact');
  assert.equal(removed.find((r) => r.item === prompts[4])?.duplicateOf, prompts[3]);
});

test('code tokens and token shingles', () => {
  assert.deepEqual(codeTokens('this.add.text(10, 20, "分数")'), ['this', '.', 'add', '.', 'text', '(', '10', ',', '20', ',', '"', '分', '数', '"', ')']);
  assert.equal(tokenShingles(['a', 'b', 'c'], 2).size, 2);
});

test('token shingle hashes: same n-gram count, same similarity estimate, usable by dedupe', async () => {
  const { tokenShingleHashes } = await import('../../src/core/index.js');
  const words = Array.from({ length: 600 }, (_, i) => `id${i % 450} +`);
  const a = codeTokens(words.slice(0, 500).join(' '));
  const b = codeTokens(words.slice(100, 600).join(' '));
  assert.equal(tokenShingleHashes(a, 5).length, a.length - 4);
  assert.deepEqual(tokenShingleHashes(['x', 'y'], 5).length, 1);
  assert.equal(tokenShingleHashes([], 5).length, 0);
  const hasher = new MinHasher(112);
  const exact = jaccard(tokenShingles(a, 5), tokenShingles(b, 5));
  const estimate = estimateJaccard(hasher.signatureOfHashes(tokenShingleHashes(a, 5)), hasher.signatureOfHashes(tokenShingleHashes(b, 5)));
  assert.ok(Math.abs(estimate - exact) < 0.12, `estimate ${estimate} vs exact ${exact}`);
  // signature() is signatureOfHashes() of the hashed shingles
  const set = tokenShingles(a, 5);
  assert.deepEqual(hasher.signature(set), hasher.signatureOfHashes(Uint32Array.from(set, (s) => hash32(s))));
  const texts = [a, [...a], codeTokens('something else entirely, nothing shared at all here')];
  const { kept, removed } = dedupe(texts, { shingles: () => new Set(), threshold: 0.8, signatureOf: (tokens) => hasher.signatureOfHashes(tokenShingleHashes(tokens, 5)) });
  assert.deepEqual(kept, [a, texts[2]]);
  assert.equal(removed[0].item, texts[1]);
});

test('codeTokenHashes equals codeTokens hashed one by one, in zh and en, with numbers and symbols', async () => {
  const { codeTokenHashes, shingleHashesOf, tokenShingleHashes } = await import('../../src/core/index.js');
  const texts = ['this.add.text(10, 20, "分数")', 'a1.5b 3.14.15 x.5 $foo _bar 12abc', 'é ü\tñ\u00a0x — “q” 😀', 'x\r\ny', '', '  '];
  for (const text of texts) {
    const tokens = codeTokens(text);
    assert.deepEqual([...codeTokenHashes(text)], tokens.map((t) => hash32(t)), text);
    assert.deepEqual([...shingleHashesOf(codeTokenHashes(text), 3)], [...tokenShingleHashes(tokens, 3)], text);
  }
});
