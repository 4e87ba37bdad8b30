import type { Command } from 'commander';
import { parsePhaserLines, parseShard } from '../../core/index.js';
import { validateStage } from '../../validate/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

/** `validate`: validate candidates (L1 syntax, L2 API, L3 policy, L4 runtime). */
export function register(program: Command): void {
  program
    .command('validate')
    .description('validate candidates (L1 syntax, L2 API, L3 policy, L4 runtime), cached by code hash + validator version')
    .option('--levels <list>', 'levels to run, e.g. L1,L2,L3 (default: config validate.levels)')
    .option('--workers <n>', 'worker threads for L1–L3 and browser pages for L4 (default: config validate.workers)')
    .option('--shard <i/n>', 'validate only the i-th of n slices of the candidates')
    .option('--phaser <lines>', 'also check every game against these Phaser lines, e.g. 3,4: each record gets `compat` (its verdict per line)')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft validate --levels L1,L2,L3\n  $ phaser-sft validate --workers 2 --shard 1/4\n  $ phaser-sft validate --phaser 3,4')
    .action((flags: { levels?: string; workers?: string; shard?: string; phaser?: string }, command: Command) =>
      runStageCommand(command, validateStage, async (context) => {
        // Loaded on use: the validator pulls in the TypeScript compiler.
        const { parseLevels } = await import('../../validate/index.js');
        return {
          levels: flags.levels === undefined ? undefined : parseLevels(flags.levels, context.config.validate.levels),
          workers: numberFlag('workers', flags.workers),
          shard: parseShard(flags.shard),
          phaser: flags.phaser === undefined ? undefined : parsePhaserLines(flags.phaser, '--phaser'),
        };
      }),
    );
}
