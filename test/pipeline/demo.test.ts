import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Workspace } from '../../src/core/index.js';
import { findBrowser } from '../../src/validate/runtime/index.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';

const count = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).length : 0);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

test('demo end to end in a temp folder: every stage runs, the counts add up, the report is written', { timeout: 900_000 }, async (t) => {
  const dir = withTempDir(t, 'phaser-sft-demo-');
  const result = await runCli(['demo', '--workspace', dir, '--json'], { timeoutMs: 880_000 });
  assert.equal(result.code, 0, result.stderr.slice(-3000));
  const summary = JSON.parse(result.stdout);
  assert.ok(summary.ok);
  assert.deepEqual(summary.stages.map((s: { action: string }) => s.action), Array(9).fill('ran'));
  const w = new Workspace(dir);
  assert.equal(summary.report, w.htmlReportFile);

  // Seeds: only the bundled demo seeds.
  const seeds = count(w.seedsFile);
  assert.equal(seeds, count(new URL('../../assets/seeds/demo_seeds.jsonl', import.meta.url).pathname));
  // requests = raw + errors
  const requests = count(w.requestsFile);
  // … less the seeds of the held-out OOD genres (eval.ood_genres: rhythm is among the demo's), never sent.
  const heldOut = json(w.stageReportFile('distill_requests')).counts.held_out_ood;
  assert.ok(heldOut > 0);
  assert.equal(requests, (seeds - heldOut) * 2);
  const raw = count(w.rawOutputsFile('replay'));
  assert.equal(raw + count(w.errorsFile('replay')), requests);
  // parsed ≤ raw; passed ≤ parsed; selected ≤ passed
  const candidates = readFileSync(w.candidatesFile(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(candidates.length <= raw);
  const parsed = candidates.filter((c) => c.code.trim()).length;
  const validated = readFileSync(w.validatedFile(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(validated.length, candidates.length);
  const passed = validated.filter((v) => v.passed).length;
  assert.ok(passed <= parsed, `passed ${passed} ≤ parsed ${parsed}`);
  assert.ok(passed > 0, 'some demo games pass');
  const selected = count(w.selectedFile());
  assert.ok(selected > 0 && selected <= passed, `selected ${selected} ≤ passed ${passed}`);
  // train + val + test = dataset total
  const splits = (['train', 'val', 'test'] as const).map((s) => count(w.splitFile(s)));
  const datasetReport = json(w.stageReportFile('sft_dataset'));
  assert.equal(splits[0] + splits[1] + splits[2], datasetReport.counts.written);
  assert.ok(datasetReport.counts.written <= selected);
  // The hand-off: student-token lengths, a training config that fits them, the dataset card.
  assert.ok(datasetReport.tokens.qwen3.train.sample.max <= datasetReport.settings.cutoff_len);
  assert.ok(datasetReport.tokens.o200k_base.train.sample.max > 0);
  assert.match(readFileSync(`${w.datasetDir}/llamafactory_sft.yaml`, 'utf8'), /^template: qwen3$/m);
  assert.match(readFileSync(`${w.datasetDir}/README.md`, 'utf8'), /^configs:\n- config_name: default\n/m);
  // The reports say the same as the files.
  assert.equal(json(w.stageReportFile('distill_requests')).counts.requests, requests);
  const filterReport = json(w.stageReportFile('filter'));
  assert.equal(filterReport.counts.candidates, validated.length);
  // the demo validates with L4: the report names the browser it ran in (null when none was found)
  const lookup = findBrowser();
  assert.equal(filterReport.settings.browser, lookup.found ? lookup.executable : null);
  // Eval prompts and the report.
  assert.ok(count(w.evalPromptsFile) > 0);
  const html = readFileSync(w.htmlReportFile, 'utf8');
  assert.match(html, /Gallery/);
  assert.ok(!html.includes('select: not run yet'));
  assert.match(result.stderr + result.stdout, /index\.html/);

  // A second demo skips every stage.
  const again = await runCli(['demo', '--workspace', dir, '--json'], { timeoutMs: 120_000 });
  assert.equal(again.code, 0, again.stderr.slice(-2000));
  assert.deepEqual(JSON.parse(again.stdout).stages.map((s: { action: string }) => s.action), Array(9).fill('skipped'));
  const status = JSON.parse((await runCli(['--workspace', dir, 'status', '--json'])).stdout);
  assert.deepEqual(status.stages.map((s: { state: string }) => s.state), Array(9).fill('done'));
});
