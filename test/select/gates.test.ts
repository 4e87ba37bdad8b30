// select's fidelity gates: empty [PLAN], unresponsive requested controls, min_fidelity (min_score
// is applied in runSelect after scoring).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/index.js';
import { fidelityOf, ineligibleReason } from '../../src/select/score.js';
import type { Probes } from '../../src/schemas/index.js';
import { makeRequest, makeSeed, makeValidated } from './records.js';

const settings = defaultConfig().select;
const seed = makeSeed('s1', { prompt: 'Sokoban: push boxes with the arrow keys', genre: 'puzzle', mechanics: ['keyboard', 'grid_logic'] });
const request = makeRequest(seed);
const KEYBOARD_GAME = 'const cursors = this.input.keyboard.createCursorKeys(); const grid = []; // board cells';
const silent: Probes = {
  scenes_started: ['main'], active_scenes: ['main'], objects: { Text: 1 }, texts: 1, texts_changed: 0, bodies: 0, static_bodies: 0,
  gravity: { x: 0, y: 0 }, colliders: 0, overlaps: 0, collisions_fired: 0, overlaps_fired: 0, camera_follow: null, time_events: 0,
  looping_time_events: 0, tweens: 0, keys: [], keyboard_events: [], pointer_events: [], interactive_objects: 0, interactive_with_pointer: 0,
  input: { compared: 3, positions: false, texts: false, scenes: false, scenes_started: [], collisions_fired: 0, overlaps_fired: 0, texts_changed: 0 },
};

test('the gates are on by default', () => {
  assert.equal(settings.require_plan, true);
  assert.equal(settings.require_responsive_controls, true);
  assert.ok(settings.min_fidelity > 0 && settings.min_score > 0);
});

test('an empty [PLAN] is not eligible', () => {
  const record = makeValidated(request, 1, { plan: '  ', code: KEYBOARD_GAME });
  assert.equal(ineligibleReason(record, settings, fidelityOf(record, seed)), 'empty_plan');
  assert.equal(ineligibleReason(record, { ...settings, require_plan: false }, fidelityOf(record, seed)), undefined);
});

test('a Sokoban whose HUD says arrow keys but whose keys change nothing is not eligible', () => {
  const base = makeValidated(request, 2, { code: "this.add.text(0, 0, 'Arrow keys: move'); const grid = [];" });
  const record = { ...base, runtime: { ...base.runtime!, responds_to_input: false, probes: silent } };
  const fidelity = fidelityOf(record, seed)!;
  assert.deepEqual(fidelity.unresponsive_controls, ['keyboard']);
  assert.equal(ineligibleReason(record, settings, fidelity), 'controls_unresponsive');
});

test('below select.min_fidelity is not eligible; a game that shows what was asked is', () => {
  const off = makeValidated(request, 3, { code: 'this.add.circle(1, 2, 3);' });
  assert.equal(ineligibleReason(off, { ...settings, require_responsive_controls: false }, fidelityOf(off, seed)), 'below_min_fidelity');
  const good = makeValidated(request, 4, { code: KEYBOARD_GAME });
  const fidelity = fidelityOf(good, seed)!;
  assert.ok(fidelity.fidelity >= settings.min_fidelity, JSON.stringify(fidelity));
  assert.equal(ineligibleReason(good, settings, fidelity), undefined);
});
