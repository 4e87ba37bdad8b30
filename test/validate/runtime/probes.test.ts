// L4 probes (runtime.probes): Phaser's own state read through references captured before the
// game ran, on small games written for it (test/fixtures/games/probes/), in a real headless
// Chromium. The hostile one overwrites Phaser prototypes, fakes a Text update and patches its
// input plugin: none of it may raise its probes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findBrowser, type RuntimeLevel } from '../../../src/validate/runtime/index.js';
import { runtimeSchema, type Runtime } from '../../../src/schemas/index.js';
import { fixtureRuntimeLevel } from '../../helpers/runtimeLevel.js';

const fixtures = new URL('../../fixtures/games/probes/', import.meta.url).pathname;
const names = ['arrows-platformer', 'click-only', 'starfield', 'fakes-probes', 'two-scenes'];
const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;
let level: RuntimeLevel;
const runs = new Map<string, Promise<Runtime | undefined>>();

before(async () => {
  if (skip) return;
  level = await fixtureRuntimeLevel();
  for (const name of names) {
    runs.set(name, level.check({ code: readFileSync(`${fixtures}${name}.js`, 'utf8'), codeHash: name }).then((outcome) => outcome.runtime));
  }
});
after(async () => {
  if (skip) return;
  await Promise.allSettled(runs.values());
  await level.close();
});

async function probesOf(name: string) {
  const runtime = await runs.get(name);
  assert.ok(runtime, `${name}: a runtime record`);
  runtimeSchema.parse(runtime);
  assert.ok(runtime.probes, `${name}: probes`);
  return runtime.probes;
}

test('a keyboard platformer: cursor keys, bodies, gravity, a collider and an overlap, a camera follow, a tween; input moves it', { skip }, async () => {
  const probes = await probesOf('arrows-platformer');
  assert.deepEqual(probes.active_scenes, ['main']);
  for (const code of [37, 38, 39, 40]) assert.ok(probes.keys.includes(code), `key ${code}`);
  assert.ok(probes.bodies >= 1 && probes.static_bodies >= 2, JSON.stringify(probes));
  assert.equal(probes.gravity.y, 300);
  assert.equal(probes.colliders, 1);
  assert.equal(probes.overlaps, 1);
  assert.ok(probes.collisions_fired > 0, 'the player lands on the ground');
  assert.equal(probes.camera_follow, 'Rectangle');
  assert.ok(probes.tweens >= 1);
  assert.ok(probes.objects.Text === 1 && probes.objects.Rectangle === 2 && probes.objects.Arc === 1, JSON.stringify(probes.objects));
  assert.equal(probes.texts, 1);
  assert.ok(probes.input, 'the replay was conclusive');
  assert.equal(probes.input.positions, true, 'arrow keys moved the player');
  assert.equal(probes.input.scenes, false);
});

test('a click-only game: a pointer handler, no key; clicks change its text', { skip }, async () => {
  const probes = await probesOf('click-only');
  assert.deepEqual(probes.keys, []);
  assert.deepEqual(probes.keyboard_events, []);
  assert.ok(probes.pointer_events.includes('pointerdown'), JSON.stringify(probes.pointer_events));
  assert.equal(probes.time_events, 1);
  assert.equal(probes.looping_time_events, 1);
  assert.equal(probes.texts_changed, 0, 'no click, no change in run 1');
  assert.ok(probes.input?.texts, 'the scripted clicks changed the counter');
  assert.equal(probes.input.positions, false);
});

test('a star field: no input handler, no physics, no text; input changes nothing', { skip }, async () => {
  const probes = await probesOf('starfield');
  assert.deepEqual(probes.keys, []);
  assert.deepEqual(probes.pointer_events, []);
  assert.equal(probes.bodies + probes.colliders + probes.texts, 0);
  assert.equal(probes.objects.Arc, 60);
  assert.ok(probes.input);
  assert.equal(probes.input.positions || probes.input.texts || probes.input.scenes, false);
});

test('a title screen: Enter or a click starts the play scene (a scene change caused by input)', { skip }, async () => {
  const probes = await probesOf('two-scenes');
  assert.deepEqual(probes.scenes_started, ['title']);
  assert.ok(probes.keyboard_events.includes('keydown-ENTER'), JSON.stringify(probes.keyboard_events));
  assert.ok(probes.input?.scenes, JSON.stringify(probes.input));
  assert.deepEqual(probes.input.scenes_started, ['play']);
});

test('hostile: overwritten Phaser prototypes, a faked Text update and a patched input plugin raise no probe', { skip }, async () => {
  const probes = await probesOf('fakes-probes');
  assert.deepEqual(probes.keys, []);
  assert.deepEqual(probes.keyboard_events, []);
  assert.deepEqual(probes.pointer_events, []);
  assert.equal(probes.colliders, 0);
  assert.equal(probes.camera_follow, null);
  assert.equal(probes.texts_changed, 0);
  assert.deepEqual(probes.active_scenes, ['main'], 'scenes read with the original getScenes');
  if (probes.input) assert.equal(probes.input.texts, false, 'the faked text is the same with and without input');
});
