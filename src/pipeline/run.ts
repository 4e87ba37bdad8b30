// `run`: every stage in order, each skipped when its inputs and settings are unchanged since
// its outputs were written (the manifests say), shard outputs merged first, then the report.
// Stages run through their own commands (`execute`), in this process, so that `run` does
// exactly what typing the commands one by one does.
import { UsageError, WorkError, logger, type Config, type Workspace } from '../core/index.js';
import { beginStage, finishStage } from './record.js';
import { fingerprint, readManifest, sameFile, writeManifest, type FileFingerprint } from './manifest.js';
import { findShardSet, mergeShards } from './mergeShards.js';
import { STAGES, STAGE_NAMES, presentTeacher, type StageContext, type StageName, type StageSpec } from './stages.js';
import { stageStatus } from './status.js';

/** Runs one command line (without the program name) in this process; throws on failure. */
export type CommandExecutor = (argv: string[]) => Promise<void>;

export interface RunOptions {
  workspace: Workspace;
  config: Config;
  execute: CommandExecutor;
  teacher?: string;
  from?: string;
  to?: string;
  /** Run the stages in range even when up to date. */
  force?: boolean;
  /** Write the HTML report at the end (default true). */
  report?: boolean;
  /** Argument lists that replace a stage's own (demo: seeds from the bundled demo file). */
  argvOverride?: Partial<Record<StageName, string[]>>;
}

export interface StageOutcome {
  stage: StageName;
  action: 'skipped' | 'ran' | 'merged' | 'failed' | 'not reached';
  reason?: string;
  duration_ms?: number;
  counts?: Record<string, number>;
}

export interface RunResult {
  stages: StageOutcome[];
  report?: string;
  ok: boolean;
}

function stageIndex(name: string | undefined, flag: string, fallback: number): number {
  if (name === undefined) return fallback;
  const index = STAGE_NAMES.indexOf(name.replace(/^eval[ -]?build$/, 'eval-build') as StageName);
  if (index === -1) throw new UsageError(`--${flag}: unknown stage "${name}"; stages: ${STAGE_NAMES.join(', ')}`);
  return index;
}

/**
 * The flags `run` gives a stage (what its manifest must match to be up to date). A stage run
 * with replaced arguments (demo) is compared with the flags it recorded last time.
 */
function runFlags(spec: StageSpec, ctx: StageContext, options: RunOptions): Record<string, unknown> | undefined {
  if (options.argvOverride?.[spec.name]) return undefined;
  return spec.name === 'distill' ? { teacher: ctx.teacher } : {};
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
  const outcomes: StageOutcome[] = [];
  let failed = false;

  for (const spec of STAGES.slice(first, last + 1)) {
    if (failed) {
      outcomes.push({ stage: spec.name, action: 'not reached' });
      continue;
    }
    const started = performance.now();
    try {
      const shards = spec.sharded ? findShardSet(ctx.workspace, spec.sharded) : undefined;
      const manifest = readManifest(ctx.workspace, spec.name);
      const mergedAlready = shards && manifest?.status === 'done' && manifest.merged_from && (await sameFiles(ctx.workspace, shards.files, manifest.merged_from));
      if (shards && !mergedAlready) {
        logger.info(`${spec.name}: merging ${shards.count} shards`);
        const record = await beginStage(ctx, spec, {});
        const merged = await mergeShards(ctx, spec, shards);
        await finishStage(ctx, record, spec, undefined, merged.mergedFrom);
        outcomes.push({ stage: spec.name, action: 'merged', reason: `${merged.shards} shards, ${merged.records} records`, duration_ms: Math.round(performance.now() - started) });
        continue;
      }
      const status = await stageStatus(ctx, spec, { flags: runFlags(spec, ctx, options) });
      if (!options.force && status.state === 'done') {
        outcomes.push({ stage: spec.name, action: 'skipped', reason: 'up to date', counts: status.counts });
        continue;
      }
      logger.info(`\n▶ ${spec.name}${status.reason ? ` (${status.reason})` : status.state === 'not run' ? '' : ` (${status.state})`}`);
      await options.execute(options.argvOverride?.[spec.name] ?? spec.argv(ctx));
      const after = await stageStatus(ctx, spec, { flags: runFlags(spec, ctx, options) });
      if (after.state === 'incomplete') throw new WorkError(`${spec.name}: ${after.reason}`);
      outcomes.push({ stage: spec.name, action: 'ran', reason: status.reason ?? status.state, duration_ms: Math.round(performance.now() - started), counts: after.counts });
    } catch (error) {
      failed = true;
      markFailed(ctx, spec, error);
      outcomes.push({ stage: spec.name, action: 'failed', reason: error instanceof Error ? error.message : String(error), duration_ms: Math.round(performance.now() - started) });
    }
  }

  let report: string | undefined;
  if (options.report !== false) {
    try {
      await options.execute(['report']);
      report = ctx.workspace.htmlReportFile;
    } catch (error) {
      logger.warn(`report: ${(error as Error).message}`);
    }
  }
  return { stages: outcomes, report, ok: !failed };
}

/** The shard files are the ones merged last time, unchanged. */
async function sameFiles(workspace: Workspace, files: string[], recorded: FileFingerprint[]): Promise<boolean> {
  const now = await fingerprint(workspace, files, recorded);
  return now.length === recorded.length && now.every((f) => sameFile(f, recorded.find((r) => r.path === f.path)));
}

/** A stage that threw while its manifest still says running is recorded as failed. */
function markFailed(ctx: StageContext, spec: StageSpec, error: unknown): void {
  const manifest = readManifest(ctx.workspace, spec.name);
  if (manifest && manifest.status === 'running' && manifest.pid === process.pid) {
    writeManifest(ctx.workspace, { ...manifest, status: 'failed', finished_at: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) });
  }
}

/** The end-of-run summary table. */
export function formatRunSummary(result: RunResult): string {
  const width = Math.max(...result.stages.map((s) => s.stage.length));
  const lines = ['', 'summary:'];
  for (const s of result.stages) {
    const time = s.duration_ms !== undefined ? `${(s.duration_ms / 1000).toFixed(1)}s` : '';
    const counts = s.counts ? Object.entries(s.counts).slice(0, 3).map(([k, v]) => `${k} ${v}`).join(', ') : '';
    lines.push(`  ${s.stage.padEnd(width)}  ${s.action.padEnd(11)} ${time.padStart(7)}  ${[s.action === 'failed' ? s.reason : '', counts].filter(Boolean).join(' · ')}`);
  }
  if (result.report) lines.push('', `report: ${result.report}`);
  return lines.join('\n');
}
