import type { Command } from 'commander';
import { parseShard } from '../../core/index.js';
import { parseStage } from '../../parse/stage.js';
import { runStageCommand } from '../context.js';

/** `parse`: extract [PLAN] and the game code from raw outputs. */
export function register(program: Command): void {
  program
    .command('parse')
    .description('extract [PLAN] and the game code from raw outputs into candidates.jsonl + codes/<hash>.js')
    .option('--teacher <name>', 'only raw_outputs_<name>.jsonl (default: every teacher)')
    .option('--shard <i/n>', 'parse only the i-th of n slices (by request_id)')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft parse\n  $ phaser-sft parse --teacher claude --shard 1/4')
    .action((flags: { teacher?: string; shard?: string }, command: Command) => runStageCommand(command, parseStage, () => ({ teacher: flags.teacher, shard: parseShard(flags.shard) })));
}
