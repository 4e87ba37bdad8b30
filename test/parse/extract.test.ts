import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractAnswer } from '../../src/parse/extract.js';

const answer = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}.md`, import.meta.url), 'utf8');

test('[PLAN] section and a ```javascript block', () => {
  const result = extractAnswer(answer('plan-bracket-javascript'), 'end_turn');
  assert.match(result.plan, /^- Genre: arcade clicker/);
  assert.match(result.plan, /Score shown top-left\.$/);
  assert.doesNotMatch(result.plan, /\[CODE\]/);
  assert.match(result.code, /^class ClickScene extends Phaser\.Scene/);
  assert.ok(result.code.endsWith('scene: ClickScene });\n'));
  assert.deepEqual(result.errors, []);
});

test('a `## Plan` heading ends at the next heading; ```js fences count', () => {
  const result = extractAnswer(answer('plan-heading-js'));
  assert.equal(result.plan, 'A dodging game: arrows move a square, red circles fall.');
  assert.match(result.code, /new Phaser\.Game\(config\);\n$/);
  assert.deepEqual(result.errors, []);
});

test('`PLAN:` on one line and a ```ts fence (flagged ts_fence)', () => {
  const result = extractAnswer(answer('plan-colon-ts'));
  assert.equal(result.plan, 'A tiny typed game. Click to grow a circle.');
  assert.match(result.code, /^new Phaser\.Game/);
  assert.deepEqual(result.errors, ['ts_fence']);
});

test('a complete HTML page yields its inline game script (html_wrapper), not the CDN tag', () => {
  const result = extractAnswer(answer('html-wrapper'));
  assert.equal(result.plan, 'Simple bouncing ball in an HTML page.');
  assert.match(result.code, /^new Phaser\.Game\(\{/);
  assert.doesNotMatch(result.code, /<script|<\/script>|cdn\.jsdelivr/);
  assert.deepEqual(result.errors, ['html_wrapper']);
});

test('several blocks: the one creating Phaser.Game is kept (several_games)', () => {
  const result = extractAnswer(answer('several-blocks'));
  assert.match(result.code, /^const TRAIL = \[\];/);
  assert.ok(result.errors.includes('several_games'));
  assert.ok(!result.errors.includes('several_phaser_games'));
  assert.match(result.plan, /^Snake-like trail\./);
});

test('two blocks that both create a game: the last (the final version) is kept', () => {
  const text = '[PLAN]\nv1 then v2\n```js\nnew Phaser.Game({ width: 1 });\n```\nFixed:\n```js\nnew Phaser.Game({ width: 2 });\n```\n';
  const result = extractAnswer(text);
  assert.equal(result.code, 'new Phaser.Game({ width: 2 });\n');
  assert.ok(result.errors.includes('several_games') && result.errors.includes('several_phaser_games'));
});

test('truncated: stop_reason max_tokens and an unclosed fence', () => {
  const result = extractAnswer(answer('truncated-unclosed'), 'max_tokens');
  assert.match(result.code, /createCur\n$/);
  assert.ok(result.errors.includes('truncated'));
  assert.ok(result.errors.includes('unclosed_fence'));
  const byStopReason = extractAnswer(answer('plan-heading-js'), 'length');
  assert.deepEqual(byStopReason.errors, ['truncated']);
});

test('no_plan, no_code and unfenced code', () => {
  assert.deepEqual(extractAnswer(answer('no-plan')).errors, ['no_plan']);
  const noCode = extractAnswer(answer('no-code'));
  assert.equal(noCode.code, '');
  assert.deepEqual(noCode.errors, ['no_code']);
  const unfenced = extractAnswer(answer('unfenced'));
  assert.match(unfenced.code, /^const config = /);
  assert.match(unfenced.code, /new Phaser\.Game\(config\);\n$/);
  assert.deepEqual(unfenced.errors, ['unfenced_code']);
});

test('CRLF answers and a **[PLAN]** marker with text on the same line', () => {
  const text = '**[PLAN]** Dodge the rocks.\r\nKeep it short.\r\n\r\n```javascript\r\nnew Phaser.Game({});   \r\n```\r\n';
  const result = extractAnswer(text);
  assert.equal(result.plan, 'Dodge the rocks.\nKeep it short.');
  assert.equal(result.code, 'new Phaser.Game({});\n');
});

test('prose that merely mentions a plan is not a plan marker', () => {
  const result = extractAnswer('Plan your moves carefully in this game.\n```js\nnew Phaser.Game({});\n```\n');
  assert.equal(result.plan, '');
  assert.ok(result.errors.includes('no_plan'));
});

test('a plan closed by [/PLAN] (on its own line or at the end of the last one) does not keep the tag', () => {
  const code = '```javascript\nnew Phaser.Game({ type: Phaser.AUTO });\n```';
  for (const text of [`[PLAN]\n- Genre: snake\n- Controls: arrows\n[/PLAN]\n${code}`, `[PLAN]\n- Genre: snake\n- Controls: arrows [/PLAN]\n\n${code}`, `[PLAN] - Genre: snake [/plan]\n${code}`]) {
    const result = extractAnswer(text, 'end_turn');
    assert.doesNotMatch(result.plan, /\[\s*\/\s*plan/i, text);
    assert.match(result.plan, /^- Genre: snake/);
    assert.match(result.code, /new Phaser\.Game/);
  }
});
