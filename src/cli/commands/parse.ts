import type { Command } from 'commander';
import { parseShard } from '../../core/index.js';
import { contextFrom, printResult } from '../context.js';
import type { ParseResult } from '../../parse/parse.js';

function summary(result: ParseResult): string {
  const errors = Object.entries(result.parse_errors).map(([code, n]) => `${code} ×${n}`).join(', ');
  return [
    `parsed ${result.raw_outputs} answers → ${result.candidates} candidates (${result.no_code} without code, ${result.orphans} orphans, ${result.duplicates} duplicates; ${result.codes_written} new code files)`,
    errors ? `parse errors: ${errors}` : 'parse errors: none',
    `wrote ${result.candidates_file}`,
    `report ${result.report_file}`,
  ].join('\n');
}

/** `parse`: extract [PLAN] and the game code from raw outputs. */
export function register(program: Command): void {
  program
    .command('parse')
    .description('extract [PLAN] and the game code from raw outputs into candidates.jsonl + codes/<hash>.js')
    .option('--teacher <name>', 'only raw_outputs_<name>.jsonl (default: every teacher)')
    .option('--shard <i/n>', 'parse only the i-th of n slices (by request_id)')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft parse\n  $ phaser-sft parse --teacher claude --shard 1/4')
    .action(async (flags: { teacher?: string; shard?: string }, command: Command) => {
      const context = contextFrom(command);
      // Loaded on use: keeps every other command's start-up light.
      const { runParse } = await import('../../parse/parse.js');
      const result = await runParse(context.workspace, { teacher: flags.teacher, shard: parseShard(flags.shard), quiet: context.quiet });
      printResult(context, result, () => summary(result));
    });
}
