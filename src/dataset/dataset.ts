// The `dataset` stage: selected answers (+ an official SFT set) → dedup → seed-grouped,
// stratified splits → samples over the student's cutoff_len dropped → LLaMA-Factory files,
// every record checked against its loader's rules → a training config and a dataset card.
import { existsSync } from 'node:fs';
import { Progress, StageTimer, WorkError, logger, tally, writeJsonAtomic, writeJsonlAtomic, writeStageReport, type Config, type Workspace } from '../core/index.js';
import { LLAMA_FACTORY_DEFAULT_CUTOFF, applyCutoff, countLengths, warnCutoff } from './cutoff.js';
import { carriesHeldOutPair, oodMechanicPairs } from '../evaluation/index.js';
import { loadRequests, loadSeeds, loadValidated } from '../select/index.js';
import { dedupSamples, describeDedup } from './dedup.js';
import { writeHandOff } from './handoff.js';
import { studentSystemPrompt, selectedSamples } from './inputs.js';
import { datasetInfo, datasetInfoEntry, llamaFactoryProblem } from './llamaFactory.js';
import { readOfficial } from './official.js';
import { removePreferenceSet, writePreferenceSet, type PreferenceReport } from './preference.js';
import { repairTaskSamples } from './repairTask.js';
import { officialShare, splitComposition, studentTokenStats, tokenStats } from './report.js';
import { SPLITS, encode, type Sample, type SftFormat, type SplitName } from './sample.js';
import { assignSplits, normaliseRatios } from './split.js';
import { loadStudentTokenizer, type StudentTokenizerName } from './tokenizer.js';
import { TRAINING_CONFIG_FILE } from './trainingConfig.js';

export interface DatasetOptions {
  format?: SftFormat;
  split?: number[];
  seed?: number;
  /** An official SFT file to merge; `false` = none; undefined = the workspace's when present. */
  official?: string | false;
  /** The student's tokenizer (default: config dataset.tokenizer). */
  tokenizer?: StudentTokenizerName;
  /** Longest sample kept, student tokens (default: config dataset.cutoff_len). */
  cutoffLen?: number;
  /** Also write the preference (DPO) set (default: config dataset.preference). */
  preference?: boolean;
  quiet?: boolean;
}

export interface DatasetResult {
  files: Record<SplitName, string>;
  datasetInfoFile: string;
  /** The LLaMA-Factory SFT config and the dataset card, beside the data. */
  trainingConfigFile: string;
  cardFile: string;
  reportFile: string;
  counts: Record<string, number>;
  /** With `preference`: what the preference set holds and where. */
  preference?: PreferenceReport;
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
  const cutoffLen = options.cutoffLen ?? config.dataset.cutoff_len;
  const tokenizerName = options.tokenizer ?? config.dataset.tokenizer;
  const dedupSettings = {
    threshold: config.dataset.near_dup_threshold,
    shingleSize: config.dataset.shingle_size,
    permutations: config.dataset.permutations,
    bands: config.dataset.bands,
  };

  const lines = config.dataset.phaser_lines;
  const prompts = new Map((lines ?? [config.phaser.version]).map((line) => [line, studentSystemPrompt(workspace, config, line)]));
  const [seeds, requests] = await Promise.all([loadSeeds(workspace, { required: true }), loadRequests(workspace)]);
  const selected = await selectedSamples(workspace, { configLine: config.phaser.version, lines, systemFor: (line) => prompts.get(line)! }, seeds, requests);
  const oodGenres = new Set(config.dataset.hold_out_ood_genres ? config.eval.ood_genres : []);
  const heldOutPairs = config.dataset.hold_out_ood_genres ? oodMechanicPairs(config) : [];
  const isHeldOut = (sample: Sample): string | null => (oodGenres.has(sample.meta.genre) ? sample.meta.genre : heldOutPairs.length && carriesHeldOutPair(seeds.get(sample.meta.seed_id ?? '')?.mechanics ?? [], heldOutPairs) ? 'mechanic_pair' : null);
  const distilled = selected.filter((sample) => !isHeldOut(sample));
  const heldOut = tally(selected.map(isHeldOut).filter((why): why is string => why !== null));
  const officialFile = options.official === false ? undefined : (options.official ?? (existsSync(workspace.officialFile) ? workspace.officialFile : undefined));
  const official = officialFile ? await readOfficial(officialFile) : [];
  if (officialFile) logger.info(`official: ${official.length} records from ${officialFile}`);

  const pool = [...distilled, ...official];
  const progress = new Progress({ label: 'dedup', total: pool.length, quiet: options.quiet, unit: 'samples' });
  const { kept, counts: removed } = dedupSamples(pool, dedupSettings, () => progress.tick());
  progress.finish();
  if (!kept.length) throw new WorkError('no samples to write: selected.jsonl is empty and no official set was given');
  const assigned = assignSplits(kept, ratios, seed);
  // The one seed → split map: repair samples and preference pairs follow it, so no seed is in two splits.
  const splitOfSeed = new Map<string, SplitName>();
  for (const split of SPLITS) for (const sample of assigned[split]) if (sample.meta.seed_id) splitOfSeed.set(sample.meta.seed_id, split);
  const preference = options.preference ?? config.dataset.preference;
  const validated = preference || (config.dataset.repair_task && existsSync(workspace.repairPairsFile)) ? await loadValidated(workspace) : [];
  const repair = config.dataset.repair_task
    ? await repairTaskSamples({
        workspace,
        validated,
        seeds,
        requests,
        splitOfSeed,
        systemFor: (line) => (lines ? (line && lines.includes(line) ? prompts.get(line) : undefined) : prompts.get(config.phaser.version)),
      })
    : undefined;
  if (repair?.pairs && !SPLITS.some((split) => repair.samples[split].length)) logger.warn(`dataset.repair_task: none of ${repair.pairs} repair pairs made a sample (${JSON.stringify(repair.skipped)})`);
  const withRepairs = Object.fromEntries(SPLITS.map((split) => [split, [...assigned[split], ...(repair?.samples[split] ?? [])]])) as Record<SplitName, Sample[]>;
  const tokenizer = await loadStudentTokenizer(tokenizerName);
  const lengths = countLengths(withRepairs, tokenizer, options.quiet);
  const cutoff = applyCutoff(withRepairs, lengths, cutoffLen);
  const splits = cutoff.kept;
  const droppedTotal = cutoff.dropped.length;
  const keptTotal = SPLITS.reduce((n, split) => n + splits[split].length, 0);
  if (!keptTotal) throw new WorkError(`every sample is longer than cutoff_len ${cutoffLen} (${tokenizer.name} tokens); raise dataset.cutoff_len or --cutoff-len`);
  warnCutoff(cutoff, cutoffLen, tokenizer.name, TRAINING_CONFIG_FILE);
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
    if (!encoded[split].length && normaliseRatios(ratios)[SPLITS.indexOf(split)] > 0) logger.warn(`split ${split} is empty (too few seed groups for its ratio, or all its samples over cutoff_len); left out of dataset_info.json`);
  }
  const preferenceSet = preference ? writePreferenceSet({ workspace, config, format, assigned, sft: splits, validated, seeds, requests, tokenizer, cutoffLen }) : undefined;
  if (!preferenceSet) removePreferenceSet(workspace);
  writeJsonAtomic(workspace.datasetInfoFile, { ...datasetInfo(config.dataset.name, written, format, withHistory), ...preferenceSet?.info });
  const datasetNames = Object.fromEntries(written.map((split) => [split, `${config.dataset.name}_${split}`])) as Partial<Record<SplitName, string>>;

  const counts: Record<string, number> = {
    selected: selected.length,
    held_out_ood: selected.length - distilled.length,
    distilled: distilled.length,
    official: official.length,
    removed_exact: Object.values(removed.exact).reduce((s, n) => s + n, 0),
    removed_near: Object.values(removed.near).reduce((s, n) => s + n, 0),
    dropped_over_cutoff: droppedTotal,
    written: keptTotal,
    ...Object.fromEntries(SPLITS.map((split) => [split, splits[split].length])),
    ...(repair ? { repair_samples: SPLITS.reduce((n, split) => n + splits[split].filter((s) => s.meta.source === 'repair').length, 0) } : {}),
    ...(preferenceSet ? { preference_pairs: preferenceSet.report.pairs.total } : {}),
  };
  const studentTokens = studentTokenStats(splits, lengths, tokenizer);
  const o200kTokens = tokenStats(splits, options.quiet);
  const composition = splitComposition(splits);
  const dedupReport = describeDedup(dedupSettings);
  const { trainingConfigFile, cardFile } = writeHandOff({
    workspace,
    config,
    format,
    written,
    counts,
    tokenizer,
    studentTokens,
    o200kTokens,
    cutoffLen,
    longestKept: cutoff.longestKept,
    droppedBySplit: cutoff.droppedBySplit,
    overDefault: cutoff.overDefault,
    datasetNames,
    dedup: dedupReport,
    splitComposition: composition,
    trainSamples: splits.train.length,
    preference: preferenceSet?.report,
  });
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
      tokenizer: tokenizer.name,
      template: tokenizer.spec.template.name,
      cutoff_len: cutoffLen,
      dedup: dedupReport,
      grouping: 'by seed id (official: by normalised first prompt); stratified by genre|lang',
      held_out_ood_genres: [...oodGenres],
      held_out_mechanic_pairs: heldOutPairs,
      preference,
      repair_task: config.dataset.repair_task,
    },
    held_out_ood: heldOut,
    removed_duplicates: removed,
    splits: composition,
    tokens: { [tokenizer.name]: studentTokens, o200k_base: o200kTokens },
    cutoff: {
      cutoff_len: cutoffLen,
      tokenizer: tokenizer.source,
      tokenizer_load_ms: tokenizer.loadMs,
      longest_kept: cutoff.longestKept,
      dropped: cutoff.droppedBySplit,
      // Every dropped sample up to 1,000 (the counts above are complete).
      dropped_samples: cutoff.dropped.slice(0, 1000),
      llamafactory_default_cutoff_len: LLAMA_FACTORY_DEFAULT_CUTOFF,
      over_llamafactory_default: cutoff.overDefault,
    },
    training_config: datasetNames.train ? { file: TRAINING_CONFIG_FILE, template: tokenizer.spec.template.name, dataset: datasetNames.train, eval_dataset: datasetNames.val ?? null, cutoff_len: cutoffLen } : null,
    official_share: officialShare(splits),
    // Repair pairs read, samples made by split (before cutoff), pairs left out and why.
    ...(repair ? { repair_task: { pairs: repair.pairs, samples: Object.fromEntries(SPLITS.map((split) => [split, repair.samples[split].length])), skipped: repair.skipped } } : {}),
    ...(preferenceSet ? { preference: preferenceSet.report } : {}),
  });
  return { files, datasetInfoFile: workspace.datasetInfoFile, trainingConfigFile, cardFile, reportFile, counts, ...(preferenceSet ? { preference: preferenceSet.report } : {}) };
}
