import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledPath, configJsonSchema, loadConfig } from '../../src/core/index.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';

test('init scaffolds config, schema, prompt template and data/, and never overwrites', async (t) => {
  const dir = withTempDir(t);
  const ws = join(dir, 'ws');
  const first = await runCli(['init', ws, '--json']);
  assert.equal(first.code, 0, first.stderr);
  const result = JSON.parse(first.stdout) as { created: string[]; kept: string[] };
  assert.deepEqual(result.created.sort(), ['data', 'phaser-sft.config.json', 'phaser-sft.config.schema.json', 'prompts/teacher_system_prompt.txt']);
  const template = readFileSync(join(ws, 'prompts', 'teacher_system_prompt.txt'), 'utf8');
  assert.ok(template.includes('{API_CONTEXT}'));
  assert.ok(template.indexOf('[PLAN]') < template.indexOf('{API_CONTEXT}'), 'static text first, API context last');
  const config = loadConfig(join(ws, 'phaser-sft.config.json'), { required: true });
  assert.equal(config.requests.samples_per_seed, 2);

  writeFileSync(join(ws, 'prompts', 'teacher_system_prompt.txt'), 'mine {API_CONTEXT}');
  const second = await runCli(['init', ws, '--json']);
  assert.equal(second.code, 0);
  assert.equal(JSON.parse(second.stdout).created.length, 0);
  assert.equal(readFileSync(join(ws, 'prompts', 'teacher_system_prompt.txt'), 'utf8'), 'mine {API_CONTEXT}');
  assert.ok(existsSync(join(ws, 'data')));
});

test('the bundled config JSON Schema is current (regenerate: npx tsx scripts/write-config-schema.ts)', () => {
  const onDisk = JSON.parse(readFileSync(bundledPath('schema', 'phaser-sft.config.schema.json'), 'utf8'));
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(configJsonSchema())));
});

test('a bad config names the file, line and field and exits 2', async (t) => {
  const dir = withTempDir(t);
  writeFileSync(join(dir, 'phaser-sft.config.json'), '{\n  "teacher": {\n    "concurrency": "eight"\n  }\n}\n');
  const bad = await runCli(['init', '--workspace', dir]);
  assert.equal(bad.code, 0, 'init itself does not read the config');
  const status = await runCli(['status', '--workspace', dir]);
  assert.equal(status.code, 2);
  assert.match(status.stderr, /phaser-sft\.config\.json:3: field `teacher\.concurrency`/);
});
