import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { Workspace, writeJsonlAtomic } from '../../src/core/index.js';
import type { Seed } from '../../src/schemas/index.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';

function seeds(): Seed[] {
  const genres = ['platformer', 'snake', 'maze', 'rhythm'];
  return genres.flatMap((genre, g) =>
    Array.from({ length: 6 }, (_, i) => ({
      id: `s-${genre}-${i}`,
      prompt: `Seed ${g}-${i}: a ${genre} game with ${['a cat', 'a dog', 'a bee', 'a fox', 'an owl', 'a yak'][i]} and ${i + 3} levels`,
      lang: 'en' as const,
      genre,
      mechanics: ['keyboard', 'collisions', 'scoring'],
      difficulty: 'easy' as const,
      source: 'curated' as const,
    })),
  );
}

const sample = (s: Seed) => ({ instruction: s.prompt, input: '', output: '[PLAN]\nplan\n```javascript\nnew Phaser.Game({});\n```', system: 'sys' });

test('run skips an up-to-date stage, redoes it after its input changes; status says why', async (t) => {
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  const all = seeds();
  writeJsonlAtomic(workspace.seedsFile, all);
  writeJsonlAtomic(workspace.splitFile('train'), all.filter((s) => s.genre !== 'rhythm' && !s.id.endsWith('-5')).map(sample));
  writeJsonlAtomic(workspace.splitFile('val'), []);
  writeJsonlAtomic(workspace.splitFile('test'), []);
  const args = ['--workspace', dir, 'run', '--from', 'eval-build', '--to', 'eval-build', '--no-report', '--json'];

  const first = await runCli(args);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(JSON.parse(first.stdout).stages.map((s: { action: string }) => s.action), ['ran']);
  const built = statSync(workspace.evalPromptsFile).mtimeMs;

  const second = await runCli(args);
  assert.equal(second.code, 0, second.stderr);
  const skipped = JSON.parse(second.stdout).stages[0];
  assert.equal(skipped.action, 'skipped');
  assert.equal(statSync(workspace.evalPromptsFile).mtimeMs, built, 'an up-to-date stage is not rewritten');

  const status = await runCli(['--workspace', dir, 'status', '--json']);
  assert.equal(status.code, 0, status.stderr);
  const evalStatus = JSON.parse(status.stdout).stages.find((s: { stage: string }) => s.stage === 'eval-build');
  assert.equal(evalStatus.state, 'done');

  // The training split changes: eval build is stale and runs again.
  appendFileSync(workspace.splitFile('train'), JSON.stringify(sample(all.find((s) => s.id === 's-snake-5')!)) + '\n');
  const stale = JSON.parse((await runCli(['--workspace', dir, 'status', '--json'])).stdout).stages.find((s: { stage: string }) => s.stage === 'eval-build');
  assert.equal(stale.state, 'stale');
  assert.match(stale.reason, /input changed: data\/sft_dataset\/train\.jsonl/);
  const third = await runCli(args);
  assert.equal(third.code, 0, third.stderr);
  assert.equal(JSON.parse(third.stdout).stages[0].action, 'ran');
  assert.ok(!readFileSync(workspace.evalPromptsFile, 'utf8').includes('"s-snake-5"'), 'the newly trained seed is no longer an eval prompt');

  // A settings change makes it stale too.
  const config = { eval: { iid_count: 2 } };
  writeJsonlAtomic(workspace.path('unused.jsonl'), []);
  (await import('node:fs')).writeFileSync(workspace.configFile, JSON.stringify(config));
  const fourth = JSON.parse((await runCli(args)).stdout).stages[0];
  assert.equal(fourth.action, 'ran');
  assert.match(fourth.reason, /settings changed/);
});

test('run without a teacher, when distill must run, is a usage error', async (t) => {
  const dir = withTempDir(t);
  const result = await runCli(['--workspace', dir, 'run', '--no-report']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--teacher claude\|openai\|replay/);
});
