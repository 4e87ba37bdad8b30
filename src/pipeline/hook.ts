// Every stage command records its manifest, whether typed by hand or run by `run`, so that
// `status` and `run` know what each output was built from. Commander calls these hooks
// around each command's action.
import type { Command } from 'commander';
import { acquireRunLock, loadConfig, parseShard, settleCommits, Workspace } from '../core/index.js';
import { resolve } from 'node:path';
import { beginStage, finishStage } from './record.js';
import type { StageManifest } from './manifest.js';
import { stageByCommand, type StageContext, type StageSpec } from './stages.js';

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Flags that change the outputs, as typed on the command line (defaults left out). */
function givenFlags(command: Command, spec: StageSpec): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  const options = command.opts();
  for (const key of spec.flags) if (command.getOptionValueSource(key) === 'cli') flags[key] = options[key];
  return flags;
}

/** Register the manifest hooks on the program. */
export function registerManifestHooks(program: Command): void {
  const open = new Map<Command, { ctx: StageContext; spec: StageSpec; manifest: StageManifest; release: () => void }>();
  program.hook('preAction', async (_program, action) => {
    const spec = stageByCommand(commandPath(action));
    if (!spec) return;
    const options = action.opts();
    if ((spec.partialFlags ?? []).some((flag) => options[flag] !== undefined && options[flag] !== false)) return;
    const globals = action.optsWithGlobals<{ workspace?: string; config?: string }>();
    const workspace = new Workspace(globals.workspace ?? '.');
    settleCommits(workspace.commitsDir);
    const config = loadConfig(globals.config ? resolve(globals.config) : workspace.configFile, { required: Boolean(globals.config) });
    const ctx: StageContext = { workspace, config, teacher: typeof options.teacher === 'string' ? options.teacher : undefined };
    // One run of a stage (per teacher and shard) writes at a time; a killed run's lock is taken over.
    const shard = typeof options.shard === 'string' ? parseShard(options.shard) : undefined;
    const what = [spec.command, ctx.teacher ? `--teacher ${ctx.teacher}` : '', shard ? `--shard ${shard.index}/${shard.count}` : ''].filter(Boolean).join(' ');
    const release = acquireRunLock(workspace.stageLockFile(spec.name, shard, ctx.teacher), what);
    try {
      open.set(action, { ctx, spec, manifest: await beginStage(ctx, spec, givenFlags(action, spec)), release });
    } catch (error) {
      release();
      throw error;
    }
  });
  program.hook('postAction', async (_program, action) => {
    const entry = open.get(action);
    if (!entry) return;
    open.delete(action);
    // A command that reports failure through the exit code (rather than throwing) failed too.
    const failed = typeof process.exitCode === 'number' && process.exitCode !== 0;
    try {
      await finishStage(entry.ctx, entry.manifest, entry.spec, failed ? new Error(`exit code ${process.exitCode}`) : undefined);
    } finally {
      entry.release();
    }
  });
}
