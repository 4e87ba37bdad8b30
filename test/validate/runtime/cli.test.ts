// `validate-file --levels L4` end to end through the real CLI: verdict, exit code, the game's
// line in the issue, and the screenshot under the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findBrowser } from '../../../src/validate/runtime/index.js';
import { runCli } from '../../helpers/cli.js';
import { withTempDir } from '../../helpers/tempDir.js';

const fixtures = new URL('../../fixtures/games/runtime/', import.meta.url).pathname;
const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;

interface Record {
  passed: boolean;
  levels: { L4?: { passed: boolean; skipped: boolean; issues: { code: string; line: number | null }[] } };
  runtime: { frames: number; animated: boolean; responds_to_input: boolean; screenshot: string | null } | null;
}

test('validate-file --levels L4: a good game passes (exit 0) with its runtime record and screenshot', { skip }, async (t) => {
  const workspace = withTempDir(t);
  const result = await runCli(['validate-file', join(fixtures, 'good_dodger.js'), '--levels', 'L4', '--json', '--workspace', workspace], { timeoutMs: 180_000 });
  assert.equal(result.code, 0, result.stderr);
  const record = JSON.parse(result.stdout) as Record;
  assert.equal(record.passed, true);
  assert.equal(record.levels.L4?.passed, true);
  assert.ok(record.runtime && record.runtime.frames >= 30);
  assert.equal(record.runtime?.animated, true);
  assert.equal(record.runtime?.responds_to_input, true);
  assert.match(record.runtime?.screenshot ?? '', /^data\/sft_distill\/screenshots\/[0-9a-f]+\.png$/);
  assert.ok(existsSync(join(workspace, record.runtime!.screenshot!)));
});

test('validate-file --levels L4: a game that throws fails (exit 1) with the line of the throw', { skip }, async (t) => {
  const workspace = withTempDir(t);
  const result = await runCli(['validate-file', join(fixtures, 'throws_in_update.js'), '--levels', 'L4', '--workspace', workspace], { timeoutMs: 180_000 });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /throws_in_update\.js:8:\d+ error uncaught_error/);
});
