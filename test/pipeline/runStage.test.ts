import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace, defaultConfig } from '../../src/core/index.js';
import { runStage, stageSpec } from '../../src/pipeline/index.js';
import { runCli } from '../helpers/cli.js';

function workspace(t: { after(fn: () => void): void }): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-runstage-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return new Workspace(dir);
}

test('a stage command that fails records the stage as failed, with the error; bad usage records nothing', async (t) => {
  const w = workspace(t);
  const usage = await runCli(['seeds', 'build', '--count', '-1', '--workspace', w.root]);
  assert.equal(usage.code, 2, usage.stderr);
  assert.ok(!existsSync(w.stageManifestFile('seeds')), 'a flag rejected before the stage starts leaves no manifest');

  const failed = await runCli(['eval', 'build', '--workspace', w.root]);
  assert.equal(failed.code, 2, failed.stderr);
  const manifest = JSON.parse(readFileSync(w.stageManifestFile('eval-build'), 'utf8'));
  assert.equal(manifest.status, 'failed');
  assert.match(manifest.error, /no seeds/);
  const status = JSON.parse((await runCli(['status', '--json', '--workspace', w.root])).stdout);
  const evalBuild = status.stages.find((s: { stage: string }) => s.stage === 'eval-build');
  assert.equal(evalBuild.state, 'failed');
  assert.match(evalBuild.reason, /no seeds/);
});

test('runStage: a partial run is not recorded; a finished one is, with the flags given', async (t) => {
  const w = workspace(t);
  const context = { workspace: w, config: defaultConfig(), quiet: true };
  const seeds = stageSpec('seeds')!;
  // --input of a file of one seed, no curated set: a quick real run
  const file = join(w.root, 'mine.jsonl');
  writeFileSync(file, JSON.stringify({ prompt: 'a tiny snake game with arrow keys' }) + '\n');
  const { result, failure } = await runStage(seeds, context, { input: [file], curated: false, count: 0 });
  assert.equal(failure, undefined);
  assert.equal(result.counts.written, 1);
  const manifest = JSON.parse(readFileSync(w.stageManifestFile('seeds'), 'utf8'));
  assert.equal(manifest.status, 'done');
  assert.deepEqual(manifest.settings.flags, { input: [file], curated: false, count: 0 });

  const dataset = stageSpec('dataset')!;
  await assert.rejects(runStage(dataset, context, { fromRaw: true }), /no raw outputs/);
  assert.ok(!existsSync(w.stageManifestFile('dataset')), '--from-raw is not the stage\'s output: no manifest');
});
