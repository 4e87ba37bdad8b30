// The stage graph: for each stage in pipeline order, the command that runs it, the files it
// reads and writes, the settings that change its result, and its report. `run`, `status`,
// the manifest hook and the report all read this one table.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledPath, findPhaser, type Config, type Workspace } from '../core/index.js';
import { readManifest } from './manifest.js';

export const STAGE_NAMES = ['api-index', 'seeds', 'requests', 'distill', 'parse', 'validate', 'select', 'dataset', 'eval-build'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageContext {
  workspace: Workspace;
  config: Config;
  /** The teacher `distill` uses (and whose raw outputs `parse` reads). */
  teacher?: string;
}

export interface StageSpec {
  name: StageName;
  /** The command path as typed, e.g. `api-index build` (how the manifest hook recognises it). */
  command: string;
  /** Arguments that run the stage with its config (`run` adds the global flags). */
  argv(ctx: StageContext): string[];
  inputs(ctx: StageContext): string[];
  outputs(ctx: StageContext): string[];
  /** The config that changes the outputs (hashed into the manifest). */
  settings(ctx: StageContext): unknown;
  /** Flags that change the outputs when given on the command line (camelCase, as commander names them). */
  flags: string[];
  reportFile(ctx: StageContext): string;
  /** Why finished outputs are not complete (e.g. unanswered requests), if they are not. */
  incomplete?(ctx: StageContext): string | undefined;
  /** A flag that makes a run partial (never recorded as done), e.g. `dryRun`. */
  partialFlags?: string[];
  /** Shard outputs that `run` merges (stages that accept `--shard i/n`). */
  sharded?: 'candidates' | 'validated' | 'selected';
}

/** Raw outputs files present, or the one of the chosen teacher. */
function rawOutputFiles(workspace: Workspace, teacher?: string): string[] {
  if (teacher) return [workspace.rawOutputsFile(teacher)];
  if (!existsSync(workspace.distillDir)) return [];
  return readdirSync(workspace.distillDir)
    .filter((f) => /^raw_outputs_[\w.-]+\.jsonl$/.test(f))
    .sort()
    .map((f) => workspace.path('data', 'sft_distill', f));
}

/** The teacher distill last ran with (its manifest), else the only one with raw outputs here. */
export function presentTeacher(workspace: Workspace): string | undefined {
  const recorded = (readManifest(workspace, 'distill')?.settings as { flags?: { teacher?: unknown } } | undefined)?.flags?.teacher;
  if (typeof recorded === 'string') return recorded;
  const files = rawOutputFiles(workspace);
  if (files.length !== 1) return undefined;
  return /raw_outputs_(.+)\.jsonl$/.exec(files[0])![1];
}

const splits = (ctx: StageContext) => (['train', 'val', 'test'] as const).map((s) => ctx.workspace.splitFile(s));

export const STAGES: readonly StageSpec[] = [
  {
    name: 'api-index',
    command: 'api-index build',
    argv: () => ['api-index', 'build'],
    inputs: (ctx) => {
      const phaser = findPhaser(ctx.config.phaser.package_dir);
      return [phaser.docletsFile, phaser.dtsFile];
    },
    outputs: (ctx) => [ctx.workspace.apiIndexFile],
    settings: (ctx) => ({ phaser: ctx.config.phaser, api_index: ctx.config.api_index }),
    flags: [],
    reportFile: (ctx) => ctx.workspace.stageReportFile('api_index'),
  },
  {
    name: 'seeds',
    command: 'seeds build',
    argv: () => ['seeds', 'build'],
    inputs: (ctx) => [bundledPath('assets', 'seeds', 'curated_seeds.jsonl'), ...(ctx.config.seeds.input ? [ctx.workspace.path(ctx.config.seeds.input)] : [])],
    outputs: (ctx) => [ctx.workspace.seedsFile],
    settings: (ctx) => ({ seeds: ctx.config.seeds }),
    flags: ['count', 'input', 'curated', 'seed', 'threshold'],
    reportFile: (ctx) => ctx.workspace.stageReportFile('seeds'),
  },
  {
    name: 'requests',
    command: 'requests',
    argv: () => ['requests'],
    inputs: (ctx) => [ctx.workspace.seedsFile, ctx.workspace.apiIndexFile, ctx.workspace.path(ctx.config.requests.system_prompt_file)],
    outputs: (ctx) => [ctx.workspace.requestsFile],
    settings: (ctx) => ({ requests: ctx.config.requests, api_index: ctx.config.api_index }),
    flags: ['samples'],
    reportFile: (ctx) => ctx.workspace.stageReportFile('distill_requests'),
  },
  {
    name: 'distill',
    command: 'distill',
    argv: (ctx) => ['distill', '--teacher', ctx.teacher ?? 'replay'],
    inputs: (ctx) => [ctx.workspace.requestsFile],
    outputs: (ctx) => rawOutputFiles(ctx.workspace, ctx.teacher),
    settings: (ctx) => {
      const teacher = ctx.teacher ?? 'replay';
      const section = (ctx.config.teacher as Record<string, unknown>)[teacher];
      return { teacher, model: teacher === 'replay' ? null : section };
    },
    flags: ['teacher', 'model', 'from', 'maxTokens', 'temperature'],
    partialFlags: ['dryRun'],
    reportFile: (ctx) => ctx.workspace.stageReportFile(`distill_${ctx.teacher ?? presentTeacher(ctx.workspace) ?? 'replay'}`),
    incomplete: (ctx) => {
      const teacher = ctx.teacher ?? presentTeacher(ctx.workspace);
      if (!teacher) return undefined;
      const file = ctx.workspace.checkpointFile(teacher);
      if (!existsSync(file)) return 'no checkpoint';
      const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as { unanswered?: number };
      return checkpoint.unanswered ? `${checkpoint.unanswered} request(s) unanswered` : undefined;
    },
  },
  {
    name: 'parse',
    command: 'parse',
    argv: () => ['parse'],
    // parse reads every teacher's raw outputs (first: their order is the candidates' order) and the requests.
    inputs: (ctx) => [...rawOutputFiles(ctx.workspace), ctx.workspace.requestsFile],
    outputs: (ctx) => [ctx.workspace.candidatesFile()],
    settings: () => ({}),
    flags: ['teacher', 'input'],
    partialFlags: ['shard'],
    reportFile: (ctx) => ctx.workspace.stageReportFile('parse'),
    sharded: 'candidates',
  },
  {
    name: 'validate',
    command: 'validate',
    argv: () => ['validate'],
    inputs: (ctx) => [ctx.workspace.candidatesFile()],
    outputs: (ctx) => [ctx.workspace.validatedFile()],
    settings: (ctx) => ({ validate: { ...ctx.config.validate, workers: undefined } }),
    flags: ['levels'],
    partialFlags: ['shard'],
    reportFile: (ctx) => ctx.workspace.stageReportFile('filter'),
    sharded: 'validated',
  },
  {
    name: 'select',
    command: 'select',
    argv: () => ['select'],
    inputs: (ctx) => [ctx.workspace.validatedFile()],
    outputs: (ctx) => [ctx.workspace.selectedFile()],
    settings: (ctx) => ({ select: ctx.config.select }),
    flags: ['perPrompt', 'maxSimilarity', 'judge'],
    partialFlags: ['shard'],
    reportFile: (ctx) => ctx.workspace.stageReportFile('selection'),
    sharded: 'selected',
  },
  {
    name: 'dataset',
    command: 'dataset',
    argv: () => ['dataset'],
    inputs: (ctx) => [ctx.workspace.selectedFile(), ctx.workspace.seedsFile, ctx.workspace.requestsFile, ...(existsSync(ctx.workspace.officialFile) ? [ctx.workspace.officialFile] : [])],
    outputs: (ctx) => [...splits(ctx), ctx.workspace.datasetInfoFile, ctx.workspace.datasetManifestFile, join(ctx.workspace.datasetDir, 'llamafactory_sft.yaml'), join(ctx.workspace.datasetDir, 'README.md')],
    settings: (ctx) => ({ dataset: ctx.config.dataset, ood_genres: ctx.config.eval.ood_genres }),
    flags: ['format', 'split', 'official', 'seed', 'tokenizer', 'cutoffLen'],
    partialFlags: ['fromRaw'],
    reportFile: (ctx) => ctx.workspace.stageReportFile('sft_dataset'),
  },
  {
    name: 'eval-build',
    command: 'eval build',
    argv: () => ['eval', 'build'],
    inputs: (ctx) => [ctx.workspace.seedsFile, ...splits(ctx), ctx.workspace.datasetManifestFile],
    outputs: (ctx) => [ctx.workspace.evalPromptsFile, ctx.workspace.humanPromptsFile],
    settings: (ctx) => ({ eval: { ...ctx.config.eval, infer: undefined } }),
    flags: [],
    reportFile: (ctx) => ctx.workspace.evalBuildReportFile,
  },
];

export function stageSpec(name: string): StageSpec | undefined {
  return STAGES.find((s) => s.name === name);
}

export function stageByCommand(command: string): StageSpec | undefined {
  return STAGES.find((s) => s.command === command);
}
