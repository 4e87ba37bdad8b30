import type { Command } from 'commander';
import { UsageError, parseShard } from '../../core/index.js';
import { selectStage } from '../../select/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

interface SelectFlags {
  perPrompt?: string;
  maxSimilarity?: string;
  shard?: string;
  judge?: boolean;
}

/** `select`: L5 quality + diversity selection. */
export function register(program: Command): void {
  program
    .command('select')
    .description('L5 selection: score validated answers, keep the best distinct ones per prompt')
    .option('--per-prompt <n>', 'answers kept per prompt (default: config select.per_prompt, 2)')
    .option('--max-similarity <x>', 'largest code similarity between two answers kept for one prompt (default 0.8)')
    .option('--shard <i/n>', 'select over the i-th of n shards of the seeds')
    .option('--judge', 'judge answers with the judges of config select.judge (kind: text, vision or both); their score is a score part and enters fidelity')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ phaser-sft select\n  $ phaser-sft select --per-prompt 3 --max-similarity 0.7 --json\n\nWrites data/sft_distill/selected.jsonl and data/reports/selection_report.json.',
    )
    .action((flags: SelectFlags, command: Command) =>
      runStageCommand(command, selectStage, () => {
        const perPrompt = numberFlag('per-prompt', flags.perPrompt);
        if (perPrompt !== undefined && (!Number.isInteger(perPrompt) || perPrompt < 1)) throw new UsageError('--per-prompt: expected a whole number >= 1');
        const maxSimilarity = numberFlag('max-similarity', flags.maxSimilarity);
        if (maxSimilarity !== undefined && (maxSimilarity < 0 || maxSimilarity > 1)) throw new UsageError('--max-similarity: expected a number between 0 and 1');
        return { perPrompt, maxSimilarity, shard: parseShard(flags.shard), judge: flags.judge };
      }),
    );
}
