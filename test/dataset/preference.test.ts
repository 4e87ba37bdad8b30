// `dataset --preference` and `dataset.repair_task`: the preference set read back through the
// LLaMA-Factory loader port (pairwise), splits leak-free against the SFT set, rejection reasons,
// the pair cutoff, the repair task on and off, and one spawned `dataset --preference` run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, loadConfig, logger, readJsonlSync, type Config } from '../../src/core/index.js';
import { applyPairCutoff, assistantOutput, dropCrossSplitPrompts, REPAIR_TASK_PROMPT, runDataset, type DatasetOptions, type PreferencePair, type Sample, type SftFormat, type StudentTokenizer } from '../../src/dataset/index.js';
import type { RepairPair, TeacherRequest, Validated } from '../../src/schemas/index.js';
import { runSelect } from '../../src/select/index.js';
import { syntheticGame } from '../fixtures/dataset/syntheticCode.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir, type AfterHook } from '../helpers/tempDir.js';
import { writeWorkspace } from '../helpers/workspace.js';
import { makeRequest, makeValidated } from '../select/records.js';
import { writeTinyWorkspace, type TinyWorkspace } from '../select/workspace.js';
import { loadLikeLlamaFactory, loadTrainingConfig } from './llamaFactoryLoader.js';

logger.setQuiet(true);

const STUDENT_PROMPT = readFileSync(new URL('../../prompts/student_system_prompt.txt', import.meta.url), 'utf8').trim();
const SPLITS = ['train', 'val', 'test'] as const;

interface PrefLine {
  split: string;
  index: number;
  seed_id: string;
  chosen_candidate_id: string;
  rejected_candidate_id: string;
  reason: string;
  reason_detail: string;
}
interface SftLine {
  split: string;
  seed_id: string | null;
  candidate_id: string | null;
  source: string;
}

const failing = (level: 'L1' | 'L2', code: string): Partial<Validated> => ({
  passed: false,
  levels: { [level]: { passed: false, skipped: false, issues: [{ code, message: 'broken', line: 3, column: 1, severity: 'error' }] } },
  runtime: null,
});

/**
 * The tiny workspace (seed-005 all failed, seed-006 one L1 failure) plus, on every seed, a third
 * answer failing L2 (so every split has pairs); seed-010 a fourth that passes but scores far lower
 * (no animation, 4 fps: a score_gap); seed-011 a fourth with an empty plan (the require_plan
 * gate); seed-013 a fourth whose L4 run was skipped (no evidence: never rejected); seed-012's L2
 * failure a very long game (for the cutoff); and a (broken → fixed) repair
 * of seed-005 that passed.
 */
function writePreferenceWorkspace(t: AfterHook, config: Record<string, unknown> = {}): TinyWorkspace & { repairRequest: TeacherRequest } {
  const tiny = writeTinyWorkspace(withTempDir(t), 15);
  const requests = [...tiny.requests];
  const validated = [...tiny.validated];
  const add = (request: TeacherRequest, record: Validated) => {
    requests.push(request);
    validated.push(record);
  };
  for (const [i, seed] of tiny.seeds.entries()) {
    const request = makeRequest(seed, 2);
    add(request, makeValidated(request, 5000 + i, { ...failing('L2', 'TS2339'), ...(seed.id === 'seed-012' ? { code: syntheticGame(5012, 40_000) } : {}) }));
  }
  const low = makeRequest(tiny.seeds[10], 3);
  add(low, makeValidated(low, 6010, { runtime: { frames: 60, fps: 4, errors: ['x', 'y'], blank: false, animated: false, responds_to_input: true, screenshot: null } }));
  const noPlan = makeRequest(tiny.seeds[11], 3);
  add(noPlan, makeValidated(noPlan, 6011, { plan: '' }));
  const l4Skipped = makeRequest(tiny.seeds[13], 3);
  add(l4Skipped, makeValidated(l4Skipped, 6013, { runtime: null, levels: { L1: { passed: true, skipped: false, issues: [] }, L4: { passed: true, skipped: true, issues: [] } } }));
  // seed-005: the repair of its first failed answer passed.
  const broken = tiny.validated.find((r) => r.seed_id === 'seed-005')!;
  const repairRequest: TeacherRequest = {
    ...makeRequest(tiny.seeds[5], 4),
    user: `${tiny.seeds[5].prompt}\n\n---\nYour earlier answer failed the checks:\n\`\`\`javascript\n${broken.code}\n\`\`\`\n- L1 L1_SYNTAX (line 3): Unexpected token`,
    round: 2,
    repair_of: { candidate_id: broken.candidate_id, request_id: broken.request_id, code_hash: broken.code_hash, issues: [{ level: 'L1', code: 'L1_SYNTAX', message: 'Unexpected token', line: 3 }] },
  };
  const fixed = makeValidated(repairRequest, 7005);
  add(repairRequest, fixed);
  const pair: RepairPair = { seed_id: 'seed-005', round: 2, request_id: repairRequest.request_id, broken: repairRequest.repair_of!, fixed: { candidate_id: fixed.candidate_id, code_hash: fixed.code_hash } };
  writeWorkspace(tiny.workspace, { requests, validated, repairPairs: [pair], config: { dataset: { split: [0.6, 0.2, 0.2], ...config } } });
  return { ...tiny, requests, validated, repairRequest };
}

const configOf = (tiny: TinyWorkspace): Config => loadConfig(tiny.workspace.configFile);

async function selectAndDataset(tiny: TinyWorkspace, options: DatasetOptions) {
  const config = configOf(tiny);
  await runSelect(tiny.workspace, config, { quiet: true });
  return runDataset(tiny.workspace, config, { quiet: true, ...options });
}

const prefManifest = (tiny: TinyWorkspace) => readJsonlSync(tiny.workspace.preferenceManifestFile).map((r) => r.value as PrefLine);
const sftManifest = (tiny: TinyWorkspace) => readJsonlSync(tiny.workspace.datasetManifestFile).map((r) => r.value as SftLine);

test("preference, each format: every pair loads in LLaMA-Factory's pairwise stage as chosen = the selected answer, rejected = the other", async (t) => {
  const tiny = writePreferenceWorkspace(t);
  await runSelect(tiny.workspace, configOf(tiny), { quiet: true });
  for (const format of ['alpaca', 'sharegpt', 'sharegpt-classic'] as SftFormat[]) {
    const result = await runDataset(tiny.workspace, configOf(tiny), { quiet: true, preference: true, format, cutoffLen: 100_000 });
    const info = JSON.parse(readFileSync(tiny.workspace.datasetInfoFile, 'utf8'));
    const manifest = prefManifest(tiny);
    const byCandidate = new Map(tiny.validated.map((r) => [r.candidate_id, r]));
    const seedPrompt = new Map(tiny.seeds.map((s) => [s.id, s.prompt]));
    for (const split of SPLITS) {
      const name = `phaser_sft_pref_${split}`;
      assert.equal(info[name].ranking, true);
      assert.equal(info[name].file_name, `preference_${split}.jsonl`);
      assert.throws(() => loadLikeLlamaFactory(name, tiny.workspace.datasetDir, 'sft'), /not applicable/, 'an SFT run refuses a ranking set');
      const loaded = loadLikeLlamaFactory(name, tiny.workspace.datasetDir, 'rm');
      assert.deepEqual(loaded.dropped, [], `${format} ${split}: LLaMA-Factory would drop pairs`);
      const lines = manifest.filter((m) => m.split === split);
      assert.ok(lines.length > 0, `${split} has pairs`);
      assert.equal(loaded.examples.length, lines.length);
      loaded.examples.forEach((example, i) => {
        const chosen = byCandidate.get(lines[i].chosen_candidate_id)!;
        const rejected = byCandidate.get(lines[i].rejected_candidate_id)!;
        assert.equal(chosen.seed_id, lines[i].seed_id);
        assert.equal(rejected.seed_id, lines[i].seed_id, 'both answers are of one seed');
        assert.equal(example._system, STUDENT_PROMPT);
        assert.deepEqual(example._prompt, [{ role: 'user', content: seedPrompt.get(lines[i].seed_id) }]);
        assert.deepEqual(
          example._response.map((m) => m.content),
          [assistantOutput(chosen.plan, chosen.code), assistantOutput(rejected.plan, rejected.code)],
        );
        assert.ok(!JSON.stringify(example).includes(lines[i].reason), 'the reason stays out of the training columns');
      });
    }
    assert.equal(result.preference?.pairs.total, manifest.length);
    // The DPO config trains on the train pairs and evaluates on val, read as `llamafactory-cli train` would.
    const run = loadTrainingConfig(join(tiny.workspace.datasetDir, 'llamafactory_dpo.yaml'), tiny.workspace.root);
    assert.equal(run.config.stage, 'dpo');
    assert.equal(run.config.pref_beta, 0.1);
    assert.equal(run.config.pref_loss, 'sigmoid');
    assert.equal(run.config.learning_rate, 5e-6);
    assert.equal(run.config.cutoff_len, 100_000);
    assert.equal(run.train[0].name, 'phaser_sft_pref_train');
    assert.equal(run.eval[0].name, 'phaser_sft_pref_val');
    assert.equal(run.train[0].examples.length, result.preference?.pairs.train);
  }
});

test('preference: rejection reasons (failed level + code, failed gate, score gap) in the manifest and report', async (t) => {
  const tiny = writePreferenceWorkspace(t);
  const result = await selectAndDataset(tiny, { preference: true, cutoffLen: 100_000 });
  const manifest = prefManifest(tiny);
  const of = (seed: string) => manifest.filter((m) => m.seed_id === seed).map((m) => `${m.reason} ${m.reason_detail.startsWith('gap') ? 'gap' : m.reason_detail}`);
  assert.deepEqual(of('seed-006'), ['failed_validation L1:L1_SYNTAX', 'failed_validation L2:TS2339']);
  assert.deepEqual(of('seed-010'), ['failed_validation L2:TS2339', 'score_gap gap']);
  assert.deepEqual(of('seed-011'), ['failed_validation L2:TS2339', 'failed_gate empty_plan']);
  assert.deepEqual(of('seed-013'), ['failed_validation L2:TS2339'], 'an L4-skipped answer is missing evidence, not a worse game');
  const gap = manifest.find((m) => m.reason === 'score_gap')!;
  assert.ok(Number(gap.reason_detail.slice(4)) >= 0.15, gap.reason_detail);
  // seed-005: its repaired answer is the chosen one, both broken answers and the L2 failure rejected.
  assert.deepEqual(of('seed-005'), ['failed_validation L1:L1_SYNTAX', 'failed_validation L1:L1_SYNTAX', 'failed_validation L2:TS2339']);
  assert.ok(manifest.filter((m) => m.seed_id === 'seed-005').every((m) => m.chosen_candidate_id.startsWith('cand-req-seed-005-4')));
  const report = JSON.parse(readFileSync(result.reportFile, 'utf8'));
  assert.equal(report.counts.preference_pairs, manifest.length);
  assert.deepEqual(report.preference.by_reason, { failed_validation: manifest.length - 2, failed_gate: 1, score_gap: 1 });
  assert.equal(report.preference.by_detail['failed_validation L1:L1_SYNTAX'], 3, 'seed-006 once, seed-005 twice');
  assert.equal(report.preference.by_detail['failed_gate empty_plan'], 1);
});

test('preference: leak-free — each pair in its seed’s SFT split, no val/test pair prompt in SFT train; a later run without --preference removes the set, dataset.preference brings it back', async (t) => {
  const tiny = writePreferenceWorkspace(t);
  await selectAndDataset(tiny, { preference: true, cutoffLen: 100_000 });
  const splitOfSeed = new Map(sftManifest(tiny).map((m) => [m.seed_id, m.split]));
  const pairs = prefManifest(tiny);
  for (const pair of pairs) assert.equal(pair.split, splitOfSeed.get(pair.seed_id), `seed ${pair.seed_id}`);
  const trainPrompts = new Set(loadLikeLlamaFactory('phaser_sft_train', tiny.workspace.datasetDir).examples.map((e) => e._prompt[0].content));
  for (const split of ['val', 'test'] as const) {
    for (const example of loadLikeLlamaFactory(`phaser_sft_pref_${split}`, tiny.workspace.datasetDir, 'rm').examples) assert.ok(!trainPrompts.has(example._prompt[0].content), `a ${split} pair prompt is in SFT train`);
  }
  await runDataset(tiny.workspace, configOf(tiny), { quiet: true });
  const info = JSON.parse(readFileSync(tiny.workspace.datasetInfoFile, 'utf8'));
  assert.deepEqual(Object.keys(info), ['phaser_sft_train', 'phaser_sft_val', 'phaser_sft_test']);
  for (const file of ['preference_train.jsonl', 'preference_manifest.jsonl', 'llamafactory_dpo.yaml']) assert.equal(existsSync(join(tiny.workspace.datasetDir, file)), false, file);
  // The config switch does what the flag does (and is what `run` follows).
  const config = configOf(tiny);
  await runDataset(tiny.workspace, { ...config, dataset: { ...config.dataset, preference: true } }, { quiet: true, cutoffLen: 100_000 });
  assert.deepEqual(prefManifest(tiny), pairs);
});

test('preference: a pair whose prompt + longer answer is over cutoff_len is dropped and counted, its SFT sample kept', async (t) => {
  const tiny = writePreferenceWorkspace(t);
  const result = await selectAndDataset(tiny, { preference: true, cutoffLen: 4000 });
  const pairs = prefManifest(tiny);
  assert.ok(!pairs.some((p) => p.seed_id === 'seed-012' && p.reason_detail === 'L2:TS2339'), 'the 40 KB rejected game is not paired');
  const dropped = result.preference!.dropped.over_cutoff;
  assert.equal(SPLITS.reduce((n, s) => n + (dropped[s].answer_over_cutoff ?? 0), 0), 1);
  assert.equal(result.counts.dropped_over_cutoff, 0, 'no SFT sample dropped');
});

test('applyPairCutoff: prompt + the longer answer against cutoff_len, by reason', () => {
  // A tokenizer where every character is a token: prompt = system + user, response = answer.
  const tokenizer = {
    name: 'qwen3',
    lengthOf: (c: PreferencePair['conversation']) => {
      const prompt = c.system.length + c.turns[0].user.length;
      const response = c.turns[0].assistant.length;
      return { prompt, response, total: prompt + response, answer: response };
    },
  } as unknown as StudentTokenizer;
  const pair = (chosen: number, rejected: number): PreferencePair => ({
    split: 'train',
    conversation: { system: '', turns: [{ user: 'u'.repeat(10), assistant: '' }] },
    chosen: 'c'.repeat(chosen),
    rejected: 'r'.repeat(rejected),
    meta: { id: `${chosen}-${rejected}`, seed_id: 's', genre: 'g', lang: 'en', chosen_candidate_id: 'a', rejected_candidate_id: 'b', reason: 'failed_validation', reason_detail: 'L1', chosen_score: 1, rejected_score: null },
  });
  const cases: [chosen: number, rejected: number, expected: string][] = [
    [30, 40, 'kept'],
    [90, 40, 'kept'], // 10 + 90 = the cutoff exactly
    [40, 91, 'sample_over_cutoff'], // the rejected answer decides, as in LLaMA-Factory's infer_seqlen
    [120, 40, 'answer_over_cutoff'],
  ];
  for (const [chosen, rejected, expected] of cases) {
    const cut = applyPairCutoff([pair(chosen, rejected)], tokenizer, 100);
    assert.equal(cut.kept.train.length ? 'kept' : cut.dropped[0].reason, expected, `${chosen}/${rejected}`);
  }
});

test('dropCrossSplitPrompts: a pair whose instruction is an SFT sample in another split is dropped; in its own split it stays', () => {
  const sample = (user: string) => ({ conversation: { system: 's', turns: [{ user, assistant: 'a' }] } }) as Sample;
  const pair = (split: 'train' | 'val', user: string) => ({ split, conversation: { system: 's', turns: [{ user, assistant: 'a' }] } }) as PreferencePair;
  const sft = { train: [sample('shared prompt'), sample('train prompt')], val: [sample('val prompt')], test: [] };
  const { kept, dropped } = dropCrossSplitPrompts({ train: [pair('train', 'train prompt')], val: [pair('val', 'val prompt'), pair('val', 'shared prompt')], test: [] }, sft);
  assert.deepEqual([kept.train.length, kept.val.length], [1, 1]);
  assert.deepEqual(dropped, { train: 0, val: 1, test: 0 });
});

test('repair task: off by default; on, each (broken → fixed) pair is an SFT sample of its own task in its seed’s split', async (t) => {
  const off = writePreferenceWorkspace(t);
  await selectAndDataset(off, {});
  assert.ok(!sftManifest(off).some((m) => m.source === 'repair'));

  const on = writePreferenceWorkspace(t, { repair_task: true });
  const result = await selectAndDataset(on, {});
  const manifest = sftManifest(on);
  const repairs = manifest.filter((m) => m.source === 'repair');
  assert.equal(repairs.length, 1);
  assert.equal(result.counts.repair_samples, 1);
  assert.equal(result.counts.written, sftManifest(off).length + 1);
  const seedSplits = new Set(manifest.filter((m) => m.seed_id === 'seed-005').map((m) => m.split));
  assert.equal(seedSplits.size, 1, 'the repair sample is in the split of its seed');
  const split = repairs[0].split;
  const lines = manifest.filter((m) => m.split === split);
  const example = loadLikeLlamaFactory(`phaser_sft_${split}`, on.workspace.datasetDir).examples[lines.indexOf(repairs[0])];
  const fixed = on.validated.find((r) => r.candidate_id === repairs[0].candidate_id)!;
  assert.equal(example._system, `${STUDENT_PROMPT}\n\n${REPAIR_TASK_PROMPT}`);
  assert.deepEqual(example._prompt, [{ role: 'user', content: on.repairRequest.user }]);
  assert.ok(String(example._prompt[0].content).includes('L1_SYNTAX'), 'the user turn carries the issues');
  assert.equal(example._response[0].content, assistantOutput(fixed.plan, fixed.code));
});

test('CLI: dataset --preference on a tiny workspace writes the ranking splits, their dataset_info entries and the DPO config', async (t) => {
  const tiny = writeTinyWorkspace(withTempDir(t), 12);
  await runSelect(tiny.workspace, defaultConfig(), { quiet: true });
  const run = await runCli(['dataset', '--workspace', tiny.workspace.root, '--preference', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  // seed-006: one selected answer, one L1 failure → one pair; seed-005: all failed, no chosen answer → none.
  assert.equal(result.preference.pairs.total, 1);
  assert.deepEqual(result.preference.by_detail, { 'failed_validation L1:L1_SYNTAX': 1 });
  const info = JSON.parse(readFileSync(tiny.workspace.datasetInfoFile, 'utf8'));
  const pref = Object.keys(info).filter((name) => info[name].ranking);
  assert.deepEqual(pref, result.preference.dataset_names);
  for (const name of pref) assert.equal(loadLikeLlamaFactory(name, tiny.workspace.datasetDir, 'rm').dropped.length, 0);
  assert.deepEqual(Object.values(result.preference.files), pref.map((name) => `preference_${name.split('_').pop()}.jsonl`), 'the report names files in the dataset folder');
  assert.ok(existsSync(join(tiny.workspace.datasetDir, 'llamafactory_sft.yaml')));
  assert.match(readFileSync(join(tiny.workspace.datasetDir, 'README.md'), 'utf8'), /^- config_name: preference$/m, 'the card gives the pairs their own Hub config');
});
