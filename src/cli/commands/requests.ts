import type { Command } from 'commander';
import { UsageError } from '../../core/index.js';
import { requestsStage } from '../../requests/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

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
    .action((flags: { samples?: string }, command: Command) =>
      runStageCommand(command, requestsStage, () => {
        const samples = numberFlag('samples', flags.samples);
        if (samples !== undefined && (!Number.isInteger(samples) || samples < 1)) throw new UsageError(`--samples: expected a whole number ≥ 1, got ${samples}`);
        return { samples };
      }),
    );
}
