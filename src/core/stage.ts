// The contract every pipeline stage fulfils: one object per stage (`src/<stage>/stage.ts`),
// with the files it reads and writes, the settings that change its outputs, and `run`. The CLI
// parses flags into a stage's options and calls `run`; `run` (the pipeline) calls the same `run`;
// manifest recording wraps it. A stage never prints: it returns its result, and `summary` says it
// in a few lines for a human. Which stages `run` runs and `status` tracks is the pipeline's
// list (src/pipeline/stages.ts), not a property of the stage.
import { relative } from 'node:path';
import type { Config } from './config/index.js';
import type { Workspace } from './workspace.js';

/** What a stage's file lists and settings are computed from. */
export interface StageContext {
  workspace: Workspace;
  config: Config;
  /** The teacher `distill` uses (and whose raw outputs `parse` reads); resolved by the caller. */
  teacher?: string;
}

/** What `run` gets besides its options: the workspace, its config (loaded once), output mode. */
export interface StageRunContext {
  workspace: Workspace;
  config: Config;
  /** No progress bars or info lines. */
  quiet: boolean;
}

/** The outputs a stage run as `--shard i/n` writes one file of per shard (merged by `run`). */
export type ShardedOutput = 'candidates' | 'validated' | 'selected';

/**
 * One stage. `Options` are its parsed flags: a key left undefined was not given (the config
 * decides), so the options given are exactly the flags recorded in its manifest.
 */
export interface Stage<Options extends object = object, Result = unknown> {
  /** The stage's name in `run --from`, `status` and data/manifests/<name>.json. */
  name: string;
  /** The command that runs it, as typed (`api-index build`). */
  command: string;
  inputs(ctx: StageContext): string[];
  outputs(ctx: StageContext): string[];
  /** The config that changes the outputs (hashed into the manifest). */
  settings(ctx: StageContext): unknown;
  /** Options that change the outputs when given (recorded in the manifest with the settings). */
  flags: readonly (keyof Options & string)[];
  /** Options that make a run partial: such a run is never recorded (e.g. `dryRun`, `shard`). */
  partialFlags?: readonly (keyof Options & string)[];
  /** Options under which a run writes nothing, so it takes no lock (e.g. `dryRun`). */
  readOnlyFlags?: readonly (keyof Options & string)[];
  /** Its report (undefined: one per model, named by the model). */
  reportFile(ctx: StageContext): string | undefined;
  /** Why finished outputs are not complete (e.g. unanswered requests), if they are not. */
  incomplete?(ctx: StageContext): string | undefined;
  /** Shard outputs that `run` merges (stages that accept `--shard i/n`). */
  sharded?: ShardedOutput;
  /** The options `run` gives it (default none: its config decides). */
  pipelineOptions?(ctx: StageContext): Options;
  /** Do the work. Loads its implementation on use, so that listing stages stays cheap. */
  run(context: StageRunContext, options: Options): Promise<Result>;
  /** The result for a human, a few lines. */
  summary(result: Result, context: StageRunContext): string;
  /** Why a finished run counts as failed (exit code 1), e.g. requests left unanswered. */
  failure?(result: Result): string | undefined;
}

/** Declare a stage (typed by its options and result). */
export function defineStage<Options extends object, Result>(stage: Stage<Options, Result>): Stage<Options, Result> {
  return stage;
}

/** A path as the user would type it in a summary: relative to the current folder when inside it. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
