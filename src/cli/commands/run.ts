import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';
import type { CommandExecutor } from '../../pipeline/run.js';
import { STAGE_NAMES } from '../../pipeline/stages.js';
import { contextFrom, printResult, type GlobalFlags } from '../context.js';

/** Runs a command line in this process through a fresh program (so flags and hooks behave as typed). */
export function inProcessExecutor(globals: GlobalFlags): CommandExecutor {
  return async (argv) => {
    const { buildProgram } = await import('../main.js');
    const global = ['--workspace', globals.workspace ?? '.', ...(globals.config ? ['--config', globals.config] : []), ...(globals.quiet ? ['--quiet'] : [])];
    const before = process.exitCode;
    // A stage's own result lines go to stderr: stdout is kept for run's summary (or its JSON).
    const stdoutWrite = process.stdout.write;
    process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
    try {
      await buildProgram().parseAsync([...global, ...argv], { from: 'user' });
    } finally {
      process.stdout.write = stdoutWrite;
    }
    const code = process.exitCode;
    process.exitCode = before;
    if (typeof code === 'number' && code !== 0) throw new WorkError(`\`${argv.join(' ')}\` exited with ${code}`);
  };
}

/** `run`: the whole pipeline, skipping up-to-date stages. */
export function register(program: Command): void {
  program
    .command('run')
    .description('the whole pipeline in order, each stage skipped when its inputs and settings are unchanged; shard outputs merged')
    .option('--teacher <name>', 'claude | openai | replay (required while distill has not run; never defaults to a paid one)')
    .option('--from <stage>', `first stage (${STAGE_NAMES.join(', ')})`)
    .option('--to <stage>', 'last stage')
    .option('--force', 'run the stages in range even when up to date')
    .option('--no-report', 'do not write the HTML report at the end')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft run --teacher claude\n  $ phaser-sft run --from parse --to dataset\n  $ phaser-sft run --from validate --force')
    .action(async (options: { teacher?: string; from?: string; to?: string; force?: boolean; report: boolean }, command: Command) => {
      const { formatRunSummary, runPipeline } = await import('../../pipeline/run.js');
      const context = contextFrom(command);
      const globals = command.optsWithGlobals<GlobalFlags>();
      const result = await runPipeline({
        workspace: context.workspace,
        config: context.config,
        execute: inProcessExecutor({ ...globals, workspace: context.workspace.root }),
        teacher: options.teacher,
        from: options.from,
        to: options.to,
        force: options.force,
        report: options.report,
      });
      printResult(context, result, () => formatRunSummary(result));
      if (!result.ok) throw new WorkError(`run stopped: ${result.stages.find((s) => s.action === 'failed')?.stage} failed`);
    });
}
