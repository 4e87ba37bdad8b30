import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError, readJsonlSync } from '../../core/index.js';
import { seedSchema } from '../../schemas/index.js';
import { SEEDS_EXPAND_TEACHERS, runSeedsExpand, seedsStage } from '../../seeds/stage.js';
import { contextFrom, numberFlag, printResult, runStageCommand } from '../context.js';

interface BuildFlags {
  count?: string;
  seed?: string;
  input?: string[];
  curated: boolean;
  threshold?: string;
  conceptCap?: string;
  genres?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `seeds build` / `seeds stats`: write the prompt seeds, show their distribution. */
export function register(program: Command): void {
  const seeds = program
    .command('seeds')
    .description('build prompt seeds or show their distribution')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft seeds build --count 500\n  $ phaser-sft seeds expand --teacher claude --count 1000 --dry-run\n  $ phaser-sft seeds stats');

  seeds
    .command('build')
    .description('curated + generated (+ your own) seeds, near-duplicates removed → data/prompt_seeds/prompt_seeds.jsonl')
    .option('--count <n>', 'generated seeds to add (default: config seeds.generated_count)')
    .option('--seed <n>', 'generator random seed (default: config seeds.random_seed)')
    .option('--input <file>', 'your own seeds (JSONL, only "prompt" required); repeatable; default: config seeds.input', collect)
    .option('--no-curated', 'leave out the bundled curated set')
    .option('--threshold <x>', 'near-duplicate similarity among your and the curated seeds, 0..1 (default: config seeds.near_dup_threshold)')
    .option('--concept-cap <n>', 'most seeds per concept (genre, mechanics, subject) for generated seeds (default: config seeds.concept_cap)')
    .option('--genres <list>', 'generate for these genres only, comma-separated (default: all)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ phaser-sft seeds build --count 500 --seed 7
  $ phaser-sft seeds build --input my_seeds.jsonl --no-curated --count 0   # only your seeds
  $ phaser-sft seeds build --count 2000 --genres snake,maze --concept-cap 2

Asked for more than the offline grammar can make distinct, it writes what it made, says so
(exit 0) and records requested vs made in the report; \`seeds expand\` writes more.`,
    )
    .action((flags: BuildFlags, command: Command) =>
      runStageCommand(command, seedsStage, () => {
        const count = numberFlag('count', flags.count);
        const threshold = numberFlag('threshold', flags.threshold);
        if (count !== undefined && (!Number.isInteger(count) || count < 0)) throw new UsageError(`--count: expected a whole number ≥ 0, got ${count}`);
        if (threshold !== undefined && (threshold < 0 || threshold > 1)) throw new UsageError(`--threshold: expected a number in 0..1, got ${threshold}`);
        const conceptCap = numberFlag('concept-cap', flags.conceptCap);
        if (conceptCap !== undefined && (!Number.isInteger(conceptCap) || conceptCap < 1)) throw new UsageError(`--concept-cap: expected a whole number ≥ 1, got ${conceptCap}`);
        const genres = flags.genres?.split(',').map((g) => g.trim()).filter(Boolean);
        return {
          count,
          seed: numberFlag('seed', flags.seed),
          input: flags.input?.map((f) => resolve(f)),
          // commander sets `curated` true unless `--no-curated` is given
          curated: flags.curated ? undefined : false,
          threshold,
          conceptCap,
          genres,
        };
      }),
    );

  seeds
    .command('expand')
    .description('a teacher writes new seeds for the thin cells (persona + constraint per call), filtered → data/prompt_seeds/expanded_seeds.jsonl')
    .requiredOption('--teacher <name>', 'claude | openai | replay (recorded answers, offline)')
    .requiredOption('--count <n>', 'seeds to ask for (calls = count / seeds.expand.per_call)')
    .option('--model <id>', 'model (default: seeds.expand.claude_model / openai_model, cheap ones)')
    .option('--dry-run', 'price the calls (prompt tokens + expected output) and send nothing')
    .option('--max-cost-usd <x>', 'stop starting calls once spend over all runs of this journal would pass it')
    .option('--base-url <url>', 'the provider\'s base URL (default: the provider\'s variable, else the public API)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ phaser-sft seeds expand --teacher claude --count 1000 --dry-run
  $ phaser-sft seeds expand --teacher claude --count 1000 --max-cost-usd 2
  $ phaser-sft seeds expand --teacher replay --count 24     # offline, recorded answers

Answers are journaled in data/prompt_seeds/expand_<teacher>.jsonl: a rerun after a kill resumes.
What passes the filters is rewritten into data/prompt_seeds/expanded_seeds.jsonl after every run;
the next \`seeds build\` includes it.`,
    )
    .action(async (flags: { teacher: string; count: string; model?: string; dryRun?: boolean; maxCostUsd?: string; baseUrl?: string }, command: Command) => {
      const context = contextFrom(command);
      const teacher = SEEDS_EXPAND_TEACHERS.find((t) => t === flags.teacher);
      if (!teacher) throw new UsageError(`--teacher: expected one of ${SEEDS_EXPAND_TEACHERS.join(', ')}, got "${flags.teacher}"`);
      const count = numberFlag('count', flags.count);
      if (count === undefined || !Number.isInteger(count) || count < 1) throw new UsageError(`--count: expected a whole number ≥ 1, got ${flags.count}`);
      const maxCostUsd = numberFlag('max-cost-usd', flags.maxCostUsd);
      if (maxCostUsd !== undefined && !(maxCostUsd > 0)) throw new UsageError(`--max-cost-usd: expected a positive number, got ${maxCostUsd}`);
      const { result, text } = await runSeedsExpand(context.workspace, context.config, { teacher, count, model: flags.model, dryRun: flags.dryRun, maxCostUsd, baseURL: flags.baseUrl, quiet: context.quiet });
      printResult(context, result, () => text);
    });

  seeds
    .command('stats')
    .description('genre × difficulty × language table, mechanics, thin cells, and diversity: concepts, openings, phrases, incoherent pairs, near-duplicates')
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
