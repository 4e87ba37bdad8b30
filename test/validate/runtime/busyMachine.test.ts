// A hang is judged by the page's own CPU time, not by the wall clock: on a machine this test
// makes busy (several spinning processes per core, each in its own session so the scheduler
// cannot group them away), a game whose create() is slow but finite still passes, and an
// endless loop is still a hang.
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
    settings: defaultConfig().validate.runtime,
    workers: 1,
    screenshotDir: null,
    workspaceRoot: null,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
  // the browser is started before the machine gets busy: its start-up is not what is tested
  await level.check({ code: fixture('good_dodger.js'), codeHash: 'warm-up' });
  // four per core (at most 16: enough to starve the page on the machines this suite runs on)
  for (let i = 0; i < Math.min(4 * availableParallelism(), 16); i++) {
    // detached: a session (and so a scheduling group) of its own
    spinners.push(spawn('sh', ['-c', 'while :; do :; done'], { detached: true, stdio: 'ignore' }));
  }
});

after(async () => {
  for (const spinner of spinners) spinner.kill('SIGKILL');
  if (level) await level.close();
});

test('on a busy machine a slow create() is slow, not a hang', { skip }, async () => {
  // its create() takes ≈0.6 CPU s (under the 1 s hang_cpu_ms); starved, that is several wall seconds
  const { result } = await level.check({ code: fixture('slow_create.js'), codeHash: 'slow-create' });
  assert.equal(result.passed, true, JSON.stringify(result.issues));
  assert.deepEqual(result.issues.filter((issue) => issue.code === 'hang'), []);
});

test('on a busy machine an endless loop is still a hang, at its line', { skip }, async () => {
  const { result } = await level.check({ code: fixture('infinite_loop_create.js'), codeHash: 'loop' });
  const hang = result.issues.find((issue) => issue.code === 'hang');
  assert.ok(hang, JSON.stringify(result.issues));
  assert.ok(hang.line === 6 || hang.line === 7, JSON.stringify(hang));
});
