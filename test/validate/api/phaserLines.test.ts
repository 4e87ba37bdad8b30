import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { findPhaser, phaserOf, promptForLine, defaultConfig, configSchema } from '../../../src/core/index.js';
import { ApiChecker } from '../../../src/validate/api/index.js';
import { v4MigrationIssues } from '../../../src/validate/api/v4Migration.js';
import { validatorVersion } from '../../../src/validate/validator.js';

const sceneWith = (body: string) => `class S extends Phaser.Scene {\n  create() {\n${body}\n  }\n}\nnew Phaser.Game({ type: Phaser.AUTO, width: 320, height: 240, scene: S });\n`;

test('both lines are installed side by side and phaser.version picks one (package_dir still overrides)', () => {
  const v3 = findPhaser(undefined, '3');
  const v4 = findPhaser(undefined, '4');
  assert.equal(v3.line, '3');
  assert.match(v3.version, /^3\.90\./);
  assert.equal(v4.line, '4');
  assert.match(v4.version, /^4\./);
  assert.notEqual(v3.dtsFile, v4.dtsFile);
  assert.equal(defaultConfig().phaser.version, '3');
  assert.equal(phaserOf(configSchema.parse({ phaser: { version: '4' } })).line, '4');
  assert.equal(phaserOf(configSchema.parse({ phaser: { version: '4', package_dir: v3.dir } })).line, '3');
  assert.throws(() => configSchema.parse({ phaser: { version: '5' } }));
});

test('a verdict under one line never shares a validator version (cache key) with the other', () => {
  const levels = [{ name: 'L1' as const, version: '1' }];
  assert.notEqual(validatorVersion(levels, '3.90.0', '3'), validatorVersion(levels, '4.2.1', '4'));
  assert.notEqual(validatorVersion(levels, '3.90.0', '3'), validatorVersion(levels, '3.90.0', '4'));
});

test('prompts name the configured line; under 3 they keep their bytes', () => {
  const text = 'You write games with Phaser 3 (version 3.90). Use only real Phaser 3.90 APIs.';
  assert.equal(promptForLine(text, '3'), text);
  assert.equal(promptForLine(text, '4'), 'You write games with Phaser 4 (version 4.2). Use only real Phaser 4.2 APIs.');
});

test('v4 migration rules: each v3-only API is found at its member name with the v4 way', () => {
  const code = [
    'const p = new Phaser.Geom.Point(1, 2);',
    'sprite.setTintFill(0xff0000);',
    'sprite.preFX.addGlow();',
    'this.coins.children.iterate((c) => c);',
    'const t = Phaser.Math.PI2;',
    'this.add.mesh(0, 0);',
    'list.iterate(() => 0);',
    'sprite.setTint(0xff0000);',
  ].join('\n');
  const file = ts.createSourceFile('g.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const found = v4MigrationIssues(file);
  const byLine = new Map(found.map((i) => [i.line, i]));
  assert.match(byLine.get(1)!.message, /Vector2/);
  assert.match(byLine.get(2)!.message, /setTintMode\(Phaser\.TintModes\.FILL\)/);
  assert.match(byLine.get(3)!.message, /filters\.internal/);
  assert.match(byLine.get(4)!.message, /children\.forEach/);
  assert.equal(byLine.get(4)!.column, 21);
  assert.match(byLine.get(5)!.message, /TAU/);
  assert.match(byLine.get(6)!.message, /Mesh was removed/);
  assert.equal(byLine.has(7), false, 'iterate on something not named children is left to the type checker');
  assert.equal(byLine.has(8), false);
  assert.ok(found.every((i) => i.code === 'api_removed_in_v4' && i.severity === 'error'));
});

test('L2 follows the line: children.iterate is an error under 4 only, fine under 3', () => {
  const code = sceneWith('    this.coins = this.physics.add.group();\n    this.coins.children.iterate((c) => c.setAlpha(1));');
  const v3 = new ApiChecker({ phaser: findPhaser(undefined, '3') }).checkBatch([code])[0];
  const v4 = new ApiChecker({ phaser: findPhaser(undefined, '4') }).checkBatch([code])[0];
  assert.equal(v3.filter((i) => i.severity === 'error').length, 0, JSON.stringify(v3));
  const errors = v4.filter((i) => i.severity === 'error');
  assert.deepEqual(errors.map((i) => [i.code, i.line]), [['api_removed_in_v4', 4]]);
});

test('real code on both lines: runtime-optional params and implicit globals are warnings; a member that exists nowhere is an error even untyped', () => {
  const code = [
    'var i;',
    'function create() {',
    '  const label = this.add.text(32, 32);',
    '  const ball = this.matter.add.image(100, 100, "ball");',
    '  ball.setCircle();',
    '  for (n = 0; n < 3; n++) label.setText(String(n));',
    '  const p = this.path.getPointAtT(0.5);',
    '  this.path.getPoint(0.5);',
    '  this.mine = { spin() {} }; this.mine.spin();',
    '}',
    'new Phaser.Game({ type: Phaser.AUTO, width: 320, height: 240, physics: { default: "matter" }, scene: { create } });',
  ].join('\n');
  for (const line of ['3', '4'] as const) {
    const issues = new ApiChecker({ phaser: findPhaser(undefined, line) }).checkBatch([code])[0];
    const at = (n: number) => issues.filter((i) => i.line === n).map((i) => `${i.severity}:${i.code}`);
    assert.deepEqual(at(3), ['warning:api_arg_optional_at_runtime'], `${line} ${JSON.stringify(issues)}`);
    assert.deepEqual(at(5), ['warning:api_arg_optional_at_runtime'], line);
    assert.ok(at(6).length && at(6).every((c) => c === 'warning:implicit_global'), `${line} ${at(6)}`);
    assert.deepEqual(at(7), ['error:unknown_member_anywhere'], line);
    assert.deepEqual(at(8), [], line);
    assert.deepEqual(at(9), [], line);
  }
});

test('an undeclared name inside a class body is still an error (classes are strict)', () => {
  const code = 'class S extends Phaser.Scene {\n  create() {\n    for (k = 0; k < 3; k++) this.add.text(0, 0, "x");\n  }\n}\nnew Phaser.Game({ scene: S });\n';
  const issues = new ApiChecker({ phaser: findPhaser(undefined, '3') }).checkBatch([code])[0];
  assert.ok(issues.some((i) => i.code === 'undefined_name' && i.severity === 'error'), JSON.stringify(issues));
});
