import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError, WorkError, Workspace, loadConfig, logger, settleCommits, type Config } from '../core/index.js';
import type { Stage } from '../core/stage.js';
import { runStage } from '../pipeline/index.js';

/** What every command gets: the workspace, its config (flags override it later), output mode. */
export interface CommandContext {
  workspace: Workspace;
  config: Config;
  quiet: boolean;
  json: boolean;
}

/** Global flags, present on every command (`--workspace`, `--config`, `--quiet`). */
export interface GlobalFlags {
  workspace?: string;
  config?: string;
  quiet?: boolean;
  json?: boolean;
}

/** Build the context from a command's flags (its own and the program's). */
export function contextFrom(command: Command): CommandContext {
  const flags = command.optsWithGlobals<GlobalFlags>();
  const workspace = new Workspace(flags.workspace ?? '.');
  settleCommits(workspace.commitsDir); // a multi-file write killed halfway is completed before anything reads
  const configFile = flags.config ? resolve(flags.config) : workspace.configFile;
  const config = loadConfig(configFile, { required: Boolean(flags.config) });
  const quiet = Boolean(flags.quiet) || Boolean(flags.json);
  logger.setQuiet(quiet);
  return { workspace, config, quiet, json: Boolean(flags.json) };
}

/** Print a command's result: JSON on stdout under `--json`, else the human text. */
export function printResult(context: Pick<CommandContext, 'json'>, value: unknown, human: () => string): void {
  if (context.json) process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  else {
    const text = human();
    if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }
}

/** Parse a numeric flag or fail with a usage error naming it. */
export function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name}: expected a number, got "${value}"`);
  return n;
}

/**
 * A stage's command: the context (config loaded once), the flags parsed into the stage's
 * options, the stage run (and recorded), its result printed; exit code 1 when the result
 * counts as failed.
 */
export async function runStageCommand<Options extends object, Result>(command: Command, stage: Stage<Options, Result>, options: (context: CommandContext) => Options | Promise<Options>): Promise<void> {
  const context = contextFrom(command);
  const { result, failure } = await runStage(stage, context, await options(context));
  printResult(context, result, () => stage.summary(result, context));
  if (failure) throw new WorkError(failure);
}

/**
 * The context `run` and `demo` give their stages: quiet only under `--quiet` (under `--json` the
 * stages' lines still go to stderr, stdout being kept for the summary), and each stage's own
 * summary written to stderr.
 */
export function pipelineContext(command: Command): CommandContext & { onStageSummary: (text: string) => void } {
  const context = contextFrom(command);
  const quiet = Boolean(command.optsWithGlobals<GlobalFlags>().quiet);
  logger.setQuiet(quiet);
  return { ...context, quiet, onStageSummary: (text) => void (text && process.stderr.write(text.endsWith('\n') ? text : text + '\n')) };
}
