// Secrets stay away from the browser: Chromium and its helpers start with an environment that
// holds no key; its sandbox is on unless root; `--workers` is bounded by the machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { browserEnv, closeBrowser, findBrowser, launchBrowser, sandboxed } from '../../../src/validate/runtime/browser.js';
import { maxWorkers } from '../../../src/validate/runtime/processWatch.js';
import { findByArgument, processTable, processTree } from '../../../src/validate/runtime/processes.js';

const lookup = findBrowser();
const skip = lookup.found ? false : 'no browser';

test('the browser environment keeps only what Chromium needs', () => {
  const env = browserEnv({ PATH: '/usr/bin', HOME: '/home/x', LANG: 'C.UTF-8', ANTHROPIC_API_KEY: 'sk-ant-secret', OPENAI_API_KEY: 'sk-secret', AWS_SECRET_ACCESS_KEY: 'x' });
  assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/home/x', LANG: 'C.UTF-8' });
});

test("Chromium's sandbox is on unless running as root", () => {
  assert.equal(sandboxed(0), false);
  assert.equal(sandboxed(1000), true);
});

test('--workers is bounded by the machine', () => {
  assert.ok(maxWorkers() >= 1);
  assert.ok(maxWorkers() <= 2 * availableParallelism());
});

test('no process of a launched browser can read an API key from its environment', { skip }, async () => {
  if (!lookup.found) return;
  const saved = { anthropic: process.env.ANTHROPIC_API_KEY, openai: process.env.OPENAI_API_KEY };
  process.env.ANTHROPIC_API_KEY = 'sk-ant-test-secret';
  process.env.OPENAI_API_KEY = 'sk-test-secret';
  const marker = `--phaser-sft-browser-test=${process.pid}-secrets`;
  try {
    const browser = await launchBrowser(lookup.executable, marker);
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent('<p>a page</p>');
      const root = findByArgument(marker);
      assert.ok(root, 'the browser main process is found');
      const tree = processTree(root.pid, processTable());
      assert.ok(tree.length >= 2, 'the browser and its helpers');
      for (const { pid } of tree) {
        let environ = '';
        try {
          environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
        } catch {
          continue; // exited meanwhile
        }
        assert.doesNotMatch(environ, /API_KEY|sk-ant-test-secret|sk-test-secret/, `process ${pid}`);
      }
      await context.close();
    } finally {
      await closeBrowser(browser, marker);
    }
  } finally {
    if (saved.anthropic === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = saved.anthropic;
    if (saved.openai === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = saved.openai;
  }
});
