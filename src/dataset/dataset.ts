// The `dataset` stage: selected answers (+ an official SFT set) → dedup → seed-grouped,
// stratified splits → LLaMA-Factory files, every record checked against its loader's rules.
import { existsSync } from 'node:fs';
import { Progress, StageTimer, WorkError, logger, tally, writeJsonAtomic, writeJsonlAtomic, writeStageReport, type Config, type Workspace } from '../core/index.js';
import { loadRequests, loadSeeds } from '../select/index.js';
import { dedupSamples, lshThreshold } from './dedup.js';
import { studentSystemPrompt, selectedSamples } from './inputs.js';
import { datasetInfo, datasetInfoEntry, llamaFactoryProblem } from './llamaFactory.js';
import { readOfficial } from './official.js';
import { officialShare, splitComposition, tokenStats } from './report.js';
import { SPLITS, encode, type Sample, type SftFormat, type SplitName } from './sample.js';
import { assignSplits, normaliseRatios } from './split.js';

export interface DatasetOptions {
  format?: SftFormat;
  split?: number[];
  seed?: number;
  /** An official SFT file to merge; `false` = none; undefined = the workspace's when present. */
  official?: string | false;
  quiet?: boolean;
}

export interface DatasetResult {
  files: Record<SplitName, string>;
  datasetInfoFile: string;
  reportFile: string;
  counts: Record<string, number>;
}

/** Encode samples and refuse any that LLaMA-Factory would drop (a bug upstream if it happens). */
export function encodeChecked(samples: Sample[], format: SftFormat, withHistory: boolean): Record<string, unknown>[] {
  const entry = datasetInfoEntry('check', format, withHistory);
  return samples.map((sample) => {
    const record = encode(sample.conversation, format, withHistory) as unknown as Record<string, unknown>;
    const problem = llamaFactoryProblem(record, entry);
    if (problem) {
      const origin = sample.meta.candidate_id ? `candidate ${sample.meta.candidate_id}` : `${sample.meta.source} sample ${sample.meta.id}`;
      throw new WorkError(`${origin} would be dropped by LLaMA-Factory: ${problem}`);
    }
    return record;
  });
}

export async function runDataset(workspace: Workspace, config: Config, options: DatasetOptions = {}): Promise<DatasetResult> {
  const timer = new StageTimer('dataset');
  const format = options.format ?? config.dataset.format;
  const ratios = options.split ?? config.dataset.split;
  const seed = options.seed ?? config.dataset.seed;
  const dedupSettings = {
    threshold: config.dataset.near_dup_threshold,
    shingleSize: config.dataset.shingle_size,
    permutations: config.dataset.permutations,
    bands: config.dataset.bands,
  };

  const system = studentSystemPrompt(workspace, config);
  const [seeds, requests] = await Promise.all([loadSeeds(workspace, { required: true }), loadRequests(workspace)]);
  const selected = await selectedSamples(workspace, system, seeds, requests);
  const oodGenres = new Set(config.dataset.hold_out_ood_genres ? config.eval.ood_genres : []);
  const distilled = selected.filter((sample) => !oodGenres.has(sample.meta.genre));
  const heldOut = tally(selected.filter((sample) => oodGenres.has(sample.meta.genre)).map((sample) => sample.meta.genre));
  const officialFile = options.official === false ? undefined : (options.official ?? (existsSync(workspace.officialFile) ? workspace.officialFile : undefined));
  const official = officialFile ? await readOfficial(officialFile) : [];
  if (officialFile) logger.info(`official: ${official.length} records from ${officialFile}`);

  const pool = [...distilled, ...official];
  const progress = new Progress({ label: 'dedup', total: pool.length, quiet: options.quiet, unit: 'samples' });
  const { kept, counts: removed } = dedupSamples(pool, dedupSettings, () => progress.tick());
  progress.finish();
  if (!kept.length) throw new WorkError('no samples to write: selected.jsonl is empty and no official set was given');
  const splits = assignSplits(kept, ratios, seed);
  const withHistory = format === 'alpaca' && kept.some((sample) => sample.conversation.turns.length > 1);
  const encoded = Object.fromEntries(SPLITS.map((split) => [split, encodeChecked(splits[split], format, withHistory)])) as Record<SplitName, Record<string, unknown>[]>;

  const files = Object.fromEntries(SPLITS.map((split) => [split, workspace.splitFile(split)])) as Record<SplitName, string>;
  for (const split of SPLITS) writeJsonlAtomic(files[split], encoded[split]);
  writeJsonlAtomic(
    workspace.datasetManifestFile,
    SPLITS.flatMap((split) => splits[split].map((sample, index) => ({ split, index, ...sample.meta }))),
  );
  // Only non-empty splits get an entry: LLaMA-Factory cannot load an empty file.
  const written = SPLITS.filter((split) => encoded[split].length);
  for (const split of SPLITS) {
    if (!encoded[split].length && normaliseRatios(ratios)[SPLITS.indexOf(split)] > 0) logger.warn(`split ${split} is empty (too few seed groups for its ratio); left out of dataset_info.json`);
  }
  writeJsonAtomic(workspace.datasetInfoFile, datasetInfo(config.dataset.name, written, format, withHistory));

  const counts: Record<string, number> = {
    selected: selected.length,
    held_out_ood: selected.length - distilled.length,
    distilled: distilled.length,
    official: official.length,
    removed_exact: Object.values(removed.exact).reduce((s, n) => s + n, 0),
    removed_near: Object.values(removed.near).reduce((s, n) => s + n, 0),
    written: kept.length,
    ...Object.fromEntries(SPLITS.map((split) => [split, splits[split].length])),
  };
  const reportFile = writeStageReport(workspace, 'sft_dataset', {
    stage: 'dataset',
    duration_ms: timer.elapsedMs(),
    counts,
    settings: {
      format,
      split: normaliseRatios(ratios),
      seed,
      official_file: officialFile ?? null,
      dataset_names: written.map((split) => `${config.dataset.name}_${split}`),
      dedup: {
        compared: 'assistant answers ([PLAN] + code)',
        exact: 'normalised answer text (NFKC, lower case, whitespace collapsed)',
        shingles: `code-token ${dedupSettings.shingleSize}-grams`,
        permutations: dedupSettings.permutations,
        bands: dedupSettings.bands,
        rows: Math.floor(dedupSettings.permutations / dedupSettings.bands),
        threshold: dedupSettings.threshold,
        lsh_s_curve_midpoint: lshThreshold(dedupSettings.permutations, dedupSettings.bands),
        confirmed_by: 'MinHash estimate of Jaccard >= threshold',
      },
      grouping: 'by seed id (official: by normalised first prompt); stratified by genre|lang',
      held_out_ood_genres: [...oodGenres],
    },
    held_out_ood: heldOut,
    removed_duplicates: removed,
    splits: splitComposition(splits),
    tokens: tokenStats(splits, options.quiet),
    official_share: officialShare(splits),
  });
  return { files, datasetInfoFile: workspace.datasetInfoFile, reportFile, counts };
}
