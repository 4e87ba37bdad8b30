// The `select` stage: validated answers → quality score → diversity → selected.jsonl + report.
import {
  Progress,
  StageTimer,
  inShard,
  logger,
  tally,
  writeJsonlAtomic,
  writeStageReport,
  type Config,
  type Distribution,
  type Shard,
  type StageReportBase,
  type Workspace,
} from '../core/index.js';
import type { Seed, Selected, TeacherRequest, Validated } from '../schemas/index.js';
import { blendedFidelity, judgeKey, judgeReport, judgeScreenshots, runJudges, type FidelityParts, type JudgeItem, type JudgeReport, type TextItem } from '../judge/index.js';
import type { Fidelity } from '../validate/index.js';
import { defaultSelectWeights } from '../core/config/select.js';
import { loadRequests, loadSeeds, loadValidated } from './inputs.js';
import { combineScore, effectiveWeights, failureKey, fidelityOf, ineligibleReason, scoreParts } from './score.js';
import { selectDiverse, type Scored } from './diversity.js';
import { buildSelectionReport, type EmptyPrompt, type PromptCounts } from './report.js';

/** `data/reports/selection_report.json` (one per shard with `--shard`), written by `select`. */
export interface SelectionReport extends StageReportBase {
  stage: 'select';
  counts: {
    /** Validated records read. */
    validated: number;
    /** Of those, passed every level. */
    passed: number;
    /** Passed and eligible for selection (see `ineligible`). */
    eligible: number;
    /** Written to `selected.jsonl`. */
    selected: number;
    /** Prompts (seeds) of the run. */
    prompts: number;
    prompts_with_selection: number;
    prompts_left_empty: number;
  };
  settings: {
    per_prompt: number;
    max_similarity: number;
    max_cluster: number;
    cluster_similarity: number;
    on_l4_skipped: 'reject' | 'allow';
    require_plan: boolean;
    require_responsive_controls: boolean;
    min_fidelity: number;
    min_score: number;
    size_band_lines: [number, number];
    fps_target: number;
    api_target: number;
    /** The score weights in effect (defaults merged with the config's). */
    weights: Record<string, number>;
    /** Whether the vision judge's scores were used. */
    judge: boolean;
    /** `i/n`, or null for a whole run. */
    shard: string | null;
    /** How similarity is measured, in words. */
    similarity: { shingles: string; per_prompt: string; cluster: string };
  };
  /** Eligible answers dropped by the diversity pass, by reason. */
  removed: Record<string, number>;
  /** Answers not eligible, by reason. */
  ineligible: Record<string, number>;
  /** Failed answers by first failing level and code (`L2:TS2339`). */
  failures: Record<string, number>;
  /** Scores of the selected and of the eligible answers. */
  score_distribution: { selected: Distribution; eligible: Distribution };
  /** Mean of each score part over the selected answers. */
  score_parts_mean: Record<string, number>;
  /** Prompts left with no selected answer, and why. */
  prompts_left_empty: EmptyPrompt[];
  /** Candidates, passed, eligible and selected answers per prompt. */
  per_prompt: Record<string, PromptCounts>;
  /** `--judge`: what each judge kind did, what it cost, and how many gate outcomes it changed. */
  judge?: JudgeReport;
}

/**
 * What the judges are asked about one validated answer: its seed's prompt (a repair round's
 * request also carries the failed code and its issues: not what was asked), else its request's
 * user turn; its plan, code and screenshot.
 */
function judgeItem(workspace: Workspace, record: Validated, seed: Seed | undefined, request: TeacherRequest | undefined): JudgeItem {
  return { code_hash: record.code_hash, request: { prompt: seed?.prompt ?? request?.user ?? '', genre: seed?.genre, mechanics: seed?.mechanics }, plan: record.plan, code: record.code, ...judgeScreenshots(workspace, record.runtime) };
}

export interface SelectOptions {
  perPrompt?: number;
  maxSimilarity?: number;
  shard?: Shard;
  quiet?: boolean;
  /** Run the judges of `select.judge.kind` (src/judge/): their score is a score part and, by `fidelity_weight`, part of `fidelity`. */
  judge?: boolean;
}

export interface SelectResult {
  selectedFile: string;
  reportFile: string;
  counts: Record<string, number>;
  /** With `--judge`: the report's judge block. */
  judge?: JudgeReport;
}

/** One candidate with its score, before diversity. */
export interface ScoredRecord {
  record: Validated;
  score: number;
  parts: Record<string, number>;
  /** The fidelity the gates used (blended with the judges' score when they gave one). */
  fidelity?: Fidelity;
  fidelityParts?: FidelityParts;
  judgeChecks?: TextItem[];
}

const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10_000) / 10_000;

/** Run L5 selection over the workspace's validated answers (one shard of seeds with `shard`). */
export async function runSelect(workspace: Workspace, config: Config, options: SelectOptions = {}): Promise<SelectResult> {
  const timer = new StageTimer('select');
  const settings = {
    ...config.select,
    per_prompt: options.perPrompt ?? config.select.per_prompt,
    max_similarity: options.maxSimilarity ?? config.select.max_similarity,
  };
  const weights = effectiveWeights(settings);
  const unknownWeights = Object.keys(settings.weights).filter((name) => !(name in defaultSelectWeights));
  if (unknownWeights.length) logger.warn(`select.weights: no score part named ${unknownWeights.join(', ')} (ignored)`);

  const [validated, seeds, requests] = await Promise.all([loadValidated(workspace), loadSeeds(workspace), loadRequests(workspace)]);
  const records = validated.filter((r) => inShard(r.seed_id, options.shard));
  const shardSeeds = [...seeds.keys()].filter((id) => inShard(id, options.shard));
  const judgeSettings = settings.judge;
  const items = new Map(records.map((r) => [r.candidate_id, judgeItem(workspace, r, seeds.get(r.seed_id), requests.get(r.request_id))]));
  const keys = new Map([...items].map(([id, item]) => [id, judgeKey(item)]));
  // The judges look only at answers that can be selected — those that pass every gate, and
  // (when the judge weighs in fidelity) those turned away for fidelity alone: no money on the rest.
  const judgeable = (r: Validated) => {
    const reason = ineligibleReason(r, settings, fidelityOf(r, seeds.get(r.seed_id)));
    return !reason || (reason === 'below_min_fidelity' && judgeSettings.fidelity_weight > 0);
  };
  const judged = options.judge
    ? await runJudges(records.filter(judgeable).map((r) => items.get(r.candidate_id)!), judgeSettings, config, { cacheFile: workspace.judgeCacheFile, quiet: options.quiet })
    : undefined;

  /** The gate verdict and score of `record` with the given fidelity and judge part. */
  const gateAndScore = (record: Validated, seed: Seed | undefined, fidelity: Fidelity | undefined, judge: number | undefined) => {
    const reason = ineligibleReason(record, settings, fidelity);
    if (reason) return { reason, parts: {}, score: 0 };
    const parts = scoreParts(record, { seed, request: requests.get(record.request_id), judge, fidelity }, settings);
    const score = combineScore(parts, weights);
    return { reason: score < settings.min_score ? 'below_min_score' : undefined, parts, score };
  };

  const ineligible = new Map<string, string>();
  const scored: Scored<ScoredRecord>[] = [];
  const gateChanges = { admitted: 0, rejected: 0 };
  for (const record of records) {
    const seed = seeds.get(record.seed_id);
    const heuristic = fidelityOf(record, seed);
    const key = keys.get(record.candidate_id)!;
    const judgeScores = judged?.scores.get(key);
    const judgePart = judgeScores ? mean(Object.values(judgeScores)) : undefined;
    const blended = blendedFidelity(heuristic, judgeScores, judgeSettings.fidelity_weight);
    const fidelity = blended.fidelity;
    const outcome = gateAndScore(record, seed, fidelity, judgePart);
    if (judgeScores) {
      const without = gateAndScore(record, seed, heuristic, undefined);
      if (without.reason && !outcome.reason) gateChanges.admitted++;
      else if (!without.reason && outcome.reason) gateChanges.rejected++;
    }
    if (outcome.reason) {
      ineligible.set(record.candidate_id, outcome.reason);
      continue;
    }
    const judgeChecks = judged?.textItems.get(key);
    scored.push({
      item: { record, score: outcome.score, parts: outcome.parts, fidelity, fidelityParts: blended.parts, judgeChecks },
      group: record.seed_id,
      id: record.candidate_id,
      codeHash: record.code_hash,
      code: record.code,
      score: outcome.score,
    });
  }

  const progress = new Progress({ label: 'select', total: scored.length, quiet: options.quiet, unit: 'ans' });
  const { kept, dropped } = selectDiverse(
    scored,
    {
      perPrompt: settings.per_prompt,
      maxSimilarity: settings.max_similarity,
      maxCluster: settings.max_cluster,
      clusterSimilarity: settings.cluster_similarity,
      shingleSize: settings.shingle_size,
    },
    () => progress.tick(),
  );
  progress.finish();

  const selected: Selected[] = kept.map((entry, index) => ({
    ...entry.item.record,
    ...(entry.item.fidelity ? { fidelity: entry.item.fidelity.fidelity, fidelity_checks: entry.item.fidelity.fidelity_checks } : {}),
    ...(entry.item.fidelityParts ? { fidelity_parts: entry.item.fidelityParts } : {}),
    ...(entry.item.judgeChecks ? { judge_checks: entry.item.judgeChecks } : {}),
    score: entry.item.score,
    score_parts: entry.item.parts,
    rank: index + 1,
  }));
  if (records.length && !selected.length) logger.warn('no answer was selected; see the selection report for why');

  const selectedFile = workspace.selectedFile(options.shard);
  writeJsonlAtomic(selectedFile, selected);

  const report = buildSelectionReport({
    records,
    seedIds: shardSeeds,
    ineligible,
    failureKeys: new Map(records.filter((r) => !r.passed).map((r) => [r.candidate_id, failureKey(r)])),
    scored: scored.map((entry) => entry.item),
    selected,
    dropped: dropped.map(({ entry, reason }) => ({ record: entry.item.record, reason })),
  });
  const counts = {
    validated: records.length,
    passed: records.filter((r) => r.passed).length,
    eligible: scored.length,
    selected: selected.length,
    prompts: report.promptCount,
    prompts_with_selection: report.promptCount - report.promptsLeftEmpty.length,
    prompts_left_empty: report.promptsLeftEmpty.length,
  };
  const judgeBlock = judged ? judgeReport(judgeSettings, judged, gateChanges) : undefined;
  const reportFile = writeStageReport<SelectionReport>(
    workspace,
    'selection',
    {
      stage: 'select',
      duration_ms: timer.elapsedMs(),
      counts,
      settings: {
        per_prompt: settings.per_prompt,
        max_similarity: settings.max_similarity,
        max_cluster: settings.max_cluster,
        cluster_similarity: settings.cluster_similarity,
        on_l4_skipped: settings.on_l4_skipped,
        require_plan: settings.require_plan,
        require_responsive_controls: settings.require_responsive_controls,
        min_fidelity: settings.min_fidelity,
        min_score: settings.min_score,
        size_band_lines: settings.size_band_lines,
        fps_target: settings.fps_target,
        api_target: settings.api_target,
        weights,
        judge: Boolean(judged),
        shard: options.shard ? `${options.shard.index}/${options.shard.count}` : null,
        similarity: {
          shingles: `code tokens (identifiers, numbers, operators), ${settings.shingle_size}-grams`,
          per_prompt: 'exact Jaccard between the shingle sets of two answers to one prompt',
          cluster: 'MinHash (112 permutations) estimate, candidates from LSH 14 bands × 8 rows',
        },
      },
      removed: tally(dropped.map((d) => d.reason)),
      ineligible: tally(ineligible.values()),
      failures: tally(report.failureKeys),
      score_distribution: report.scoreDistribution,
      score_parts_mean: report.partsMean,
      prompts_left_empty: report.promptsLeftEmpty,
      per_prompt: report.perPrompt,
      ...(judgeBlock ? { judge: judgeBlock } : {}),
    },
    { shard: options.shard },
  );
  return { selectedFile, reportFile, counts, ...(judgeBlock ? { judge: judgeBlock } : {}) };
}
