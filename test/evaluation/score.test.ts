import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace, defaultConfig, writeJsonlAtomic } from '../../src/core/index.js';
import { formatScoreTable, scoreModels } from '../../src/evaluation/score.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';

const GOOD = join(import.meta.dirname, '..', 'fixtures', 'games', 'good');
const good = readdirSync(GOOD).sort().slice(0, 4).map((f) => readFileSync(join(GOOD, f), 'utf8'));
const answer = (code: string) => `[PLAN]\nA small game.\n\n\`\`\`javascript\n${code}\n\`\`\``;

const prompts = Array.from({ length: 4 }, (_, i) => ({ id: `ev_${i}`, prompt: `prompt ${i}`, lang: i < 2 ? 'en' : 'zh', genre: i % 2 ? 'snake' : 'maze', split: i < 3 ? 'iid' : 'ood', mechanics: [], difficulty: null, source: 'seed', seed_id: null, ood_kind: i < 3 ? null : 'held_out_genre' }));
const generation = (model: string, i: number, text: string) => ({ ...prompts[i], model, text, stop_reason: 'stop', truncated: false, usage: { input_tokens: 10, output_tokens: 100 + i, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } });

test('eval score: parse rate, pass rate per level, by split and language, two models side by side', async (t) => {
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  writeJsonlAtomic(workspace.evalPromptsFile, prompts);
  writeJsonlAtomic(workspace.generationsFile('good-model'), prompts.map((_, i) => generation('good-model', i, answer(good[i]))));
  writeJsonlAtomic(workspace.generationsFile('weak/model'), [
    generation('weak/model', 0, answer(good[0])),
    generation('weak/model', 1, answer('new Phaser.Game({ type: Phaser.AUTO, scene: { create() { this.add.text(0, 0, "hi" } } });')),
    generation('weak/model', 2, 'Sorry, I cannot write games.'),
    // prompt 3 never answered
  ]);
  const scores = await scoreModels(workspace, defaultConfig(), ['good-model', 'weak/model'], { levels: 'L1,L2,L3', workers: 1, quiet: true });
  const [strong, weak] = scores;
  assert.equal(strong.counts.prompts, 4);
  assert.equal(strong.parse_rate, 1);
  assert.equal(strong.pass_rate, 1);
  assert.equal(strong.pass_rate_by_level.L2, 1);
  assert.equal(weak.counts.generations, 3);
  assert.equal(weak.counts.parsed, 2);
  assert.equal(weak.parse_rate, 0.5);
  assert.equal(weak.pass_rate, 0.25);
  assert.equal(weak.pass_rate_by_level.L1, 0.25, 'the syntax error fails L1');
  assert.equal(weak.by_split.iid.prompts, 3);
  assert.equal(weak.by_split.ood.pass_rate, 0);
  assert.equal(weak.by_lang.en.pass_rate, 0.5);
  assert.ok(weak.top_issues.some((i) => i.level === 'L1'));

  const report = JSON.parse(readFileSync(workspace.evalReportFile('weak/model'), 'utf8'));
  assert.equal(report.model, 'weak/model');
  assert.equal(report.pass_rate, 0.25);
  const scored = readFileSync(workspace.evalValidatedFile('weak/model'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(scored.length, 4);
  assert.deepEqual(scored[3].parse_errors, ['no_generation']);

  const table = formatScoreTable(scores);
  assert.match(table, /good-model\s+weak\/model/);
  assert.match(table, /pass rate\s+100\.0%\s+25\.0%/);
  // the headline, and fidelity overall, by split, language and genre
  assert.match(table, /passes and does what was asked/);
  assert.match(table, /fidelity \(mean\)/);
  for (const genre of Object.keys(weak.by_genre)) assert.match(table, new RegExp(`fidelity ${genre}\\s`));
});

test('eval score for a model without generations names the infer command', async (t) => {
  const dir = withTempDir(t);
  writeJsonlAtomic(new Workspace(dir).evalPromptsFile, prompts);
  const result = await runCli(['--workspace', dir, 'eval', 'score', '--model', 'nobody', '--levels', 'L1']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /infer --model nobody/);
});
