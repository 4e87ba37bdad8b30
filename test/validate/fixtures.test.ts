// The fixture corpus: every correct game passes L1–L3; every broken one gets exactly the
// level and issue code its first line announces (`// expect: L2 api_unknown_member`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { defaultConfig, sha256 } from '../../src/core/index.js';
import { Validator } from '../../src/validate/validator.js';
import type { Validation } from '../../src/schemas/index.js';

const dir = (kind: string) => new URL(`../fixtures/games/${kind}/`, import.meta.url);
const games = (kind: string) => readdirSync(dir(kind)).filter((f) => f.endsWith('.js')).sort();
const read = (kind: string, name: string) => readFileSync(new URL(name, dir(kind)), 'utf8');

let validator: Validator;
const verdicts = new Map<string, Validation>();

before(async () => {
  validator = await Validator.create({ config: defaultConfig(), levels: ['L1', 'L2', 'L3'], workers: 1 });
  // All at once, so the warm L2 checker sees them in a few batches.
  const all = ['good', 'bad'].flatMap((kind) => games(kind).map((name) => ({ kind, name, code: read(kind, name) })));
  const results = await Promise.all(all.map((g) => validator.validate({ code: g.code, codeHash: sha256(g.code) })));
  all.forEach((g, i) => verdicts.set(`${g.kind}/${g.name}`, results[i]));
});

after(async () => {
  await validator.close();
});

test('the corpus is large and varied enough (>= 30 correct, >= 30 broken games)', () => {
  assert.ok(games('good').length >= 30, `${games('good').length} good games`);
  assert.ok(games('bad').length >= 30, `${games('bad').length} bad games`);
  const labels = new Set(games('bad').map((name) => /expect: (L\d \w+)/.exec(read('bad', name))?.[1]));
  assert.ok(labels.size >= 20, `${labels.size} distinct labels`);
});

for (const name of games('good')) {
  test(`good/${name} passes L1–L3 with no error`, () => {
    const verdict = verdicts.get(`good/${name}`)!;
    const errors = Object.values(verdict.levels).flatMap((l) => l!.issues.filter((i) => i.severity === 'error'));
    assert.deepEqual(errors, []);
    assert.equal(verdict.passed, true);
  });
}

for (const name of games('bad')) {
  test(`bad/${name} gets its labelled issue`, () => {
    const label = /^\/\/ expect: (L[1-4]) ([a-z_0-9]+)/.exec(read('bad', name));
    assert.ok(label, 'first line must be `// expect: <level> <code>`');
    const [, level, code] = label;
    const verdict = verdicts.get(`bad/${name}`)!;
    assert.equal(verdict.passed, false);
    const result = verdict.levels[level as 'L1']!;
    assert.equal(result.passed, false, `${level} should fail`);
    const found = result.issues.find((i) => i.code === code && i.severity === 'error');
    assert.ok(found, `${level} issues were: ${result.issues.map((i) => `${i.severity} ${i.code}`).join(', ')}`);
    if (code !== 'code_too_large' && code !== 'no_phaser_game') {
      assert.ok(found.line !== null && found.line > 1, 'the issue has a line (after the label)');
      assert.ok(found.column !== null && found.column >= 1, 'and a column');
    }
  });
}

test('L1 failure skips the later levels; L2 names the suggestion from the API', () => {
  const syntax = verdicts.get('bad/syntax-missing-brace.js')!;
  assert.equal(syntax.levels.L2!.skipped, true);
  assert.equal(syntax.levels.L3!.skipped, true);
  const factory = verdicts.get('bad/api-misspelt-rectangle.js')!.levels.L2!.issues.find((i) => i.code === 'api_misspelt_factory')!;
  assert.match(factory.message, /'rectange' does not exist on Phaser\.GameObjects\.GameObjectFactory/);
  assert.match(factory.message, /Did you mean 'rectangle'/);
  assert.deepEqual([factory.line, factory.column], [5, 28]);
  const keyboard = verdicts.get('bad/api-keyboard-arrow-keys.js')!.levels.L2!.issues.find((i) => i.code === 'api_unknown_member')!;
  assert.match(keyboard.message, /createArrowKeys.*KeyboardPlugin.*Did you mean .*createCursorKeys/);
});

test('loose typing on correct games is reported as warnings, not errors', () => {
  const golf = verdicts.get('good/golf-putt.js')!.levels.L2!;
  assert.equal(golf.passed, true);
  assert.ok(golf.issues.some((i) => i.code === 'api_member_not_on_type' && i.severity === 'warning'));
});
