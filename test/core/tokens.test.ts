import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { countTokens, LONG_PIECE_BYTES } from '../../src/core/index.js';
import { run } from '../../bench/tokenRuns.js';

const encoder = new Tiktoken(o200kBase);

test('countTokens equals tiktoken o200k on ordinary prose, code and mixed scripts', () => {
  const texts = [
    '',
    'hello world',
    'héllo wörld — émoji 🎮🎮\n\n\t  tabs\r\n',
    '    const scene = this.add.sprite(400, 300, "player");\n',
    readFileSync(new URL('../../README.md', import.meta.url), 'utf8'),
    readFileSync(new URL('../../src/core/jsonl.ts', import.meta.url), 'utf8'),
    'x'.repeat(LONG_PIECE_BYTES),
  ];
  for (const text of texts) assert.equal(countTokens(text), encoder.encode(text).length, JSON.stringify(text.slice(0, 60)));
});

test('a long run without spaces is counted in bounded chunks, close to the exact count', () => {
  const text = run('base64', 4000);
  const exact = encoder.encode(text).length;
  const ours = countTokens(text);
  assert.ok(Math.abs(ours - exact) / exact < 0.05, `${ours} vs exact ${exact}`);
});

test('a 1 MB run of one piece finishes (was quadratic: never finished)', { timeout: 120_000 }, () => {
  const text = run('lower', 1_000_000);
  const n = countTokens(text);
  assert.ok(n > 100_000 && n < 1_000_000, `${n} tokens`);
});
