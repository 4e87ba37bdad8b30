// L4 logic that needs no browser: verdicts from observed signals, renderer choice, browser lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, findPhaser } from '../../../src/core/index.js';
import { chooseRenderer, createRuntimeLevel, findBrowser, worthConfirmingOnWebgl } from '../../../src/validate/runtime/index.js';
import type { GameSignals } from '../../../src/validate/runtime/runGame.js';
import { verdict } from '../../../src/validate/runtime/verdict.js';

const settings = defaultConfig().validate.runtime;

function signals(overrides: Partial<GameSignals>): GameSignals {
  return {
    outcome: 'ran',
    phase: null,
    detail: null,
    gameCreated: true,
    hangAt: null,
    renderer: 'canvas',
    frames: 130,
    stepFps: 240,
    blank: false,
    animated: true,
    input: { conclusive: true, responds: true },
    errors: [],
    consoleErrors: [],
    network: [],
    refused: [],
    thumbnail: null,
    wallMs: 100,
    browserWedged: false,
    timings: {},
    ...overrides,
  };
}

const codes = (result: { issues: { code: string; severity: string }[] }, severity: string) =>
  result.issues.filter((i) => i.severity === severity).map((i) => i.code);

test('a healthy game passes with the runtime record filled in', () => {
  const { result, runtime } = verdict(signals({}), settings, 'data/sft_distill/screenshots/abc.png');
  assert.equal(result.passed, true);
  assert.equal(result.skipped, false);
  assert.deepEqual(result.issues, []);
  assert.deepEqual(runtime, {
    frames: 130,
    fps: 60,
    errors: [],
    blank: false,
    animated: true,
    responds_to_input: true,
    screenshot: 'data/sft_distill/screenshots/abc.png',
    probes: null,
  });
});

test('a static picture and ignored input are warnings, errors when the config requires them', () => {
  const still = signals({ animated: false, input: { conclusive: true, responds: false } });
  const loose = verdict(still, settings, null);
  assert.equal(loose.result.passed, true);
  assert.deepEqual(codes(loose.result, 'warning'), ['not_animated', 'no_input_response']);
  const strict = verdict(still, { ...settings, require_animated: true, require_input: true }, null);
  assert.equal(strict.result.passed, false);
  assert.deepEqual(codes(strict.result, 'error'), ['not_animated', 'no_input_response']);
});

test('uncaught errors keep the game line; consequences of the crash are not piled on', () => {
  const crashed = signals({
    frames: 1,
    blank: true,
    animated: false,
    input: null,
    errors: [
      { message: "TypeError: Cannot read properties of undefined (reading 'x')", where: 'animation frame', line: 8, column: 16 },
      { message: "TypeError: Cannot read properties of undefined (reading 'x')", where: 'animation frame', line: 8, column: 16 },
    ],
  });
  const { result, runtime } = verdict(crashed, settings, null);
  assert.equal(result.passed, false);
  assert.deepEqual(codes(result, 'error'), ['uncaught_error']);
  assert.equal(result.issues[0].line, 8);
  assert.equal(result.issues[0].column, 16);
  assert.match(result.issues[0].message, /reading .x.*game loop/);
  assert.equal(runtime.errors.length, 2);
  assert.match(runtime.errors[0], /^line 8:16 TypeError/);
});

test('network attempts are merged by URL: the page hook gives the line, refused requests catch the rest', () => {
  const { result } = verdict(
    signals({
      network: [{ api: 'fetch', url: 'https://scores.example.com/top', line: 6, column: 5 }],
      refused: [
        { url: 'https://scores.example.com/top', kind: 'fetch' },
        { url: 'http://phaser-sft.local/assets/sky.png', kind: 'image' },
      ],
    }),
    settings,
    null,
  );
  const network = result.issues.filter((i) => i.code === 'network_attempt');
  assert.equal(network.length, 2);
  assert.equal(network[0].line, 6);
  assert.match(network[1].message, /assets\/sky\.png/);
  assert.equal(result.passed, false);
});

test('hangs, crashes, boot failures, blank canvases and missed frame targets are errors', () => {
  const hang = verdict(signals({ outcome: 'hang', phase: 'boot', detail: 'it ran 1.0 CPU s without a break', hangAt: { line: 7, column: 7 }, frames: 0 }), settings, null).result;
  assert.deepEqual(codes(hang, 'error'), ['hang']);
  assert.equal(hang.issues[0].line, 7);
  assert.match(hang.issues[0].message, /booting.*line 7 \(it ran 1\.0 CPU s without a break: an endless loop\?\)/);
  assert.deepEqual(codes(verdict(signals({ outcome: 'crash', detail: 'the page crashed' }), settings, null).result, 'error'), ['page_crashed']);
  const outOfMemory = verdict(signals({ outcome: 'crash', phase: 'frames', detail: 'the page ran out of memory', hangAt: { line: 8, column: 36 } }), settings, null).result;
  assert.deepEqual(codes(outOfMemory, 'error'), ['page_crashed']);
  assert.equal(outOfMemory.issues[0].line, 8);
  assert.match(outOfMemory.issues[0].message, /ran out of memory while running frames.*line 8/);
  assert.deepEqual(codes(verdict(signals({ outcome: 'boot_failed', detail: 'no game' }), settings, null).result, 'error'), ['boot_failed']);
  assert.deepEqual(codes(verdict(signals({ blank: true, animated: false }), settings, null).result, 'error'), ['blank_canvas']);
  assert.deepEqual(codes(verdict(signals({ frames: 12 }), settings, null).result, 'error'), ['frames_not_reached']);
});

test('an input check that could not conclude is an info issue, not a warning', () => {
  const { result, runtime } = verdict(signals({ input: { conclusive: false, reason: 'the game does not repeat itself' } }), settings, null);
  assert.equal(result.passed, true);
  assert.deepEqual(codes(result, 'info'), ['input_check_inconclusive']);
  assert.equal(runtime.responds_to_input, false);
});

test('the renderer is Canvas unless the game uses WebGL-only features', () => {
  assert.equal(chooseRenderer('this.add.rectangle(1, 2, 3, 4)', 'auto'), 'canvas');
  assert.equal(chooseRenderer('sprite.preFX.addGlow()', 'auto'), 'webgl');
  assert.equal(chooseRenderer('new Phaser.Game({ type: Phaser.WEBGL })', 'auto'), 'webgl');
  assert.equal(chooseRenderer('sprite.preFX.addGlow()', 'canvas'), 'canvas');
  assert.equal(chooseRenderer('x', 'webgl'), 'webgl');
  // the words in strings and comments are not the features
  assert.equal(chooseRenderer("const WORDS = ['pixel', 'shader']; // no preFX here\nthis.add.text(0, 0, `setPipeline`)", 'auto'), 'canvas');
  assert.equal(chooseRenderer("const label = 'glow'; /* fx */ sprite.postFX.addBloom()", 'auto'), 'webgl');
});

test('a Canvas failure the renderer could explain is confirmed on WebGL; one without a Phaser.Game is not', () => {
  const typeError = [{ message: "TypeError: Cannot read properties of null (reading 'gl')", line: 3, column: 9 }];
  assert.equal(worthConfirmingOnWebgl(signals({ blank: true })), true);
  assert.equal(worthConfirmingOnWebgl(signals({ outcome: 'boot_failed', errors: typeError })), true);
  // no game made (none at all, or a throw before `new Phaser.Game`): nothing a renderer could change
  assert.equal(worthConfirmingOnWebgl(signals({ outcome: 'boot_failed', gameCreated: false, blank: true })), false);
  assert.equal(worthConfirmingOnWebgl(signals({ outcome: 'boot_failed', gameCreated: false, errors: typeError })), false);
  assert.equal(worthConfirmingOnWebgl(signals({ renderer: 'webgl', blank: true })), false);
  assert.equal(worthConfirmingOnWebgl(signals({ outcome: 'hang', blank: true })), false);
  assert.equal(worthConfirmingOnWebgl(signals({ blank: false })), false);
});

test('PHASER_SFT_CHROMIUM pointing nowhere: no browser, and the message says how to install one', () => {
  const lookup = findBrowser({ PHASER_SFT_CHROMIUM: '/nonexistent/chromium' });
  assert.equal(lookup.found, false);
  assert.ok(!lookup.found && /PHASER_SFT_CHROMIUM.*apt-get install chromium/.test(lookup.reason));
});

test('without a browser L4 is skipped, not passed', async () => {
  const saved = process.env.PHASER_SFT_CHROMIUM;
  process.env.PHASER_SFT_CHROMIUM = '/nonexistent/chromium';
  try {
    const level = await createRuntimeLevel({ settings, workers: 1, screenshotDir: null, workspaceRoot: null, phaserRuntimeFile: findPhaser().runtimeFile });
    const outcome = await level.check({ code: 'new Phaser.Game({})', codeHash: 'x' });
    assert.equal(level.name, 'L4');
    assert.equal(outcome.result.skipped, true);
    assert.equal(outcome.result.passed, false);
    assert.equal(outcome.result.issues[0].code, 'no_browser');
    assert.match(outcome.result.issues[0].message, /apt-get install chromium/);
    await level.close();
  } finally {
    if (saved === undefined) delete process.env.PHASER_SFT_CHROMIUM;
    else process.env.PHASER_SFT_CHROMIUM = saved;
  }
});

test('the level version follows its settings (a changed setting invalidates cached verdicts)', async () => {
  const saved = process.env.PHASER_SFT_CHROMIUM;
  process.env.PHASER_SFT_CHROMIUM = '/nonexistent/chromium';
  try {
    const make = (frames: number) =>
      createRuntimeLevel({ settings: { ...settings, frames }, workers: 1, screenshotDir: null, workspaceRoot: null, phaserRuntimeFile: findPhaser().runtimeFile });
    const [a, b, c] = await Promise.all([make(30), make(30), make(60)]);
    assert.equal(a.version, b.version);
    assert.notEqual(a.version, c.version);
  } finally {
    if (saved === undefined) delete process.env.PHASER_SFT_CHROMIUM;
    else process.env.PHASER_SFT_CHROMIUM = saved;
  }
});
