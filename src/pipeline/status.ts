// `status`: where each stage of a workspace stands — done, stale (and why), incomplete,
// failed, running or not run — its counts, and the command to run next.
import { existsSync, readFileSync } from 'node:fs';
import { generatedModels } from '../evaluation/stage.js';
import { relative } from 'node:path';
import { processAlive } from '../core/index.js';
import { fingerprint, presentTeacher, readManifest, sameFile, settingsHash, type StageManifest } from './manifest.js';
import { formatRounds, readRoundsReport, type RoundsReport } from './rounds.js';
import { STAGES, STAGE_NAMES, type StageContext, type StageName, type AnyStage } from './stages.js';

export type StageState = 'done' | 'stale' | 'incomplete' | 'failed' | 'running' | 'not run';

export interface StageStatus {
  stage: StageName;
  state: StageState;
  /** Why it is not done, for a human. */
  reason?: string;
  finished_at?: string;
  counts?: Record<string, number>;
  report?: string;
  outputs: string[];
}

export interface WorkspaceStatus {
  workspace: string;
  stages: StageStatus[];
  /** The command to run next, or undefined when everything is done. */
  next?: string;
  eval: { prompts: boolean; models: string[] };
  /** `run --rounds`: each round's requests, new passing seeds, yield and cost (data/reports/rounds_report.json). */
  rounds?: RoundsReport;
}

function readCounts(file: string): Record<string, number> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as { counts?: Record<string, number> };
    return report.counts;
  } catch {
    return undefined;
  }
}

/**
 * The state of one stage: compares its manifest with the inputs and settings now.
 * `flags` are the command-line flags the caller would run it with (for `run`: none but the teacher).
 */
export async function stageStatus(ctx: StageContext, spec: AnyStage, options: { flags?: Record<string, unknown>; upstreamChanged?: boolean } = {}): Promise<StageStatus & { manifest?: StageManifest }> {
  const manifest = readManifest(ctx.workspace, spec.name);
  const outputs = spec.outputs(ctx);
  const rel = (p: string) => relative(ctx.workspace.root, p);
  const reportFile = spec.reportFile(ctx);
  const report = reportFile && existsSync(reportFile) ? reportFile : undefined;
  const base = { stage: spec.name, outputs: outputs.map(rel), report: report ? rel(report) : undefined, counts: report ? readCounts(report) : undefined, manifest };
  const present = outputs.length > 0 && outputs.every((p) => existsSync(p));
  if (manifest?.status === 'running') {
    if (manifest.pid === process.pid || processAlive(manifest.pid)) return { ...base, state: 'running', reason: `pid ${manifest.pid} since ${manifest.started_at}` };
    return { ...base, state: 'failed', reason: `stopped before finishing (started ${manifest.started_at}, process gone)` };
  }
  if (manifest?.status === 'failed') return { ...base, state: 'failed', reason: manifest.error, finished_at: manifest.finished_at };
  if (!manifest) return present ? { ...base, state: 'stale', reason: 'outputs present but no record of what they were built from' } : { ...base, state: 'not run' };
  const withFinished = { ...base, finished_at: manifest.finished_at };
  if (!present) return { ...withFinished, state: 'stale', reason: `output missing: ${outputs.filter((p) => !existsSync(p)).map(rel).join(', ')}` };
  const settings = { config: spec.settings(ctx), flags: options.flags ?? (manifest.settings as { flags?: unknown } | undefined)?.flags ?? {} };
  if (settingsHash(settings) !== manifest.settings_hash) return { ...withFinished, state: 'stale', reason: 'settings changed (config or flags) since it ran' };
  const inputs = await fingerprint(ctx.workspace, spec.inputs(ctx), manifest.inputs);
  const changedInput = inputs.find((f) => !sameFile(f, manifest.inputs.find((m) => m.path === f.path)));
  if (changedInput || inputs.length !== manifest.inputs.length) return { ...withFinished, state: 'stale', reason: `input changed: ${changedInput?.path ?? 'the set of input files'}` };
  const now = await fingerprint(ctx.workspace, outputs, manifest.outputs);
  const changedOutput = now.find((f) => !sameFile(f, manifest.outputs.find((m) => m.path === f.path)));
  if (changedOutput) return { ...withFinished, state: 'stale', reason: `output changed since it was recorded: ${changedOutput.path}` };
  const incomplete = spec.incomplete?.(ctx);
  if (incomplete) return { ...withFinished, state: 'incomplete', reason: incomplete };
  if (options.upstreamChanged) return { ...withFinished, state: 'stale', reason: 'an earlier stage must run again first' };
  return { ...withFinished, state: 'done' };
}

/** Every stage's status, in pipeline order, and what to run next. */
export async function workspaceStatus(given: StageContext): Promise<WorkspaceStatus> {
  const ctx: StageContext = { ...given, teacher: given.teacher ?? presentTeacher(given.workspace) };
  const stages: StageStatus[] = [];
  let upstreamChanged = false;
  for (const spec of STAGES) {
    const { manifest, ...status } = await stageStatus(ctx, spec, { upstreamChanged });
    stages.push(status);
    // A recorded stage that must run again may change its outputs; files brought by hand (no record) are taken as they are.
    if (manifest && status.state !== 'done') upstreamChanged = true;
  }
  const first = stages.find((s) => s.state !== 'done');
  const models = generatedModels(ctx.workspace);
  let next: string | undefined;
  if (first) {
    const needsTeacher = STAGE_NAMES.indexOf(first.stage) <= STAGE_NAMES.indexOf('distill');
    next = first.state === 'running' ? undefined : `phaser-sft run --from ${first.stage}${needsTeacher ? ` --teacher ${ctx.teacher ?? '<claude|openai|replay>'}` : ''}`;
  } else if (!models.length) next = 'phaser-sft infer --base-url <URL> --model <name>   # then: phaser-sft eval score --model <name>';
  else next = 'phaser-sft report';
  const rounds = readRoundsReport(ctx.workspace);
  return { workspace: ctx.workspace.root, stages, next, eval: { prompts: existsSync(ctx.workspace.evalPromptsFile), models }, ...(rounds ? { rounds } : {}) };
}

/** The status as a table for a terminal. */
export function formatStatus(status: WorkspaceStatus): string {
  const width = Math.max(...status.stages.map((s) => s.stage.length));
  const lines = [`workspace ${status.workspace}`, ''];
  for (const s of status.stages) {
    const counts = s.counts ? Object.entries(s.counts).slice(0, 4).map(([k, v]) => `${k} ${v}`).join(', ') : '';
    const detail = [s.reason, counts].filter(Boolean).join(' · ');
    lines.push(`  ${s.stage.padEnd(width)}  ${s.state.padEnd(10)}  ${detail}`);
  }
  if (status.eval.models.length) lines.push('', `  generations: ${status.eval.models.join(', ')}`);
  if (status.rounds) lines.push('', formatRounds(status.rounds));
  lines.push('', status.next ? `next: ${status.next}` : 'next: wait for the running stage');
  return lines.join('\n');
}
