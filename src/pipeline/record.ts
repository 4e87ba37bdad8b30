// Recording stage runs in manifests: begin (inputs as they are when the stage starts) and
// finish (done or failed, with the outputs), wrapped around `stage.run()` by `runStage` — the
// one way the CLI and `run` call a stage. A stage killed mid-run leaves a `running` manifest
// whose pid is gone, which `status` reports as failed.
import { WorkError, acquireRunLock, logger, parseShard, settleCommits, type Shard } from '../core/index.js';
import type { Stage, StageContext, StageRunContext } from '../core/stage.js';
import { fingerprint, readManifest, settingsHash, writeManifest, type FileFingerprint, type StageManifest } from './manifest.js';
import { isTracked, type AnyStage } from './stages.js';

/** The flags given that change a stage's outputs (for the manifest). */
export type StageFlags = Record<string, unknown>;

export async function beginStage(ctx: StageContext, spec: AnyStage, flags: StageFlags): Promise<StageManifest> {
  const previous = readManifest(ctx.workspace, spec.name);
  const settings = { config: spec.settings(ctx), flags };
  const manifest: StageManifest = {
    stage: spec.name,
    status: 'running',
    pid: process.pid,
    started_at: new Date().toISOString(),
    settings_hash: settingsHash(settings),
    settings,
    inputs: await fingerprint(ctx.workspace, spec.inputs(ctx), previous?.inputs),
    outputs: previous?.outputs ?? [],
  };
  writeManifest(ctx.workspace, manifest);
  return manifest;
}

export async function finishStage(ctx: StageContext, manifest: StageManifest, spec: AnyStage, error?: unknown, mergedFrom?: FileFingerprint[]): Promise<void> {
  try {
    const outputs = await fingerprint(ctx.workspace, spec.outputs(ctx), manifest.outputs);
    writeManifest(ctx.workspace, {
      ...manifest,
      status: error ? 'failed' : 'done',
      finished_at: new Date().toISOString(),
      ...(error ? { error: error instanceof Error ? error.message : String(error) } : {}),
      outputs,
      ...(mergedFrom ? { merged_from: mergedFrom } : {}),
    });
  } catch (recordError) {
    // The stage's own result stands; only the bookkeeping failed (status will call it stale).
    logger.warn(`could not record the ${spec.name} stage's manifest: ${(recordError as Error).message}`);
  }
}

/** The options given that change the outputs, as recorded (a key left undefined was not given). */
export function givenFlags<Options extends object>(stage: Stage<Options, unknown>, options: Options): StageFlags {
  const flags: StageFlags = {};
  for (const key of stage.flags) if (options[key] !== undefined) flags[key] = options[key];
  return flags;
}

/** A run with a partial flag (`--dry-run`, `--shard`, `--from-raw`) is not the stage's output. */
function partial<Options extends object>(stage: Stage<Options, unknown>, options: Options): boolean {
  return (stage.partialFlags ?? []).some((key) => options[key] !== undefined && options[key] !== false);
}

/** A finished run and, when it counts as failed (requests left unanswered), why. */
export interface StageRun<Result> {
  result: Result;
  failure?: string;
}

/** The options given that make a run write nothing (`--dry-run`): such a run takes no lock. */
function readOnly<Options extends object>(stage: Stage<Options, unknown>, options: Options): boolean {
  return (stage.readOnlyFlags ?? []).some((key) => options[key] !== undefined && options[key] !== false);
}

/**
 * Take the lock of a run: one run of a stage writes at a time, per teacher, model and shard when
 * the options name them (`infer --model a` and `--model b` may run together); a killed run's
 * lock is taken over. Returns the release function.
 */
function lockStage<Options extends object>(stage: Stage<Options, unknown>, workspace: StageRunContext['workspace'], options: Options): () => void {
  if (readOnly(stage, options)) return () => {};
  const { teacher, model, shard: shardOption } = options as { teacher?: unknown; model?: unknown; shard?: unknown };
  const shard = typeof shardOption === 'string' ? parseShard(shardOption) : (shardOption as Shard | undefined);
  const scope = { teacher: typeof teacher === 'string' ? teacher : undefined, model: typeof model === 'string' ? model : undefined, shard };
  const what = [stage.command, scope.teacher && `--teacher ${scope.teacher}`, scope.model && `--model ${scope.model}`, shard && `--shard ${shard.index}/${shard.count}`].filter(Boolean).join(' ');
  return acquireRunLock(workspace.stageLockFile(stage.name, scope), what);
}

/**
 * Run a stage under its lock, recording its manifest around the run when the stage is tracked
 * and the run is not partial. A stage that throws is recorded as failed and the error rethrown;
 * a result that counts as failed (`stage.failure`) is recorded as failed and returned with the
 * reason, so that the caller can show it before exiting 1.
 */
export async function runStage<Options extends object, Result>(stage: Stage<Options, Result>, context: StageRunContext, options: Options): Promise<StageRun<Result>> {
  settleCommits(context.workspace.commitsDir);
  const release = lockStage(stage, context.workspace, options);
  try {
    if (!isTracked(stage) || partial(stage, options)) {
      const result = await stage.run(context, options);
      return { result, failure: stage.failure?.(result) };
    }
    return await recordedRun(stage, context, options);
  } finally {
    release();
  }
}

/** A tracked, whole run: its manifest says `running`, then `done` or `failed`, with the outputs. */
async function recordedRun<Options extends object, Result>(stage: Stage<Options, Result>, context: StageRunContext, options: Options): Promise<StageRun<Result>> {
  // The teacher a run uses names the files it writes (distill's raw_outputs_<teacher>.jsonl).
  const teacher = (options as { teacher?: unknown }).teacher;
  const ctx: StageContext = { workspace: context.workspace, config: context.config, teacher: typeof teacher === 'string' ? teacher : undefined };
  const manifest = await beginStage(ctx, stage, givenFlags(stage, options));
  let result: Result;
  try {
    result = await stage.run(context, options);
  } catch (error) {
    await finishStage(ctx, manifest, stage, error);
    throw error;
  }
  const failure = stage.failure?.(result);
  await finishStage(ctx, manifest, stage, failure ? new WorkError(failure) : undefined);
  return { result, failure };
}
