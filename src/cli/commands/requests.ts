import { relative } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/index.js';
import { contextFrom, numberFlag, printResult } from '../context.js';

/** `requests`: build teacher requests with API context injected. */
export function register(program: Command): void {
  program
    .command('requests')
    .description('seeds × samples_per_seed → teacher requests, Phaser API context injected into the system template')
    .option('--samples <n>', 'requests per seed (default: config requests.samples_per_seed)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Needs data/api_index/phaser_api.jsonl (phaser-sft api-index build) and the seeds (phaser-sft seeds build).
The system prompt is prompts/teacher_system_prompt.txt with {API_CONTEXT} replaced.

Examples:
  $ phaser-sft requests
  $ phaser-sft requests --samples 4 --json`,
    )
    .action(async (flags: { samples?: string }, command: Command) => {
      const { buildRequests } = await import('../../requests/build.js');
      const context = contextFrom(command);
      const samples = numberFlag('samples', flags.samples);
      if (samples !== undefined && (!Number.isInteger(samples) || samples < 1)) throw new UsageError(`--samples: expected a whole number ≥ 1, got ${samples}`);
      const result = buildRequests(context.workspace, context.config, { samplesPerSeed: samples, quiet: context.quiet });
      printResult(context, result, () => {
        const c = result.counts;
        const shown = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));
        return [
          `wrote ${c.requests} requests (${c.seeds} seeds × ${c.samples_per_seed}) to ${shown(result.file)}`,
          `  API context: ${c.distinct_apis} distinct APIs injected; ${c.empty_retrieval} seeds with no context, ${c.weak_retrieval} weak; coverage ${c.coverage_warnings ? `${c.coverage_warnings} warning(s), see the report's coverage.warnings` : 'ok'}`,
          `  report: ${shown(result.report)}`,
        ].join('\n');
      });
    });
}
