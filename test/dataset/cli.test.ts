import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, defaultConfig, logger, readJsonlSync } from '../../src/core/index.js';
import { runDataset, type DatasetOptions } from '../../src/dataset/index.js';
import { runSelect } from '../../src/select/index.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';
import { writeTinyWorkspace, type TinyWorkspace } from '../select/workspace.js';
import { loadLikeLlamaFactory } from './llamaFactoryLoader.js';

const SPLIT_FILES = ['train.jsonl', 'val.jsonl', 'test.jsonl', 'dataset_info.json', 'manifest.jsonl', 'llamafactory_sft.yaml', 'README.md'];
const STUDENT_PROMPT = readFileSync(new URL('../../prompts/student_system_prompt.txt', import.meta.url), 'utf8').trim();

interface ManifestLine {
  split: string;
  seed_id: string | null;
  candidate_id: string | null;
  source: string;
}

logger.setQuiet(true);

/** select + dataset in this process (the CLI itself is exercised by a few spawned runs only). */
async function selectAndDatasetInProcess(tiny: TinyWorkspace, options: DatasetOptions) {
  await runSelect(tiny.workspace, defaultConfig(), { quiet: true });
  return runDataset(tiny.workspace, defaultConfig(), { quiet: true, ...options });
}

async function selectAndDataset(tiny: TinyWorkspace, datasetArgs: string[]) {
  const dir = tiny.workspace.root;
  const select = await runCli(['select', '--workspace', dir, '--quiet']);
  assert.equal(select.code, 0, select.stderr);
  const dataset = await runCli(['dataset', '--workspace', dir, '--json', ...datasetArgs]);
  assert.equal(dataset.code, 0, dataset.stderr);
  return JSON.parse(dataset.stdout);
}

/** Load every split through the LLaMA-Factory loader and check each example against its source. */
function checkLoadsAsIntended(tiny: TinyWorkspace, expectedFormatting: string): void {
  const datasetDir = tiny.workspace.datasetDir;
  const info = JSON.parse(readFileSync(tiny.workspace.datasetInfoFile, 'utf8'));
  const manifest = readJsonlSync(tiny.workspace.datasetManifestFile).map((r) => r.value as ManifestLine);
  const byCandidate = new Map(tiny.validated.map((r) => [r.candidate_id, r]));
  const requests = new Map(tiny.requests.map((r) => [r.request_id, r]));
  assert.deepEqual(Object.keys(info), ['phaser_sft_train', 'phaser_sft_val', 'phaser_sft_test']);
  for (const split of ['train', 'val', 'test']) {
    const entry = info[`phaser_sft_${split}`];
    assert.equal(entry.file_name, `${split}.jsonl`);
    assert.equal(entry.formatting, expectedFormatting);
    assert.equal('format' in entry, false);
    const loaded = loadLikeLlamaFactory(`phaser_sft_${split}`, datasetDir);
    assert.deepEqual(loaded.dropped, [], `${split}: LLaMA-Factory would drop examples`);
    const lines = manifest.filter((m) => m.split === split);
    assert.equal(loaded.examples.length, lines.length);
    assert.ok(loaded.examples.length > 0, `${split} is empty`);
    loaded.examples.forEach((example, i) => {
      const source = byCandidate.get(lines[i].candidate_id!)!;
      assert.equal(example._system, STUDENT_PROMPT);
      assert.deepEqual(example._prompt, [{ role: 'user', content: requests.get(source.request_id)!.user }]);
      assert.equal(example._response.length, 1);
      const output = example._response[0].content as string;
      assert.ok(output.startsWith('[PLAN]\n' + source.plan.trim()), 'output starts with the plan');
      assert.ok(output.endsWith('```javascript\n' + source.code.trim() + '\n```'), 'output ends with the code in one fence');
      assert.equal(output.match(/```/g)?.length, 2, 'exactly one fence');
    });
  }
}

test('dataset alpaca: loads in LLaMA-Factory as intended, no seed in two splits, identical bytes twice', async (t) => {
  const dir = withTempDir(t);
  const tiny = writeTinyWorkspace(dir, 40);
  const summary = await selectAndDataset(tiny, ['--split', '0.7,0.15,0.15', '--seed', '3']);
  checkLoadsAsIntended(tiny, 'alpaca');
  const manifest = readJsonlSync(tiny.workspace.datasetManifestFile).map((r) => r.value as ManifestLine);
  const splitOfSeed = new Map<string, string>();
  for (const line of manifest) {
    const seen = splitOfSeed.get(line.seed_id!);
    assert.ok(!seen || seen === line.split, `seed ${line.seed_id} in ${seen} and ${line.split}`);
    splitOfSeed.set(line.seed_id!, line.split);
  }
  assert.equal(summary.counts.written, manifest.length);

  const report = JSON.parse(readFileSync(tiny.workspace.stageReportFile('sft_dataset'), 'utf8'));
  assert.equal(report.counts.train + report.counts.val + report.counts.test, manifest.length);
  assert.ok(Object.keys(report.splits.train.genre).length >= 3, 'train spans the genres');
  assert.ok(report.tokens.qwen3.train.sample.mean > report.tokens.qwen3.train.answer.mean);
  assert.ok(report.tokens.o200k_base.train.sample.mean > report.tokens.o200k_base.train.answer.mean);
  assert.equal(report.settings.dedup.permutations, 112);
  assert.equal(report.official_share.all, 0);

  const first = SPLIT_FILES.map((f) => readFileSync(join(tiny.workspace.datasetDir, f)));
  await runDataset(tiny.workspace, defaultConfig(), { split: [0.7, 0.15, 0.15], seed: 3, quiet: true });
  SPLIT_FILES.forEach((f, i) => assert.ok(readFileSync(join(tiny.workspace.datasetDir, f)).equals(first[i]), `${f} differs between two runs`));

  await runDataset(tiny.workspace, defaultConfig(), { split: [0.7, 0.15, 0.15], seed: 4, quiet: true });
  assert.ok(!readFileSync(join(tiny.workspace.datasetDir, 'manifest.jsonl')).equals(first[4]), 'another --seed, another split');
});

test('dataset sharegpt: OpenAI-style messages with tags, loads as intended; OOD genres held out', async (t) => {
  const dir = withTempDir(t);
  const tiny = writeTinyWorkspace(dir, 40);
  const config = defaultConfig();
  config.eval.ood_genres = ['puzzle'];
  await runSelect(tiny.workspace, config, { quiet: true });
  const result = await runDataset(tiny.workspace, config, { format: 'sharegpt', split: [0.7, 0.15, 0.15], quiet: true });
  checkLoadsAsIntended(tiny, 'sharegpt');
  const manifest = readJsonlSync(tiny.workspace.datasetManifestFile).map((r) => r.value as ManifestLine & { genre: string });
  assert.equal(manifest.filter((m) => m.genre === 'puzzle').length, 0, 'no OOD genre in any split');
  assert.ok(result.counts.held_out_ood > 0);
  assert.equal(result.counts.written, result.counts.selected - result.counts.held_out_ood);
  const info = JSON.parse(readFileSync(tiny.workspace.datasetInfoFile, 'utf8'));
  assert.deepEqual(info.phaser_sft_train.columns, { messages: 'messages' });
  assert.deepEqual(info.phaser_sft_train.tags, { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant', system_tag: 'system' });
  const first = JSON.parse(readFileSync(tiny.workspace.splitFile('train'), 'utf8').split('\n')[0]);
  assert.deepEqual(first.messages.map((m: { role: string }) => m.role), ['system', 'user', 'assistant']);
});

test('dataset --official: checked, normalised, deduplicated against distilled samples, merged, share reported', async (t) => {
  const dir = withTempDir(t);
  const tiny = writeTinyWorkspace(dir, 24);
  const copied = tiny.validated.find((r) => r.seed_id === 'seed-001')!;
  const official = [
    { instruction: 'Write a snake game', input: '', output: '```javascript\nconst snake = [];\nnew Phaser.Game({ scene: { create() { this.add.text(1, 2, "snake"); } } });\n```', system: 'You are helpful.' },
    { conversations: [{ from: 'human', value: '写一个打砖块游戏\r\n' }, { from: 'gpt', value: 'const bricks = 1; new Phaser.Game({ width: 640, height: 480 });' }] },
    { messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'pong please' }, { role: 'assistant', content: 'const paddle = 2; new Phaser.Game({ width: 800, height: 600, type: Phaser.CANVAS });' }] },
    // The same answer as a distilled sample (exact duplicate after normalisation).
    { instruction: 'dup', output: `[PLAN]\n${copied.plan}\n\n\`\`\`javascript\n${copied.code}\n\`\`\`` },
  ];
  const officialFile = join(dir, 'official.jsonl');
  writeFileSync(officialFile, official.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const summary = await selectAndDatasetInProcess(tiny, { official: officialFile, split: [0.6, 0.2, 0.2] });
  assert.equal(summary.counts.official, 4);
  const report = JSON.parse(readFileSync(tiny.workspace.stageReportFile('sft_dataset'), 'utf8'));
  assert.equal(report.removed_duplicates.exact.official_vs_distilled, 1);
  const written = summary.counts.written;
  assert.equal(report.official_share.all, Math.round((3 / written) * 10_000) / 10_000);
  const all = ['train', 'val', 'test'].flatMap((split) => loadLikeLlamaFactory(`phaser_sft_${split}`, tiny.workspace.datasetDir).examples);
  assert.equal(all.length, written);
  const bricks = all.find((e) => e._prompt[0].content === '写一个打砖块游戏');
  assert.ok(bricks, 'sharegpt official record normalised (CRLF and trailing space gone)');
  assert.equal(bricks._system, '');
  assert.ok(all.some((e) => e._system === 'S' && e._prompt[0].content === 'pong please'));
});

test('dataset --official: bad records stop the run with file:line (exit 2)', async (t) => {
  const dir = withTempDir(t);
  const tiny = writeTinyWorkspace(dir, 4);
  await runSelect(tiny.workspace, defaultConfig(), { quiet: true });
  const good = JSON.stringify({ instruction: 'a', output: 'b' });
  const file = join(dir, 'official.jsonl');
  const cases: [string, string, RegExp][] = [
    ['not json', `${good}\n{"instruction": "a",\n`, /official\.jsonl:2:.*not valid JSON/],
    ['cut-off last line', `${good}\n{"instruction": "a",`, /official\.jsonl:2:.*cut off/],
    ['empty output', `${good}\n${good}\n${JSON.stringify({ instruction: 'a', output: '  ' })}\n`, /official\.jsonl:3: field `output`: empty/],
    ['unknown shape', `${JSON.stringify({ prompt: 'a', completion: 'b' })}\n`, /official\.jsonl:1:.*neither alpaca/],
    ['roles out of order', `${JSON.stringify({ messages: [{ role: 'assistant', content: 'x' }, { role: 'user', content: 'y' }] })}\n`, /official\.jsonl:1: field `messages\.0\.role`: an assistant message without a user/],
    ['tool role', `${JSON.stringify({ conversations: [{ from: 'human', value: 'x' }, { from: 'function_call', value: 'y' }] })}\n`, /official\.jsonl:1: field `conversations\.1\.from`: unsupported role/],
    ['ends on user', `${JSON.stringify({ messages: [{ role: 'user', content: 'x' }] })}\n`, /official\.jsonl:1: field `messages`: the conversation must end/],
    ['history not pairs', `${JSON.stringify({ instruction: 'a', output: 'b', history: [['x']] })}\n`, /official\.jsonl:1: field `history\.0`: expected \[prompt, response\]/],
  ];
  for (const [label, text, pattern] of cases) {
    writeFileSync(file, text);
    await assert.rejects(runDataset(tiny.workspace, defaultConfig(), { official: file, quiet: true }), (error: unknown) => {
      assert.ok(error instanceof InputError, label);
      assert.equal(error.exitCode, 2);
      assert.match(error.message, pattern, label);
      return true;
    });
  }
  await assert.rejects(runDataset(tiny.workspace, defaultConfig(), { official: join(dir, 'nope.jsonl'), quiet: true }), /nope\.jsonl: file not found/);
  // Through the real CLI: exit code 2 and the location on stderr.
  writeFileSync(file, `${good}\n${JSON.stringify({ instruction: 'a', output: 'b', system: 7 })}\n`);
  const result = await runCli(['dataset', '--workspace', dir, '--official', file]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /official\.jsonl:2: field `system`: expected a string/);
});

test('dataset --from-raw: every raw answer, joined to its request, loadable as it is', async (t) => {
  const dir = withTempDir(t);
  const tiny = writeTinyWorkspace(dir, 4);
  const raw = tiny.requests.map((request, i) => ({
    request_id: request.request_id,
    teacher: 'replay',
    model: 'replay',
    text: i === 1 ? '' : `[PLAN]\n- answer ${i}\n\n\`\`\`javascript\nnew Phaser.Game({});\n\`\`\``,
    stop_reason: 'end_turn',
    usage: { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    cost_usd: 0,
    latency_ms: 1,
    attempts: 1,
    created_at: '2026-01-01T00:00:00Z',
  }));
  writeFileSync(tiny.workspace.rawOutputsFile('replay'), raw.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const result = await runCli(['dataset', '--workspace', dir, '--from-raw', '--format', 'sharegpt', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assert.equal(summary.counts.written, raw.length - 1);
  assert.equal(summary.counts.empty_text, 1);
  const loaded = loadLikeLlamaFactory('phaser_sft_from_raw', tiny.workspace.distillDir);
  assert.equal(loaded.dropped.length, 0);
  assert.equal(loaded.examples.length, raw.length - 1);
  assert.equal(loaded.examples[0]._prompt[0].content, tiny.requests[0].user);
});
