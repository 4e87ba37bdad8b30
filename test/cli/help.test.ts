import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

test('--help lists commands with an example, unknown command exits 2', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  for (const command of ['init', 'api-index', 'distill', 'validate-file', 'dataset', 'status']) {
    assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  }
  const bogus = await runCli(['bogus-command']);
  assert.equal(bogus.code, 2);
  assert.match(bogus.stderr, /unknown command/);
});
