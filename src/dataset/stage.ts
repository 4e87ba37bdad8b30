// `dataset`: the LLaMA-Factory train/val/test set (deduplicated, split by seed, none longer than
// the student's cutoff_len) with its training config and dataset card; with
// `fromRaw`, the unfiltered baseline from raw teacher outputs instead.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SPLITS, writeTogether } from '../core/index.js';
import { defineStage, type StageContext } from '../core/stage.js';
import type { DatasetOptions, DatasetResult } from './dataset.js';
import type { FromRawResult } from './fromRaw.js';
import type { PreferenceReport } from './preference.js';
import type { SftFormat } from './sample.js';
import type { StudentTokenizerName } from './tokenizer.js';
import { DPO_CONFIG_FILE, TRAINING_CONFIG_FILE } from './trainingConfig.js';

export type { SftFormat, StudentTokenizerName };

/** The dataset run's options (what the context gives aside), plus the raw-baseline switch. */
export interface DatasetStageOptions extends Omit<DatasetOptions, 'quiet'> {
  /** Write data/sft_distill/sft_from_raw.jsonl from raw outputs instead (a partial run). */
  fromRaw?: boolean;
}

const splits = (ctx: StageContext) => SPLITS.map((s) => ctx.workspace.splitFile(s));
/** The preference files when the config asks for them or a `--preference` run left them (a run without it removes them). */
const preferenceOutputs = (ctx: StageContext) => {
  const files = [...SPLITS.map((s) => ctx.workspace.preferenceSplitFile(s)), ctx.workspace.preferenceManifestFile, join(ctx.workspace.datasetDir, DPO_CONFIG_FILE)];
  return ctx.config.dataset.preference || existsSync(ctx.workspace.preferenceManifestFile) ? files : [];
};

function preferenceSummary(p: PreferenceReport, datasetDir: string): string[] {
  const over = SPLITS.reduce((n, split) => n + Object.values(p.dropped.over_cutoff[split]).reduce((a, b) => a + (b ?? 0), 0), 0);
  const reasons = Object.entries(p.by_reason).map(([reason, n]) => `${n} ${reason}`).join(', ') || 'none';
  return [
    `preference pairs ${p.pairs.total}: train ${p.pairs.train}, val ${p.pairs.val}, test ${p.pairs.test} (rejected: ${reasons}; dropped ${over} over cutoff_len)`,
    ...Object.values(p.files).map((file) => `  ${join(datasetDir, file)}`),
    `  ${join(datasetDir, p.manifest_file)}`,
    ...(p.dpo_config_file ? [`  ${join(datasetDir, p.dpo_config_file)}   # llamafactory-cli train <this file>, after SFT and merging (docs/training.md)`] : []),
  ];
}

export const datasetStage = defineStage<DatasetStageOptions, DatasetResult | FromRawResult>({
  name: 'dataset',
  command: 'dataset',
  inputs: (ctx) => [
    ctx.workspace.selectedFile(),
    ctx.workspace.seedsFile,
    ctx.workspace.requestsFile,
    ...(existsSync(ctx.workspace.officialFile) ? [ctx.workspace.officialFile] : []),
    // The rejected answers of the preference set and the repair task's fixed ones.
    ...(ctx.config.dataset.preference || ctx.config.dataset.repair_task || existsSync(ctx.workspace.preferenceManifestFile) ? [ctx.workspace.validatedFile()] : []),
    ...(ctx.config.dataset.repair_task && existsSync(ctx.workspace.repairPairsFile) ? [ctx.workspace.repairPairsFile] : []),
  ],
  outputs: (ctx) => [...splits(ctx), ctx.workspace.datasetInfoFile, ctx.workspace.datasetManifestFile, join(ctx.workspace.datasetDir, TRAINING_CONFIG_FILE), join(ctx.workspace.datasetDir, 'README.md'), ...preferenceOutputs(ctx)],
  settings: (ctx) => ({ dataset: ctx.config.dataset, ood_genres: ctx.config.eval.ood_genres }),
  flags: ['format', 'split', 'official', 'seed', 'tokenizer', 'cutoffLen', 'preference'],
  partialFlags: ['fromRaw'],
  reportFile: (ctx) => ctx.workspace.stageReportFile('sft_dataset'),
  async run(context, options) {
    const { runDataset, runFromRaw } = await import('./index.js');
    // All files of a run (splits, manifest.jsonl, dataset_info.json, config, card, report) switch in as one commit.
    if (options.fromRaw) return writeTogether(context.workspace.commitJournalFile('dataset-from-raw'), () => runFromRaw(context.workspace, context.config, { format: options.format }));
    return writeTogether(context.workspace.commitJournalFile('dataset'), () =>
      runDataset(context.workspace, context.config, {
        format: options.format,
        split: options.split,
        seed: options.seed,
        official: options.official,
        tokenizer: options.tokenizer,
        cutoffLen: options.cutoffLen,
        preference: options.preference,
        quiet: context.quiet,
      }),
    );
  },
  summary: (result, context) => {
    if (!('files' in result)) return `wrote ${result.counts.written} unfiltered samples\n  ${result.file}\n  ${result.datasetInfoFile}\n  ${result.reportFile}`;
    const c = result.counts;
    return [
      `wrote ${c.written} samples: train ${c.train}, val ${c.val}, test ${c.test} (${c.distilled} distilled, ${c.official} official in; removed ${c.removed_exact} exact + ${c.removed_near} near duplicates; dropped ${c.dropped_over_cutoff} over cutoff_len)`,
      ...Object.values(result.files).map((file) => `  ${file}`),
      `  ${result.datasetInfoFile}`,
      ...(c.train ? [`  ${result.trainingConfigFile}   # llamafactory-cli train <this file>, after setting model_name_or_path`] : []),
      `  ${result.cardFile}`,
      `  ${result.reportFile}`,
      ...(c.repair_samples !== undefined ? [`repair task: ${c.repair_samples} samples (in the splits above)`] : []),
      ...(result.preference ? preferenceSummary(result.preference, context.workspace.datasetDir) : []),
    ].join('\n');
  },
});
