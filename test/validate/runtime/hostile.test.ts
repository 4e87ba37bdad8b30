// The hostile suite: games that try to spoof their verdict (overwriting the harness's API,
// globals, prototypes of built-ins, of Phaser and of DOM APIs, Function.prototype.toString
// tricks, fake ErrorEvents, getters that throw), crash only once the scripted player acts, or
// reach for resources and the network. Each must fail L4 with the code in its label, and once
// the level is closed no browser process of this test is left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findBrowser, type RuntimeLevel } from '../../../src/validate/runtime/index.js';
import { processTable, processTree, stillAlive, type ProcessInfo } from '../../../src/validate/runtime/processes.js';
import type { LevelResult, Runtime } from '../../../src/schemas/index.js';
import { fixtureRuntimeLevel } from '../../helpers/runtimeLevel.js';

interface Label {
  passes: false;
  /** Each entry: one code that must be among the errors ("a|b": either). */
  errors: string[];
  note: string;
}

// A lower renderer limit than the default 1536 MB, so the memory hogs reach it even on a starved
// machine, where they allocate more slowly than their frame box lasts (memoryWatch.test.ts
// covers the default). A Phaser game's renderer stays well under it (≈200–300 MB).
process.env.PHASER_SFT_RENDERER_RSS_MB ??= '768';

const MIN_HOSTILE = 40;
/** No record of a hostile game may be bigger than this (a 50 MB error message included). */
const MAX_RECORD_BYTES = 50_000;
const fixtures = new URL('../../fixtures/games/hostile/', import.meta.url).pathname;
const labels = JSON.parse(readFileSync(join(fixtures, 'labels.json'), 'utf8')) as Record<string, Label>;
const names = Object.keys(labels);
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

let level: RuntimeLevel;
const seen = new Map<number, ProcessInfo>();
const results = new Map<string, Promise<{ result: LevelResult; runtime?: Runtime }>>();

before(async () => {
  if (skip) return;
  assert.deepEqual(browserProcesses(), [], 'no browser process before the run');
  level = await fixtureRuntimeLevel();
  for (const name of names) {
    const check = level.check({ code: readFileSync(join(fixtures, name), 'utf8'), codeHash: name.replace(/\.js$/, '') });
    results.set(
      name,
      check.then((outcome) => {
        for (const info of browserProcesses()) seen.set(info.pid, info);
        return outcome;
      }),
    );
  }
});

after(async () => {
  if (skip) return;
  await Promise.allSettled(results.values());
  await level.close();
});

test(`every hostile fixture has a label, and there are at least ${MIN_HOSTILE}`, () => {
  const files = readdirSync(fixtures).filter((file) => file.endsWith('.js')).sort();
  assert.deepEqual(files, [...names].sort());
  assert.ok(names.length >= MIN_HOSTILE, `${names.length} hostile fixtures`);
});

for (const name of names) {
  const label = labels[name];
  test(`${name} (${label.note}): fails with ${label.errors.join(', ')}`, { skip }, async () => {
    const { result, runtime } = await results.get(name)!;
    const describe = JSON.stringify({ issues: result.issues, runtime });
    assert.equal(result.skipped, false);
    assert.equal(result.passed, false, describe);
    const errors = result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code);
    for (const expected of label.errors) {
      assert.ok(expected.split('|').some((code) => errors.includes(code)), `expected ${expected} in ${describe}`);
    }
    assert.ok(describe.length < MAX_RECORD_BYTES, `the record is ${describe.length} bytes`);
  });
}

test('once the level is closed, no browser process is left', { skip }, async () => {
  await Promise.allSettled(results.values());
  await level.close();
  assert.ok(seen.size > 0, 'the browser processes were seen while the games ran');
  assert.deepEqual(browserProcesses(), [], 'no browser process under this test after close()');
  assert.deepEqual(stillAlive([...seen.values()]), [], 'none of the browser processes seen during the run is alive');
});
