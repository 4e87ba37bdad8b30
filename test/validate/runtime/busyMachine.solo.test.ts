// L4's time boxes count the page's own CPU time, not the wall clock: on a machine this test
// makes busy (spinning processes, each in its own session so the scheduler cannot group them
// away), with the default boxes, a CPU-busy game is judged exactly as it was on the idle machine,
// a game whose create() is slow but finite still passes, and an endless loop is still a hang,
// found by its CPU time. A `.solo` test: it runs after the rest of the suite, alone
// (scripts/run-tests.mjs), so the load it makes slows no other test; the load lasts only while
// the loaded checks run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { defaultConfig, findPhaser } from '../../../src/core/index.js';
import { createRuntimeLevel, findBrowser, type RuntimeLevel } from '../../../src/validate/runtime/index.js';
import type { LevelResult } from '../../../src/schemas/index.js';

const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;
const fixture = (path: string) => readFileSync(new URL(`../../fixtures/games/${path}`, import.meta.url), 'utf8');
const codes = (result: LevelResult) => result.issues.map((issue) => `${issue.severity} ${issue.code}`).sort();

let level: RuntimeLevel;
const spinners: ChildProcess[] = [];
let idle: { result: LevelResult; wallMs: number } | null = null;

function load(): void {
  // six per core (at most 24: enough to starve the page on the machines this suite runs on);
  // each ends by itself after 2 minutes should this process die before `after` runs
  for (let i = 0; i < Math.min(6 * availableParallelism(), 24); i++) {
    // detached: a session (and so a scheduling group, and a process group to kill) of its own
    spinners.push(spawn('timeout', ['120', 'sh', '-c', 'while :; do :; done'], { detached: true, stdio: 'ignore' }));
  }
}
function unload(): void {
  for (const spinner of spinners.splice(0)) {
    try {
      process.kill(-spinner.pid!, 'SIGKILL'); // `timeout` and its loop
    } catch {
      // already gone
    }
  }
}

async function timed(code: string, codeHash: string): Promise<{ result: LevelResult; wallMs: number }> {
  const started = Date.now();
  const { result } = await level.check({ code, codeHash });
  return { result, wallMs: Date.now() - started };
}

before(async () => {
  if (skip) return;
  level = await createRuntimeLevel({
    // the default boxes, except a shorter frame box: the busy game needs ≈1.2 CPU s for the 30
    // frames of the target, so starved to under half a core it would run out of a 2 s wall-clock box
    settings: { ...defaultConfig().validate.runtime, frame_timeout_ms: 2000, input_check: false },
    workers: 1,
    screenshotDir: null,
    workspaceRoot: null,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
  // the browser is started before the machine gets busy: its start-up is not what is tested
  idle = await timed(fixture('slow/cpu-busy-frames.js'), 'busy-idle');
  load();
});

after(async () => {
  unload();
  if (level) await level.close();
});

test('a CPU-busy game: the same verdict on the idle and on the loaded machine', { skip }, async (t) => {
  const loaded = await timed(fixture('slow/cpu-busy-frames.js'), 'busy-loaded');
  const detail = JSON.stringify({ idle, loaded, load1: loadavg()[0] });
  t.diagnostic(`idle ${idle!.wallMs} ms, loaded ${loaded.wallMs} ms, load average ${loadavg()[0].toFixed(1)}`);
  assert.equal(idle!.result.passed, true, detail);
  assert.deepEqual(codes(loaded.result), codes(idle!.result), detail);
  assert.equal(loaded.result.passed, true, detail);
  // the load did slow it down in wall time: the boxes did not end by the wall clock
  assert.ok(loaded.wallMs > idle!.wallMs, detail);
});

test('on a busy machine a slow create() is slow, not a hang', { skip }, async () => {
  // its create() takes ≈0.3 CPU s (under the 1 s hang_cpu_ms); starved, that is seconds of wall time
  const { result } = await timed(fixture('runtime/slow_create.js'), 'slow-create');
  assert.equal(result.passed, true, JSON.stringify(result.issues));
  assert.deepEqual(result.issues.filter((issue) => issue.code === 'hang'), []);
});

test('on a busy machine an endless loop is still a hang, at its line', { skip }, async () => {
  const { result } = await timed(fixture('runtime/infinite_loop_create.js'), 'loop');
  unload();
  const hang = result.issues.find((issue) => issue.code === 'hang');
  assert.ok(hang, JSON.stringify(result.issues));
  assert.ok(hang.line === 6 || hang.line === 7, JSON.stringify(hang));
  // found by the CPU rule, not by a wall-clock box running out
  assert.match(hang.message, /CPU s without a break/);
});
