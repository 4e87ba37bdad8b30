// A hang is judged by the page's own CPU time, not by the wall clock: on a machine this test
// makes busy (several spinning processes per core, each in its own session so the scheduler
// cannot group them away), a game whose create() is slow but finite still passes, and an
// endless loop is still a hang, found by its CPU time. A `.solo` test: it runs after the rest
// of the suite, alone (scripts/run-tests.mjs), so the load it makes slows no other test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { defaultConfig, findPhaser } from '../../../src/core/index.js';
import { createRuntimeLevel, findBrowser, type RuntimeLevel } from '../../../src/validate/runtime/index.js';

const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/games/runtime/${name}`, import.meta.url), 'utf8');

let level: RuntimeLevel;
const spinners: ChildProcess[] = [];

before(async () => {
  if (skip) return;
  level = await createRuntimeLevel({
    // long wall-clock boxes: so starved, the page gets ≈15 % of a core, and the default boxes
    // (8 s to boot, 5 s for the frames) could run out first; this test is about the CPU rule
    settings: { ...defaultConfig().validate.runtime, boot_timeout_ms: 30_000, frame_timeout_ms: 30_000, game_timeout_ms: 90_000 },
    workers: 1,
    screenshotDir: null,
    workspaceRoot: null,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
  // the browser is started before the machine gets busy: its start-up is not what is tested
  await level.check({ code: fixture('good_dodger.js'), codeHash: 'warm-up' });
  // six per core (at most 24: enough to starve the page on the machines this suite runs on);
  // each ends by itself after 2 minutes should this process die before `after` runs
  for (let i = 0; i < Math.min(6 * availableParallelism(), 24); i++) {
    // detached: a session (and so a scheduling group, and a process group to kill) of its own
    spinners.push(spawn('timeout', ['120', 'sh', '-c', 'while :; do :; done'], { detached: true, stdio: 'ignore' }));
  }
});

after(async () => {
  for (const spinner of spinners) {
    try {
      process.kill(-spinner.pid!, 'SIGKILL'); // `timeout` and its loop
    } catch {
      // already gone
    }
  }
  if (level) await level.close();
});

test('on a busy machine a slow create() is slow, not a hang', { skip }, async () => {
  // its create() takes ≈0.3 CPU s (under the 1 s hang_cpu_ms); starved, that is seconds of wall time
  const { result } = await level.check({ code: fixture('slow_create.js'), codeHash: 'slow-create' });
  assert.equal(result.passed, true, JSON.stringify(result.issues));
  assert.deepEqual(result.issues.filter((issue) => issue.code === 'hang'), []);
});

test('on a busy machine an endless loop is still a hang, at its line', { skip }, async () => {
  const { result } = await level.check({ code: fixture('infinite_loop_create.js'), codeHash: 'loop' });
  const hang = result.issues.find((issue) => issue.code === 'hang');
  assert.ok(hang, JSON.stringify(result.issues));
  assert.ok(hang.line === 6 || hang.line === 7, JSON.stringify(hang));
  // found by the CPU rule, not by a wall-clock box running out
  assert.match(hang.message, /CPU s without a break/);
});
