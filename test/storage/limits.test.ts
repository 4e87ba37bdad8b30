// Caps on untrusted text (core/limits.ts) and the line decoder on very long lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ANSWER_BYTES, MAX_MESSAGE_CHARS, OVERSIZE_ANSWER_KEPT_BYTES, answerTooLarge, capAnswer, capMessage, decodeLines, headBytes } from '../../src/core/index.js';
import { extractAnswer } from '../../src/parse/index.js';
import { issue } from '../../src/validate/issues.js';

test('capAnswer keeps an answer under the cap whole and cuts one over it to its head, with its size', () => {
  const small = '[PLAN]\nok\n```js\nnew Phaser.Game({});\n```\n';
  assert.deepEqual(capAnswer(small), { text: small });
  const atCap = 'a'.repeat(MAX_ANSWER_BYTES);
  assert.deepEqual(capAnswer(atCap), { text: atCap });
  const over = 'é'.repeat(MAX_ANSWER_BYTES / 2 + 1); // 2 bytes each: one character past the cap
  const capped = capAnswer(over);
  assert.equal(capped.answer_bytes, MAX_ANSWER_BYTES + 2);
  assert.ok(Buffer.byteLength(capped.text) <= OVERSIZE_ANSWER_KEPT_BYTES);
  assert.ok(over.startsWith(capped.text));
});

test('headBytes never cuts a character in two (2-, 3- and 4-byte UTF-8)', () => {
  for (const ch of ['é', '中', '😀']) {
    const text = `ab${ch.repeat(10)}`;
    for (let max = 0; max <= Buffer.byteLength(text); max++) {
      const head = headBytes(text, max);
      assert.ok(Buffer.byteLength(head) <= max, `${ch} at ${max}`);
      assert.ok(text.startsWith(head), `${ch} at ${max}: a prefix`);
      assert.ok(!head.includes('\ufffd'));
      assert.ok(max - Buffer.byteLength(head) < Buffer.byteLength(ch), `${ch} at ${max}: no more cut than one character`);
    }
  }
});

test('an answer over the cap is answer_too_large and nothing of it is parsed', () => {
  const game = '[PLAN]\nplan\n```javascript\nnew Phaser.Game({});\n```\n';
  assert.deepEqual(extractAnswer(game, 'end_turn').errors.includes('answer_too_large'), false);
  assert.deepEqual(extractAnswer(game, 'end_turn', 60 * 1024 * 1024), { plan: '', code: '', errors: ['answer_too_large'] });
  const huge = game.replace('plan', 'x'.repeat(MAX_ANSWER_BYTES));
  assert.equal(answerTooLarge(huge), true);
  assert.deepEqual(extractAnswer(huge).errors, ['answer_too_large']);
});

test('validator messages and call errors are capped', () => {
  assert.equal(capMessage('short'), 'short');
  const long = capMessage('m'.repeat(50_000));
  assert.equal(long.length, MAX_MESSAGE_CHARS);
  assert.ok(long.endsWith('…'));
  assert.equal(issue('api_unknown', `unknown member this.${'x'.repeat(60_000)}`).message.length, MAX_MESSAGE_CHARS);
});

test('the line decoder joins a long line split over many chunks once, with its byte offset', async () => {
  const long = Buffer.alloc(5 * 1024 * 1024, 0x61);
  const all = Buffer.concat([Buffer.from('one\n'), long, Buffer.from('\ntwo\nlast')]);
  async function* chunks() {
    for (let i = 0; i < all.length; i += 4096) yield all.subarray(i, i + 4096);
  }
  const lines = [];
  for await (const line of decodeLines(chunks())) lines.push({ text: line.bytes.length > 10 ? `a×${line.bytes.length}` : line.bytes.toString(), offset: line.offset, line: line.line, unterminated: line.unterminated });
  assert.deepEqual(lines, [
    { text: 'one', offset: 0, line: 1, unterminated: false },
    { text: `a×${long.length}`, offset: 4, line: 2, unterminated: false },
    { text: 'two', offset: 4 + long.length + 1, line: 3, unterminated: false },
    { text: 'last', offset: 4 + long.length + 5, line: 4, unterminated: true },
  ]);
});
