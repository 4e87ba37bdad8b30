// Probes under both renderers: the same fixture games give the same engine evidence (and so the
// same fidelity checks) on Canvas and on WebGL (SwiftShader in headless Chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultConfig, findPhaser } from '../../src/core/index.js';
import { createRuntimeLevel, findBrowser } from '../../src/validate/runtime/index.js';
import { measureFidelity } from '../../src/validate/fidelity/index.js';
import type { Probes } from '../../src/schemas/index.js';

const games = new URL('../fixtures/games/probes/', import.meta.url).pathname;
const names = ['arrows-platformer', 'click-only', 'breakout-particles', 'two-scenes'];
const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;

async function probesUnder(renderer: 'canvas' | 'webgl'): Promise<Map<string, Probes | null>> {
  const level = await createRuntimeLevel({
    settings: { ...defaultConfig().validate.runtime, renderer, boot_timeout_ms: 6000, frame_timeout_ms: 8000, game_timeout_ms: 40000 },
    workers: 2,
    screenshotDir: null,
    workspaceRoot: null,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
  try {
    const out = new Map<string, Probes | null>();
    for (const name of names) out.set(name, (await level.check({ code: readFileSync(`${games}${name}.js`, 'utf8'), codeHash: `${name}-${renderer}` })).runtime?.probes ?? null);
    return out;
  } finally {
    await level.close();
  }
}

test('probes are the same under Canvas and WebGL for the fixture games', { skip }, async () => {
  const canvas = await probesUnder('canvas');
  const webgl = await probesUnder('webgl');
  for (const name of names) {
    assert.ok(canvas.get(name), `${name}: probes under Canvas`);
    assert.deepEqual(webgl.get(name), canvas.get(name), `${name}: WebGL vs Canvas probes`);
    const code = readFileSync(`${games}${name}.js`, 'utf8');
    const request = { prompt: 'x', mechanics: ['keyboard', 'pointer_click', 'gravity_jump', 'collisions', 'scoring', 'particles', 'levels_scenes'] };
    assert.deepEqual(measureFidelity(request, code, webgl.get(name)), measureFidelity(request, code, canvas.get(name)), `${name}: same fidelity checks`);
  }
});
