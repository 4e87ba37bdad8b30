import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';
import { STAGE_NAMES, formatRunSummary, runPipeline } from '../../pipeline/index.js';
import { pipelineContext, printResult } from '../context.js';

/** `run`: the whole pipeline, skipping up-to-date stages. */
export function register(program: Command): void {
  program
    .command('run')
    .description('the whole pipeline in order, each stage skipped when its inputs and settings are unchanged; shard outputs merged')
    .option('--teacher <name>', 'claude | openai | replay (required while distill has not run; never defaults to a paid one)')
    .option('--from <stage>', `first stage (${STAGE_NAMES.join(', ')})`)
    .option('--to <stage>', 'last stage')
    .option('--force', 'run the stages in range even when up to date')
    .option('--rounds <n>', 'after validate, seeds without a passing answer get another request (up to requests.max_samples_per_seed; a repair with requests.repair) and requests → validate runs again, N rounds in all', (v) => Number(v))
    .option('--no-report', 'do not write the HTML report at the end')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft run --teacher claude\n  $ phaser-sft run --from parse --to dataset\n  $ phaser-sft run --from validate --force\n  $ phaser-sft run --teacher claude --rounds 3\n  $ phaser-sft run --from requests --to validate --rounds 3')
    .action(async (options: { teacher?: string; from?: string; to?: string; force?: boolean; rounds?: number; report: boolean }, command: Command) => {
      const context = pipelineContext(command);
      const result = await runPipeline({ ...context, teacher: options.teacher, from: options.from, to: options.to, force: options.force, rounds: options.rounds, report: options.report });
      printResult(context, result, () => formatRunSummary(result));
      if (!result.ok) throw new WorkError(`run stopped: ${result.stages.find((s) => s.action === 'failed')?.stage} failed`);
    });
}
