import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { InputError, defaultConfig, logger, readJsonlSync } from '../../src/core/index.js';
import { runSelect } from '../../src/select/index.js';
import { selectedSchema } from '../../src/schemas/index.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';
import { writeTinyWorkspace } from './workspace.js';

test('select end to end: failed never selected, per-prompt cap, cross-prompt copy dropped, report explains empty prompts', async (t) => {
  const dir = withTempDir(t);
  const tiny = writeTinyWorkspace(dir, 12);
  const result = await runCli(['select', '--workspace', dir, '--per-prompt', '1', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  const selected = readJsonlSync(tiny.workspace.selectedFile(), { schema: selectedSchema }).map((r) => r.value);
  assert.equal(summary.counts.selected, selected.length);
  assert.ok(selected.every((r) => r.passed), 'a failed record is never selected');
  assert.deepEqual(selected.map((r) => r.rank), selected.map((_, i) => i + 1));
  for (let i = 1; i < selected.length; i++) assert.ok(selected[i - 1].score >= selected[i].score);
  const perSeed = new Map<string, number>();
  for (const r of selected) perSeed.set(r.seed_id, (perSeed.get(r.seed_id) ?? 0) + 1);
  assert.ok([...perSeed.values()].every((n) => n === 1));
  assert.equal(perSeed.has('seed-005'), false);
  assert.ok(Object.keys(selected[0].score_parts).includes('responds_to_input'));

  const report = JSON.parse(readFileSync(tiny.workspace.stageReportFile('selection'), 'utf8'));
  assert.equal(report.counts.validated, 24);
  assert.deepEqual(report.prompts_left_empty, [{ seed_id: 'seed-005', candidates: 2, reason: 'failed_validation', detail: { 'failed_validation:L1:L1_SYNTAX': 2 } }]);
  assert.equal(report.per_prompt['seed-006'].passed, 1);
  assert.equal(report.settings.per_prompt, 1);
  assert.ok(report.score_distribution.selected.count === selected.length);

  // Two answers per prompt now: seed-007's second answer copies seed-008's game — with the
  // default cluster cap of 1 it must go.
  logger.setQuiet(true);
  await runSelect(tiny.workspace, defaultConfig(), { quiet: true });
  const twice = readJsonlSync(tiny.workspace.selectedFile(), { schema: selectedSchema }).map((r) => r.value);
  const pair = twice.filter((r) => r.request_id === 'req-seed-007-1' || r.request_id === 'req-seed-008-0');
  assert.equal(pair.length, 1, 'one of the two near-identical games is kept');
  const reportAgain = JSON.parse(readFileSync(tiny.workspace.stageReportFile('selection'), 'utf8'));
  assert.equal(reportAgain.removed.cluster_full, 1);
});

test('select: bad flags exit 2, a bad validated line names file:line', async (t) => {
  const dir = withTempDir(t);
  const tiny = writeTinyWorkspace(dir, 2);
  const bad = await runCli(['select', '--workspace', dir, '--max-similarity', '3']);
  assert.equal(bad.code, 2);
  appendFileSync(tiny.workspace.validatedFile(), '{"candidate_id": "x"}\n');
  await assert.rejects(runSelect(tiny.workspace, defaultConfig(), { quiet: true }), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /validated\.jsonl:5: field `request_id`/);
    return true;
  });
});
