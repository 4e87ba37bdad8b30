import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError, readJsonlSync } from '../../core/index.js';
import { seedSchema } from '../../schemas/index.js';
import { seedsStage } from '../../seeds/stage.js';
import { contextFrom, numberFlag, printResult, runStageCommand } from '../context.js';

interface BuildFlags {
  count?: string;
  seed?: string;
  input?: string[];
  curated: boolean;
  threshold?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `seeds build` / `seeds stats`: write the prompt seeds, show their distribution. */
export function register(program: Command): void {
  const seeds = program
    .command('seeds')
    .description('build prompt seeds or show their distribution')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft seeds build --count 500\n  $ phaser-sft seeds stats');

  seeds
    .command('build')
    .description('curated + generated (+ your own) seeds, near-duplicates removed → data/prompt_seeds/prompt_seeds.jsonl')
    .option('--count <n>', 'generated seeds to add (default: config seeds.generated_count)')
    .option('--seed <n>', 'generator random seed (default: config seeds.random_seed)')
    .option('--input <file>', 'your own seeds (JSONL, only "prompt" required); repeatable; default: config seeds.input', collect)
    .option('--no-curated', 'leave out the bundled curated set')
    .option('--threshold <x>', 'near-duplicate similarity, 0..1 (default: config seeds.near_dup_threshold)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ phaser-sft seeds build --count 500 --seed 7
  $ phaser-sft seeds build --input my_seeds.jsonl --no-curated --count 0   # only your seeds`,
    )
    .action((flags: BuildFlags, command: Command) =>
      runStageCommand(command, seedsStage, () => {
        const count = numberFlag('count', flags.count);
        const threshold = numberFlag('threshold', flags.threshold);
        if (count !== undefined && (!Number.isInteger(count) || count < 0)) throw new UsageError(`--count: expected a whole number ≥ 0, got ${count}`);
        if (threshold !== undefined && (threshold < 0 || threshold > 1)) throw new UsageError(`--threshold: expected a number in 0..1, got ${threshold}`);
        return {
          count,
          seed: numberFlag('seed', flags.seed),
          input: flags.input?.map((f) => resolve(f)),
          // commander sets `curated` true unless `--no-curated` is given
          curated: flags.curated ? undefined : false,
          threshold,
        };
      }),
    );

  seeds
    .command('stats')
    .description('genre × difficulty × language table, mechanics frequency, thin cells')
    .option('--file <path>', 'seeds file (default: the workspace\'s data/prompt_seeds/prompt_seeds.jsonl)')
    .option('--json', 'print the stats as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft seeds stats\n  $ phaser-sft seeds stats --json | jq .thin_cells')
    .action(async (flags: { file?: string }, command: Command) => {
      const { formatSeedStats, seedStats } = await import('../../seeds/index.js');
      const context = contextFrom(command);
      const file = flags.file ? resolve(flags.file) : context.workspace.seedsFile;
      if (!existsSync(file)) throw new InputError({ file }, 'no seeds file; run `phaser-sft seeds build` first');
      const stats = seedStats(readJsonlSync(file, { schema: seedSchema }).map((row) => row.value));
      printResult(context, stats, () => formatSeedStats(stats));
    });
}
