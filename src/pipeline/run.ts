// `run`: every stage in order, each skipped when its inputs and settings are unchanged since
// its outputs were written (the manifests say), shard outputs merged first, then the report.
// Stages are called directly (`runStage`, the same call their own commands make), so `run`
// does exactly what typing the commands one by one does.
import { UsageError, WorkError, logger, type Config, type Workspace } from '../core/index.js';
import type { StageRunContext } from '../core/stage.js';
import { beginStage, finishStage, givenFlags, runStage, type StageFlags } from './record.js';
import { fingerprint, presentTeacher, readManifest, sameFile, type FileFingerprint } from './manifest.js';
import { findShardSet, mergeShards } from './mergeShards.js';
import { reportStage } from '../report/stage.js';
import { STAGES, STAGE_NAMES, type AnyStage, type StageContext, type StageName } from './stages.js';
import { stageStatus } from './status.js';
import { closeRound, formatRounds, readRoundsPlanRound, type RoundsReport } from './rounds.js';


export interface RunOptions {
  workspace: Workspace;
  config: Config;
  /** The stages' own progress and info lines off. */
  quiet?: boolean;
  teacher?: string;
  from?: string;
  to?: string;
  /** Run the stages in range even when up to date. */
  force?: boolean;
  /** Write the HTML report at the end (default true). */
  report?: boolean;
  /** Options that replace a stage's own (demo: seeds from the bundled demo file). */
  optionsOverride?: Partial<Record<StageName, object>>;
  /**
   * `--rounds N`: after validate, seeds without a passing answer get another request and the
   * stages from requests to validate run again, up to N rounds in all (counted over every run).
   */
  rounds?: number;
  /** Each stage's summary, for a human, as it finishes. */
  onStageSummary?: (text: string) => void;
}

export interface StageOutcome {
  stage: StageName;
  /** `--rounds`: the round it ran in. */
  round?: number;
  action: 'skipped' | 'ran' | 'merged' | 'failed' | 'not reached';
  reason?: string;
  duration_ms?: number;
  counts?: Record<string, number>;
}

export interface RunResult {
  stages: StageOutcome[];
  report?: string;
  /** `--rounds`: data/reports/rounds_report.json as written after the last round. */
  rounds?: RoundsReport;
  ok: boolean;
}

function stageIndex(name: string | undefined, flag: string, fallback: number): number {
  if (name === undefined) return fallback;
  const index = STAGE_NAMES.indexOf(name.replace(/^eval[ -]?build$/, 'eval-build'));
  if (index === -1) throw new UsageError(`--${flag}: unknown stage "${name}"; stages: ${STAGE_NAMES.join(', ')}`);
  return index;
}

/** The options `run` gives a stage: the override, else the stage's own (its config decides the rest). */
function stageOptions(stage: AnyStage, ctx: StageContext, options: RunOptions): object {
  return options.optionsOverride?.[stage.name] ?? stage.pipelineOptions?.(ctx) ?? {};
}

/**
 * The flags `run` gives a stage (what its manifest must match to be up to date). A stage run
 * with replaced options (demo) is compared with the flags it recorded last time.
 */
function runFlags(stage: AnyStage, ctx: StageContext, options: RunOptions): StageFlags | undefined {
  if (options.optionsOverride?.[stage.name]) return undefined;
  return givenFlags(stage, stageOptions(stage, ctx, options));
}

/** Pick the teacher: the flag, else the one whose raw outputs are already here; never a paid one by default. */
export function resolveRunTeacher(workspace: Workspace, flag: string | undefined, needed: boolean): string | undefined {
  if (flag) return flag;
  const present = presentTeacher(workspace);
  if (present || !needed) return present;
  throw new UsageError('run: choose the teacher with --teacher claude|openai|replay (a paid teacher is never picked for you; `replay` is offline)');
}

/** Run the pipeline between `from` and `to`; returns what happened to each stage. */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const first = stageIndex(options.from, 'from', 0);
  const last = stageIndex(options.to, 'to', STAGES.length - 1);
  if (first > last) throw new UsageError(`--from ${options.from} comes after --to ${options.to}`);
  const distillIndex = STAGE_NAMES.indexOf('distill');
  const teacher = resolveRunTeacher(options.workspace, options.teacher, first <= distillIndex && distillIndex <= last);
  const ctx: StageContext = { workspace: options.workspace, config: options.config, teacher };
  const runContext: StageRunContext = { workspace: options.workspace, config: options.config, quiet: Boolean(options.quiet) };
  const outcomes: StageOutcome[] = [];
  const rounds = options.rounds === undefined ? undefined : await runRounds(ctx, runContext, options, { first, last }, outcomes);
  await runStages(STAGES.slice(rounds ? STAGE_NAMES.indexOf('validate') + 1 : first, last + 1), ctx, runContext, options, outcomes);
  const report = options.report === false ? undefined : await writeReport(runContext, options);
  return { stages: outcomes, report, ...(rounds ? { rounds } : {}), ok: !outcomes.some((o) => o.action === 'failed') };
}

/** Run `stages` in order after `outcomes` (none once one failed); `round` tags the outcomes. */
async function runStages(stages: readonly AnyStage[], ctx: StageContext, runContext: StageRunContext, options: RunOptions, outcomes: StageOutcome[], round?: number): Promise<void> {
  for (const stage of stages) {
    const failedBefore = outcomes.some((o) => o.action === 'failed');
    const outcome = failedBefore ? { stage: stage.name, action: 'not reached' as const } : await runInPipeline(stage, ctx, runContext, options);
    outcomes.push(round ? { ...outcome, round } : outcome);
  }
}

/**
 * `--rounds N`: the stages up to validate, then, while rounds remain and some seed can get
 * another request, the stages from requests to validate again (only new requests are sent,
 * validated code is not validated again: the stages' own resume and caches). The round count
 * lives in the files (rounds_plan.jsonl), so a rerun after kill -9 continues the round it was in.
 */
async function runRounds(ctx: StageContext, runContext: StageRunContext, options: RunOptions, range: { first: number; last: number }, outcomes: StageOutcome[]): Promise<RoundsReport | undefined> {
  const validate = STAGE_NAMES.indexOf('validate');
  const requests = STAGE_NAMES.indexOf('requests');
  if (!Number.isInteger(options.rounds) || options.rounds! < 1) throw new UsageError(`--rounds: a whole number ≥ 1, not "${options.rounds}"`);
  if (range.first > validate || range.last < validate) throw new UsageError('--rounds needs validate in the stage range (each round ends with validate)');
  const started = performance.now();
  let stages = STAGES.slice(range.first, validate + 1);
  for (;;) {
    const round = readRoundsPlanRound(ctx.workspace);
    await runStages(stages, ctx, runContext, options, outcomes, round);
    if (outcomes.some((o) => o.action === 'failed')) return undefined;
    const step = closeRound(ctx.workspace, ctx.config, ctx.teacher ?? 'replay', options.rounds!, started);
    options.onStageSummary?.(formatRounds(step.report));
    if (!step.planned) return step.report;
    // Later rounds: from requests (it turns the plan into requests), with the same skip rules; --force only once.
    stages = STAGES.slice(Math.min(range.first, requests), validate + 1);
    options = { ...options, force: false };
  }
}

/** One stage's turn: merge its shards, or skip it when up to date, or run it; never throws. */
async function runInPipeline(stage: AnyStage, ctx: StageContext, runContext: StageRunContext, options: RunOptions): Promise<StageOutcome> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const merged = await mergeIfSharded(ctx, stage);
    if (merged) return { stage: stage.name, action: 'merged', reason: merged, duration_ms: took() };
    const status = await stageStatus(ctx, stage, { flags: runFlags(stage, ctx, options) });
    if (!options.force && status.state === 'done') return { stage: stage.name, action: 'skipped', reason: 'up to date', counts: status.counts };
    logger.info(`\n▶ ${stage.name}${status.reason ? ` (${status.reason})` : status.state === 'not run' ? '' : ` (${status.state})`}`);
    const { result, failure } = await runStage(stage, runContext, stageOptions(stage, ctx, options));
    options.onStageSummary?.(stage.summary(result, runContext));
    if (failure) throw new WorkError(failure);
    const after = await stageStatus(ctx, stage, { flags: runFlags(stage, ctx, options) });
    if (after.state === 'incomplete') throw new WorkError(`${stage.name}: ${after.reason}`);
    return { stage: stage.name, action: 'ran', reason: status.reason ?? status.state, duration_ms: took(), counts: after.counts };
  } catch (error) {
    return { stage: stage.name, action: 'failed', reason: error instanceof Error ? error.message : String(error), duration_ms: took() };
  }
}

/** The HTML report at the end of a run; a failure to write it is a warning, not a failed run. */
async function writeReport(runContext: StageRunContext, options: RunOptions): Promise<string | undefined> {
  try {
    const { result: written } = await runStage(reportStage, runContext, {}); // under report's lock
    options.onStageSummary?.(reportStage.summary(written, runContext));
    return written.report;
  } catch (error) {
    logger.warn(`report: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Merge the stage's shard outputs when there are shards not merged yet (recorded like a run);
 * returns what was merged, or undefined when there is nothing to merge.
 */
async function mergeIfSharded(ctx: StageContext, stage: AnyStage): Promise<string | undefined> {
  const shards = stage.sharded ? findShardSet(ctx.workspace, stage.sharded) : undefined;
  if (!shards) return undefined;
  const manifest = readManifest(ctx.workspace, stage.name);
  if (manifest?.status === 'done' && manifest.merged_from && (await sameFiles(ctx.workspace, shards.files, manifest.merged_from))) return undefined;
  logger.info(`${stage.name}: merging ${shards.count} shards`);
  const record = await beginStage(ctx, stage, {});
  try {
    const merged = await mergeShards(ctx, stage, shards);
    await finishStage(ctx, record, stage, undefined, merged.mergedFrom);
    return `${merged.shards} shards, ${merged.records} records`;
  } catch (error) {
    await finishStage(ctx, record, stage, error);
    throw error;
  }
}

/** The shard files are the ones merged last time, unchanged. */
async function sameFiles(workspace: Workspace, files: string[], recorded: FileFingerprint[]): Promise<boolean> {
  const now = await fingerprint(workspace, files, recorded);
  return now.length === recorded.length && now.every((f) => sameFile(f, recorded.find((r) => r.path === f.path)));
}

/** The end-of-run summary table. */
export function formatRunSummary(result: RunResult): string {
  const width = Math.max(...result.stages.map((s) => s.stage.length));
  const lines = ['', 'summary:'];
  for (const s of result.stages) {
    if (s.round && s.stage === 'requests') lines.push(`  round ${s.round}`);
    const time = s.duration_ms !== undefined ? `${(s.duration_ms / 1000).toFixed(1)}s` : '';
    const counts = s.counts ? Object.entries(s.counts).slice(0, 3).map(([k, v]) => `${k} ${v}`).join(', ') : '';
    lines.push(`  ${s.stage.padEnd(width)}  ${s.action.padEnd(11)} ${time.padStart(7)}  ${[s.action === 'failed' ? s.reason : '', counts].filter(Boolean).join(' · ')}`);
  }
  if (result.rounds) lines.push('', formatRounds(result.rounds));
  if (result.report) lines.push('', `report: ${result.report}`);
  return lines.join('\n');
}
