// The API context that teaches (issue 18): usage extraction, the game-facing rule, the usage
// prior, the core toolkit, multi-aspect retrieval and the coverage report, on the real index.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Workspace, defaultConfig } from '../../src/core/index.js';
import {
  apisUsedBy,
  buildApiContext,
  buildApiIndex,
  buildToolkit,
  buildUsagePrior,
  loadApiIndex,
  loadUsagePrior,
  mechanicApis,
  noiseFamily,
  rankForGame,
  requestClauses,
  versionAtLeast,
  type ApiIndex,
} from '../../src/apiIndex/index.js';
import { coverageReport, mechanicJudges } from '../../src/requests/coverage.js';
import { projectRoot, runCli, tempDir } from '../helpers/cli.js';

let workspace: ReturnType<typeof tempDir>;
let ws: Workspace;
let index: ApiIndex;

before(() => {
  workspace = tempDir('phaser-sft-apictx-');
  ws = new Workspace(workspace.dir);
  index = loadApiIndex(buildApiIndex(ws, defaultConfig()).file);
});
after(() => workspace.cleanup());

test('apisUsedBy: scene chains, Phaser paths, event strings and member names, not generic or JavaScript names', () => {
  const code = `
    class Play extends Phaser.Scene {
      create() {
        const g = this.add.graphics();
        g.fillStyle(0xffffff, 1).fillRect(0, 0, 8, 8).generateTexture('dot', 8, 8);
        this.player = this.physics.add.sprite(10, 10, 'dot').setCollideWorldBounds(true);
        this.keys = this.input.keyboard.addKeys('W,A,S,D');
        this.input.on('pointerdown', () => this.player.setVelocityX(Phaser.Math.Between(-5, 5)));
        const list = [1, 2].map((n) => Math.floor(n)); list.push(3);
        this.label = this.add.text(0, 0, 'hi'); this.label.setText('score'); // this.tweens.killAll() in a comment
      }
    }`;
  const used = apisUsedBy(code, index);
  for (const id of [
    'Phaser.Scene',
    'Phaser.GameObjects.GameObjectFactory#graphics',
    'Phaser.GameObjects.Graphics#generateTexture',
    'Phaser.Physics.Arcade.Factory#sprite',
    'Phaser.Physics.Arcade.Components.Bounce#setCollideWorldBounds',
    'Phaser.Input.Keyboard.KeyboardPlugin#addKeys',
    'Phaser.Input.Events#event:POINTER_DOWN',
    'Phaser.Math.Between',
    'Phaser.GameObjects.GameObjectFactory#text',
    'Phaser.GameObjects.Text#setText',
  ]) assert.ok(used.includes(id), `${id} in ${used.join(', ')}`);
  assert.ok(!used.some((id) => /#(?:map|push|floor|killAll)$|BitmapText/.test(id)), used.join(', '));
});

test('game-facing rule: the issue\'s noise is out unless the request names it', () => {
  const family = (id: string) => noiseFamily(index.get(id)!);
  assert.equal(family('Phaser.Input.Keyboard.KeyboardPlugin#resetKeys'), 'lifecycle');
  assert.equal(family('Phaser.GameObjects.BitmapText#text'), 'asset_bound');
  assert.equal(family('Phaser.Input.Pointer#locked'), 'pointer_lock');
  assert.equal(family('Phaser.Tweens.TweenManager'), 'manager_class');
  assert.equal(family('Phaser.Time.TimerEvent'), 'constructor');
  assert.equal(family('Phaser.Tweens.TweenManager#add'), undefined);
  assert.equal(family('Phaser.Scenes.ScenePlugin#start'), undefined, 'scene.start is a game\'s');
  const ids = (query: string) => index.search(query, { k: 30, gameFacing: true }).map((hit) => hit.doc.id);
  assert.ok(!ids('show the score text').some((id) => id.includes('BitmapText')));
  assert.ok(ids('score shown with a bitmap font').some((id) => id.includes('BitmapText')), 'named: kept');
  assert.ok(!ids('move with the mouse pointer').includes('Phaser.Input.Pointer#locked'));
  assert.ok(ids('pointer lock for mouse look').some((id) => /lock/i.test(id)), 'named: kept');
});

test('multi-aspect retrieval: each clause of a request gets its APIs', () => {
  assert.deepEqual(requestClauses('fire particles when the ball hits a brick'), ['fire particles', 'the ball hits a brick']);
  assert.deepEqual(requestClauses('球碰到砖块时喷出粒子'), ['球碰到砖块', '喷出粒子']);
  assert.deepEqual(requestClauses('make pong'), []);
  const ranked = rankForGame(index, '球碰到砖块时喷出粒子', 10);
  assert.ok(ranked.some((id) => id.includes('Particle') || id.endsWith('#particles')), ranked.join(', '));
  assert.ok(ranked.some((id) => /collider|overlap|staticGroup|setBounce/.test(id)), ranked.join(', '));
  const context = buildApiContext(index, { query: 'fire particles when the ball hits a brick', tokenBudget: 1500 });
  assert.ok(context.api_refs.some((id) => id.includes('Particle')), context.api_refs.join(', '));
  const exclude = new Set(['Phaser.GameObjects.GameObjectFactory#particles']);
  assert.ok(!buildApiContext(index, { query: 'particles', tokenBudget: 800, exclude }).api_refs.some((id) => exclude.has(id)), 'excluded ids are not packed again');
});

test('usage prior: counts games per API and per mechanic; the bundled one is fresh and from the fixtures', () => {
  const prior = buildUsagePrior(
    [
      { code: 'this.add.text(0, 0, "a"); this.physics.add.collider(a, b);', mechanics: ['collisions', 'ui_text'] },
      { code: 'this.physics.add.collider(a, b); this.physics.add.overlap(a, c);', mechanics: ['collisions'] },
      { code: 'this.physics.add.overlap(a, c);', mechanics: ['collisions'] },
      { code: 'this.add.text(0, 0, "b");', mechanics: ['ui_text'] },
    ],
    index,
    { phaserVersion: '3.90.0', source: 'test' },
  );
  assert.equal(prior.games, 4);
  assert.equal(prior.apis['Phaser.Physics.Arcade.Factory#collider'], 2);
  assert.equal(prior.by_mechanic.collisions.games, 3);
  assert.deepEqual(mechanicApis(prior, 'collisions', { minLift: 1.01 }).sort(), ['Phaser.Physics.Arcade.Factory#collider', 'Phaser.Physics.Arcade.Factory#overlap']);
  assert.deepEqual(mechanicApis(prior, 'ui_text'), [], 'two games are too few to judge by');
  const bundled = loadUsagePrior();
  assert.ok(bundled.games >= 40 && bundled.apis['Phaser.GameObjects.Graphics#generateTexture'] > 0);
  const check = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', 'build-api-prior.ts'), '--check'], { cwd: projectRoot, encoding: 'utf8' });
  assert.equal(check.status, 0, `bundled prior is stale: ${check.stderr}`);
});

test('api-index prior --from validated.jsonl counts passing games only, by their seeds\' mechanics', async () => {
  const validated = join(workspace.dir, 'validated.jsonl');
  const row = (seed: string, passed: boolean, code: string) => JSON.stringify({ seed_id: seed, code, passed, candidate_id: seed });
  writeFileSync(validated, [row('s1', true, 'this.add.particles(0, 0, "p", {}).explode(5);'), row('s2', false, 'this.add.text(0,0,"x")')].join('\n') + '\n');
  mkdirSync(dirname(ws.seedsFile), { recursive: true });
  writeFileSync(ws.seedsFile, JSON.stringify({ id: 's1', prompt: 'fireworks', lang: 'en', genre: 'arcade', mechanics: ['particles'], difficulty: 'easy', source: 'user' }) + '\n');
  const result = await runCli(['api-index', 'prior', '--from', validated, '--workspace', ws.root, '--json']);
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assert.equal(summary.games, 1);
  assert.equal(summary.skipped_failed, 1);
  const prior = JSON.parse(readFileSync(summary.file, 'utf8'));
  assert.equal(summary.file, join(ws.root, 'data', 'api_index', 'api_prior.json'));
  assert.deepEqual(Object.keys(prior.by_mechanic), ['particles']);
  assert.equal(prior.by_mechanic.particles.apis['Phaser.GameObjects.GameObjectFactory#particles'], 1);
});

test('toolkit: the issue\'s elements, real signatures, version-specific idioms; every id game-facing', () => {
  const toolkit = buildToolkit(index, loadUsagePrior(), '3.90.0');
  for (const id of [
    'Phaser.GameObjects.Graphics#generateTexture',
    'Phaser.GameObjects.GameObjectFactory#graphics',
    'Phaser.GameObjects.GameObjectFactory#text',
    'Phaser.Physics.Arcade.Factory#sprite',
    'Phaser.Physics.Arcade.Factory#image',
    'Phaser.Physics.Arcade.Components.Bounce#setCollideWorldBounds',
    'Phaser.Physics.Arcade.Factory#collider',
    'Phaser.Input.Keyboard.KeyboardPlugin#addKeys',
    'Phaser.Time.Clock#delayedCall',
    'Phaser.Tweens.TweenManager#add',
    'Phaser.Scenes.ScenePlugin#restart',
    'Phaser.Cameras.Scene2D.Camera#startFollow',
    'Phaser.GameObjects.GameObjectFactory#particles',
  ]) assert.ok(toolkit.api_refs.includes(id), id);
  assert.ok(toolkit.api_refs.every((id) => index.get(id) && !noiseFamily(index.get(id)!)));
  assert.match(toolkit.text, /^### Phaser 3\.90\.0 core toolkit/);
  assert.match(toolkit.text, /particles\(x\?: number, y\?: number, texture\?/);
  assert.match(toolkit.text, /this\.add\.particles\(0, 0, 'spark'/);
  assert.ok(!toolkit.text.includes('manager.createEmitter'));
  assert.ok(buildToolkit(index, loadUsagePrior(), '3.55.2').text.includes('manager.createEmitter'), 'before 3.60: the old particles idiom');
  assert.ok(versionAtLeast('3.90.0', '3.60.0') && !versionAtLeast('3.55.2', '3.60.0') && versionAtLeast('3.60.0', '3.60.0'));
});

test('coverage report can fail: a missing toolkit, noisy retrieval and uncovered mechanics are warnings', () => {
  const prior = loadUsagePrior();
  const judges = mechanicJudges(prior, ['collisions', 'particles', 'scoring']);
  assert.equal(judges.get('collisions')?.by, 'prior');
  assert.equal(judges.get('particles')?.by, 'pattern', 'too few particle games in the bundled prior');
  assert.ok(!judges.has('scoring') || judges.get('scoring')?.by === 'prior');
  const toolkit = buildToolkit(index, prior, '3.90.0');
  const good = coverageReport(index, [{ mechanics: ['collisions', 'particles'], retrieved: [], injected: toolkit.api_refs }], judges, toolkit);
  assert.equal(good.status, 'ok', good.warnings.join('; '));
  const noisy = ['Phaser.Input.Keyboard.KeyboardPlugin#resetKeys', 'Phaser.GameObjects.BitmapText#text', 'Phaser.Input.Pointer#locked'];
  const bad = coverageReport(index, [{ mechanics: ['collisions', 'particles'], retrieved: noisy, injected: noisy }], judges, toolkit);
  assert.equal(bad.status, 'warn');
  assert.equal(bad.noise.share, 1);
  assert.equal(bad.toolkit.presence, 0);
  assert.equal(bad.mechanics.collisions.rate, 0);
  assert.ok(bad.warnings.some((w) => w.startsWith('noise:')) && bad.warnings.some((w) => w.startsWith('toolkit:')) && bad.warnings.some((w) => w.startsWith('collisions:')));
});
