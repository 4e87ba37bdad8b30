// L3 folds names built from constant strings: each game in test/fixtures/games/hidden/ hides a
// forbidden API, a built-in the harness relies on or the harness's own name behind string
// building (concatenation, template literals, join, String.fromCharCode, atob, reverse, a chain
// of consts) and must fail L3 with the codes in labels.json; built strings that spell other
// names, and the same names written out where they are harmless, raise nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkPolicy } from '../../src/validate/policy/index.js';
import { collectConstants, foldString } from '../../src/validate/policy/fold.js';
import { parseGame, type EsNode } from '../../src/validate/ast.js';

const fixtures = new URL('../fixtures/games/hidden/', import.meta.url).pathname;
const labels = JSON.parse(readFileSync(join(fixtures, 'labels.json'), 'utf8')) as Record<string, { errors: string[] }>;
const errors = (code: string) => (checkPolicy(code, { maxCodeBytes: 60_000 }) ?? []).filter((i) => i.severity === 'error').map((i) => i.code);

test('every hidden-name fixture has a label', () => {
  assert.deepEqual(readdirSync(fixtures).filter((file) => file.endsWith('.js')).sort(), Object.keys(labels).sort());
});

for (const [name, label] of Object.entries(labels)) {
  test(`${name} fails L3 with ${label.errors.join(', ')}`, () => {
    const found = errors(readFileSync(join(fixtures, name), 'utf8'));
    for (const code of label.errors) assert.ok(found.includes(code), `${code} in ${found.join(', ')}`);
  });
}

/** The value the last expression statement of `source` folds to. */
function folded(source: string): string | null {
  const program = parseGame(source).program!;
  const body = program.body as EsNode[];
  return foldString((body[body.length - 1] as EsNode).expression, collectConstants(program));
}

test('the folder: what folds and what does not', () => {
  assert.equal(folded(`'fe' + 'tch'`), 'fetch');
  assert.equal(folded('`${"local"}Storage`'), 'localStorage');
  assert.equal(folded(`['e', 'v', 'a', 'l'].join('')`), 'eval');
  assert.equal(folded(`String.fromCharCode(111, 112, 101, 110)`), 'open');
  assert.equal(folded(`atob('ZmV0Y2g=')`), 'fetch');
  assert.equal(folded(`'hctef'.split('').reverse().join('')`), 'fetch');
  assert.equal(folded(`[...'hctef'].reverse().join('')`), 'fetch');
  assert.equal(folded(`'FE'.toLowerCase().concat('tch')`), 'fetch');
  assert.equal(folded(`const a = 'fe'; const b = a + 'tch'; b`), 'fetch');
  // not constant: a `let` may change, a parameter is anything, a cycle is nothing
  assert.equal(folded(`let a = 'fe'; a + 'tch'`), null);
  assert.equal(folded(`function f(a) { return a; } a + 'tch'`), null);
  assert.equal(folded(`const a = b + 'x'; const b = a + 'y'; a`), null);
  assert.equal(folded(`Math.random() + 'tch'`), null);
});

test('no false alarms: other built names, and the same names written out', () => {
  const game = (body: string) =>
    `// a small game padded past the minimum size ................................................................\n` +
    `// ......................................................................................................\nfunction create() {\n${body}\n}\nnew Phaser.Game({ type: Phaser.AUTO, width: 800, height: 600, scene: { create } });\n`;
  assert.deepEqual(
    errors(
      game(`
    const key = 'pl' + 'ayer';
    const label = \`\${'Sc'}ore: \${0}\`;
    this.add.text(10, 10, label + key);
    this.sound.play('jump');
    const parts = ['hi', 'gh'].join('');
    this.anims.play(parts);
    const fetchLike = 'fe' + 'tch' + 'er';
    this.registry.set(fetchLike, 1);`),
    ),
    [],
  );
});
