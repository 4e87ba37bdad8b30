// `phaser-sft api-index build|search|context`: build, a search and bad usage through the real
// spawned CLI. (In-process capture of stdout races with the test runner's own reporting channel.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';

const phaserWithoutTypes = fileURLToPath(new URL('../fixtures/apiIndex/phaser-without-types', import.meta.url));
let workspace: { dir: string; cleanup: () => void };

before(async () => {
  workspace = tempDir('phaser-sft-apiindex-cli-');
  const built = await runCli(['api-index', 'build', '--workspace', workspace.dir, '--json']);
  assert.equal(built.code, 0, built.stderr);
  const result = JSON.parse(built.stdout);
  assert.ok(result.records > 7000);
  assert.ok(existsSync(join(workspace.dir, 'data', 'api_index', 'phaser_api.jsonl')));
  assert.ok(existsSync(join(workspace.dir, 'data', 'reports', 'api_index_report.json')));
});
after(() => workspace.cleanup());

test('search --json ranks the canonical API first and honours -k', async () => {
  const run = await runCli(['api-index', 'search', 'camera follow player', '-k', '3', '--json', '--workspace', workspace.dir]);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.query, 'camera follow player');
  assert.equal(out.results.length, 3);
  assert.equal(out.results[0].id, 'Phaser.Cameras.Scene2D.Camera#startFollow');
  assert.match(out.results[0].signature, /^startFollow\(target: /);
  assert.equal(out.terms.camera, 1);
});

test('a Chinese search prints ranked ids with signatures', async () => {
  const run = await runCli(['api-index', 'search', '镜头跟随玩家', '--workspace', workspace.dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^ 1 .*Phaser\.Cameras\.Scene2D\.Camera#startFollow\n\s+startFollow\(/);
  assert.equal(run.stdout.trim().split('\n').length, 20, '10 results, two lines each');
});

test('context prints the packed API context within the budget', async () => {
  const run = await runCli(['api-index', 'context', '打砖块：球碰到砖块后反弹', '--mechanics', 'bounce,collision', '--budget', '300', '--json', '--workspace', workspace.dir]);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.ok(out.tokens <= 300 && out.tokens > 0);
  assert.ok(out.api_refs.includes('Phaser.Physics.Arcade.Components.Bounce#setBounce'), out.api_refs.join('\n'));
});

test('an empty query is bad usage: one-line error, exit 2', async () => {
  const run = await runCli(['api-index', 'search', '  ', '--workspace', workspace.dir]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.match(run.stderr, /query is empty/);
  const badK = await runCli(['api-index', 'search', 'tween', '-k', 'many', '--workspace', workspace.dir]);
  assert.equal(badK.code, 2);
  assert.match(badK.stderr, /--top/);
});

test('searching a workspace without an index says how to build one, exit 2', async (t) => {
  const empty = withTempDir(t);
  const run = await runCli(['api-index', 'search', 'tween', '--workspace', empty]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /phaser_api\.jsonl: no API index here; run `phaser-sft api-index build` first/);
});

test('a phaser package without types/ is bad input naming the missing file, exit 2', async (t) => {
  const other = withTempDir(t);
  writeFileSync(join(other, 'phaser-sft.config.json'), JSON.stringify({ phaser: { package_dir: phaserWithoutTypes } }));
  const run = await runCli(['api-index', 'build', '--workspace', other]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /types\/phaser\.json: phaser 3\.90\.0 has no types\/ docs here/);
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.ok(!existsSync(join(other, 'data', 'api_index', 'phaser_api.jsonl')));
});
