// L4 on the labelled runtime fixtures in a real headless Chromium: each fixture gets the verdict
// and the issue codes (with the game's own line) written in labels.json.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, findPhaser } from '../../../src/core/index.js';
import { createRuntimeLevel, findBrowser, type RuntimeLevel } from '../../../src/validate/runtime/index.js';
import type { LevelResult, Runtime } from '../../../src/schemas/index.js';
import { tempDir } from '../../helpers/cli.js';

interface Label {
  passes: boolean;
  errors: string[];
  warnings?: string[];
  lines?: number[];
  animated?: boolean;
  responds?: boolean;
}

const fixtures = new URL('../../fixtures/games/runtime/', import.meta.url).pathname;
const labels = JSON.parse(readFileSync(join(fixtures, 'labels.json'), 'utf8')) as Record<string, Label>;
const names = Object.keys(labels);
const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;

let level: RuntimeLevel;
let workspace: ReturnType<typeof tempDir>;
const results = new Map<string, Promise<{ result: LevelResult; runtime?: Runtime }>>();

before(async () => {
  if (skip) return;
  workspace = tempDir();
  level = await createRuntimeLevel({
    // generous boxes: the machine running the tests may be busy; hangs still end at the box
    settings: { ...defaultConfig().validate.runtime, boot_timeout_ms: 6000, frame_timeout_ms: 8000, game_timeout_ms: 40000 },
    workers: 2,
    screenshotDir: join(workspace.dir, 'data', 'sft_distill', 'screenshots'),
    workspaceRoot: workspace.dir,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
  // all at once, as the validator does; the pool runs two at a time
  for (const name of names) {
    results.set(name, level.check({ code: readFileSync(join(fixtures, name), 'utf8'), codeHash: name.replace(/\.js$/, '') }));
  }
});

after(async () => {
  if (skip) return;
  await Promise.allSettled(results.values());
  await level.close();
  workspace.cleanup();
});

test('every runtime fixture has a label', () => {
  const files = readdirSync(fixtures).filter((file) => file.endsWith('.js')).sort();
  assert.deepEqual(files, Object.keys(labels).sort());
});

for (const name of names) {
  const label = labels[name];
  test(`${name}: ${label.passes ? 'passes' : `fails with ${label.errors.join(', ')}`}`, { skip }, async () => {
    const { result, runtime } = await results.get(name)!;
    const errors = result.issues.filter((i) => i.severity === 'error');
    const describe = JSON.stringify({ issues: result.issues, runtime });
    assert.equal(result.skipped, false);
    assert.equal(result.passed, label.passes, describe);
    if (label.passes) {
      assert.deepEqual(errors, [], describe);
      const warnings = result.issues.filter((i) => i.severity === 'warning').map((i) => i.code).sort();
      assert.deepEqual(warnings, [...(label.warnings ?? [])].sort(), describe);
      assert.equal(runtime?.animated, label.animated, describe);
      assert.equal(runtime?.responds_to_input, label.responds, describe);
      assert.ok(runtime && runtime.frames >= 30, `frames ${runtime?.frames}`);
      // the screenshot is a small PNG under the workspace, named by code hash
      assert.equal(runtime?.screenshot, `data/sft_distill/screenshots/${name.replace(/\.js$/, '')}.png`);
      const png = readFileSync(join(workspace.dir, runtime!.screenshot!));
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.ok(png.length < 100_000, `screenshot is ${png.length} bytes`);
      // and, when the scripted player changed the picture, the first frame it changed (the review page shows both)
      if (label.responds) {
        assert.equal(runtime?.screenshot_input, `data/sft_distill/screenshots/${name.replace(/\.js$/, '')}.input.png`);
        assert.equal(readFileSync(join(workspace.dir, runtime!.screenshot_input!)).subarray(1, 4).toString('latin1'), 'PNG');
      } else assert.equal(runtime?.screenshot_input, undefined, describe);
    } else {
      for (const expected of label.errors) {
        const alternatives = expected.split('|');
        assert.ok(errors.some((i) => alternatives.includes(i.code)), `expected ${expected} in ${describe}`);
      }
      if (label.lines) {
        const coded = errors.filter((i) => label.errors.some((expected) => expected.split('|').includes(i.code)));
        assert.ok(coded.some((i) => i.line !== null && label.lines!.includes(i.line)), `expected a line in ${label.lines} in ${describe}`);
      }
    }
  });
}

test('a failing game keeps no screenshot path when none was taken', { skip }, async () => {
  const { runtime } = await results.get('infinite_loop_create.js')!;
  assert.equal(runtime?.screenshot, null);
  assert.equal(existsSync(join(workspace.dir, 'data', 'sft_distill', 'screenshots', 'infinite_loop_create.png')), false);
});
