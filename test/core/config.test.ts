import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, defaultConfig, loadConfig } from '../../src/core/index.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';

function configError(t: TestContext, text: string): InputError {
  const file = join(withTempDir(t), 'phaser-sft.config.json');
  writeFileSync(file, text);
  try {
    loadConfig(file);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.exitCode, 2);
    assert.ok(error.message.startsWith(file), error.message);
    return error;
  }
  throw new Error('expected the config to be rejected');
}

test('an unknown key is an error naming the field and its line', (t) => {
  const error = configError(t, '{\n  "api_index": {\n    "top_kk": 3\n  }\n}\n');
  assert.equal(error.location.field, 'api_index.top_kk');
  assert.equal(error.location.line, 3);
  assert.match(error.message, /:3: field `api_index\.top_kk`:/);
});

test('a wrong type is an error naming the field', (t) => {
  const error = configError(t, '{ "api_index": { "context_token_budget": "lots" } }');
  assert.equal(error.location.field, 'api_index.context_token_budget');
  assert.match(error.message, /field `api_index\.context_token_budget`:.*number/i);
});

test('malformed JSON names the line', (t) => {
  const error = configError(t, '{\n  "api_index": {\n    "top_k": 3,\n  }\n}\n');
  assert.match(error.message, /not valid JSON/);
  assert.equal(typeof error.location.line, 'number');
});

test('a missing config means defaults, unless it was asked for explicitly', (t) => {
  const dir = withTempDir(t);
  const file = join(dir, 'none.json');
  assert.deepEqual(loadConfig(file), defaultConfig());
  assert.throws(() => loadConfig(file, { required: true }), (error: unknown) => error instanceof InputError && /config file not found/.test(error.message));
  assert.equal(defaultConfig().api_index.top_k, 24);
});

test('the CLI turns a bad config into a one-line error and exit 2', async (t) => {
  const dir = withTempDir(t);
  writeFileSync(join(dir, 'phaser-sft.config.json'), '{ "api_index": { "top_k": -1 } }');
  const run = await runCli(['api-index', 'search', 'tween', '--workspace', dir]);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /phaser-sft\.config\.json:1: field `api_index\.top_k`:/);
});
