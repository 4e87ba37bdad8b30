// Recording stage runs in manifests: begin (inputs as they are when the stage starts) and
// finish (done or failed, with the outputs). A stage killed mid-run leaves a `running`
// manifest whose pid is gone, which `status` reports as failed.
import { logger } from '../core/index.js';
import { fingerprint, readManifest, settingsHash, writeManifest, type FileFingerprint, type StageManifest } from './manifest.js';
import type { StageContext, StageSpec } from './stages.js';

/** The flags given on the command line that change a stage's outputs (for the manifest). */
export type StageFlags = Record<string, unknown>;

export async function beginStage(ctx: StageContext, spec: StageSpec, flags: StageFlags): Promise<StageManifest> {
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

export async function finishStage(ctx: StageContext, manifest: StageManifest, spec: StageSpec, error?: unknown, mergedFrom?: FileFingerprint[]): Promise<void> {
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
