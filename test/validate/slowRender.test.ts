// slow_render vs frames_not_reached: a game whose loop runs but draws slowly is a warning, one
// whose loop stops or whose own logic is too slow stays an error. The verdict rule on observed
// signals, then the page-side loop meter on real games in headless Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultConfig, findPhaser } from '../../src/core/index.js';
import { createRuntimeLevel, findBrowser, type RuntimeLevel } from '../../src/validate/runtime/index.js';
import type { GameSignals } from '../../src/validate/runtime/runGame.js';
import { slowRender, verdict } from '../../src/validate/runtime/verdict.js';
import type { LevelResult } from '../../src/schemas/index.js';

const settings = defaultConfig().validate.runtime;
const codes = (result: LevelResult) => result.issues.map((i) => `${i.severity} ${i.code}`);

/** A booted game that reached 8 of 30 frames, with the given loop meter. */
function short(loop: GameSignals['loop']): GameSignals {
  return {
    outcome: 'ran', phase: null, detail: null, gameCreated: true, hangAt: null, renderer: 'webgl', frames: 8, stepFps: 2,
    blank: false, animated: true, input: null, errors: [], consoleErrors: [], network: [], refused: [], thumbnail: null,
    wallMs: 5000, browserWedged: false, timings: {}, loop,
  };
}

test('a loop that kept pace and spent under half its time in logic is slow_render, a warning', () => {
  const { result } = verdict(short({ steps: 8, stepped: 8, alive: true, realMs: 4000, renderMs: 900, updateMs: 40 }), settings, null);
  assert.equal(result.passed, true);
  assert.deepEqual(codes(result), ['warning slow_render']);
  assert.match(result.issues[0].message, /8 logic steps.*webgl renderer: 500 ms a frame \(113 in Phaser's render, 5 in the game's logic/);
});

test('a stopped, stalled, logic-bound or unmetered loop stays frames_not_reached', () => {
  const cases: [GameSignals['loop'], RegExp][] = [
    [{ steps: 5, stepped: 5, alive: false, realMs: 100, renderMs: 50, updateMs: 5 }, /its loop stopped after 5 logic steps/],
    [{ steps: 2, stepped: 8, alive: true, realMs: 4000, renderMs: 900, updateMs: 4 }, /stepped its scenes 2 times in 8 frames/],
    [{ steps: 8, stepped: 8, alive: true, realMs: 4000, renderMs: 100, updateMs: 3500 }, /game's own logic: 438 ms a frame/],
    [{ steps: 2, stepped: 2, alive: true, realMs: 4000, renderMs: 3900, updateMs: 4 }, /game's own logic/],
    [{ steps: 8, stepped: 8, alive: true, realMs: 4000, renderMs: 10, updateMs: 2100 }, /game's own logic: 263 ms a frame/],
    [null, /it stopped, or each frame took too long/],
  ];
  for (const [loop, why] of cases) {
    const { result } = verdict(short(loop), settings, null);
    assert.equal(result.passed, false, JSON.stringify(loop));
    assert.deepEqual(codes(result), ['error frames_not_reached']);
    assert.match(result.issues[0].message, why);
    assert.equal(slowRender(short(loop)), null);
  }
});

test('an uncaught error, not slowness, is the cause when the loop threw', () => {
  const signals = { ...short({ steps: 8, stepped: 8, alive: true, realMs: 4000, renderMs: 900, updateMs: 4 }), errors: [{ message: 'TypeError: x is undefined', line: 3, column: 1 }] };
  assert.deepEqual(codes(verdict(signals, settings, null).result), ['error uncaught_error']);
});

// ---- real games ---------------------------------------------------------------------------------
const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;
const fixtures = new URL('../fixtures/games/slow/', import.meta.url).pathname;
let level: RuntimeLevel;
const check = (name: string) => level.check({ code: readFileSync(fixtures + name, 'utf8'), codeHash: name.replace(/\.js$/, '') });

before(async () => {
  if (skip) return;
  // a frame target no game reaches in the box on any machine: only the loop meter tells them apart
  level = await createRuntimeLevel({
    settings: { ...settings, frames: 600, frame_timeout_ms: 3000, boot_timeout_ms: 8000, game_timeout_ms: 40000, input_check: false },
    workers: 2,
    screenshotDir: null,
    workspaceRoot: null,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
});
after(async () => {
  if (!skip) await level.close();
});

test('500 growing circles on WebGL: the loop runs, the frames are slow: slow_render, L4 passes', { skip }, async () => {
  const { result, runtime } = await check('growing-circles.js');
  assert.equal(result.passed, true, JSON.stringify(result.issues));
  const slow = result.issues.find((i) => i.code === 'slow_render');
  assert.ok(slow, JSON.stringify(result.issues));
  assert.equal(slow.severity, 'warning');
  assert.ok(runtime && runtime.frames >= 3 && runtime.frames < 600, `frames ${runtime?.frames}`);
});

test('a game that sleeps its own loop after 5 steps: frames_not_reached', { skip }, async () => {
  const { result } = await check('stalled-loop.js');
  assert.equal(result.passed, false);
  const error = result.issues.find((i) => i.code === 'frames_not_reached');
  assert.ok(error, JSON.stringify(result.issues));
  assert.match(error.message, /its loop stopped after 5 logic steps/);
  assert.ok(!result.issues.some((i) => i.code === 'slow_render'));
});

test('a game slow in its own update: frames_not_reached, naming the logic', { skip }, async () => {
  const { result } = await check('busy-logic.js');
  assert.equal(result.passed, false);
  const error = result.issues.find((i) => i.code === 'frames_not_reached');
  assert.ok(error, JSON.stringify(result.issues));
  assert.match(error.message, /game's own logic/);
});
