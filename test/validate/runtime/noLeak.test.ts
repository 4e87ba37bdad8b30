// 20 hostile games in a row (endless loops, crashes, memory hogs, network calls, no game at
// all): every one fails L4, and once the level is closed no browser process of this test is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultConfig, findPhaser } from '../../../src/core/index.js';
import { createRuntimeLevel, findBrowser } from '../../../src/validate/runtime/index.js';
import { processTable, processTree, stillAlive, type ProcessInfo } from '../../../src/validate/runtime/processes.js';

const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;

/** Browser processes under this test process (Chromium's helpers descend from its main process). */
function browserProcesses(): ProcessInfo[] {
  return processTree(process.pid, processTable()).filter((info) => {
    try {
      return /chrom/i.test(readFileSync(`/proc/${info.pid}/cmdline`, 'latin1'));
    } catch {
      return false;
    }
  });
}

const scene = (body: string) => `class S extends Phaser.Scene {\n${body}\n}\nnew Phaser.Game({ type: Phaser.AUTO, width: 640, height: 480, scene: S });\n`;
const hostile: string[] = [
  scene('create() { while (true) {} }'),
  scene('create() { this.add.rectangle(1, 1, 9, 9, 0xffffff); }\nupdate(time) { if (time > 200) for (;;) {} }'),
  scene('update() { const hoard = []; for (;;) hoard.push(new Array(1e6).fill(1)); }'),
  ...Array.from({ length: 5 }, (_, i) => scene(`create() { this.missing${i}.setVisible(true); }`)),
  ...Array.from({ length: 4 }, (_, i) => scene(`create() { this.add.circle(50, 50, 20, 0xff0000); fetch('https://evil${i}.example.com/'); }`)),
  ...Array.from({ length: 3 }, (_, i) => scene(`create() { this.add.circle(50, 50, 20, 0xff0000); new WebSocket('ws://10.0.0.${i + 1}:8080/'); }`)),
  ...Array.from({ length: 3 }, (_, i) => `const config${i} = { width: 640, height: 480 };\n// never starts a game\n`),
  'throw new Error("refusing to start");',
  scene('create() { location.href = "https://elsewhere.example.com/"; }'),
];

test('20 hostile games in a row leave no browser process behind', { skip }, async () => {
  assert.equal(hostile.length, 20);
  assert.deepEqual(browserProcesses(), [], 'no browser process before the run');
  const level = await createRuntimeLevel({
    // Canvas only: confirming failures on WebGL is not what this test is about
    settings: { ...defaultConfig().validate.runtime, renderer: 'canvas', boot_timeout_ms: 4000, frame_timeout_ms: 4000, game_timeout_ms: 20000 },
    workers: 2,
    screenshotDir: null,
    workspaceRoot: null,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
  const seen = new Map<number, ProcessInfo>();
  const outcomes = await Promise.all(
    hostile.map(async (code, index) => {
      const outcome = await level.check({ code, codeHash: `hostile-${index}` });
      for (const info of browserProcesses()) seen.set(info.pid, info);
      return outcome;
    }),
  );
  for (const [index, outcome] of outcomes.entries()) {
    assert.equal(outcome.result.passed, false, `hostile game ${index} passed: ${hostile[index]}`);
    assert.equal(outcome.result.skipped, false);
  }
  assert.ok(seen.size > 0, 'the browser processes were seen while the games ran');
  await level.close();
  assert.deepEqual(browserProcesses(), [], 'no browser process under this test after close()');
  assert.deepEqual(stillAlive([...seen.values()]), [], 'none of the browser processes seen during the run is alive');
});
