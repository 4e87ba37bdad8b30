// `seeds build`: curated + generated (+ the user's own) prompt seeds, near-duplicates removed.
import { UsageError, bundledPath } from '../core/index.js';
import { defineStage, shownPath } from '../core/stage.js';
import type { Config, Workspace } from '../core/index.js';
import type { SeedsBuildResult } from './build.js';
import type { ExpandOptions, ExpandResult } from './expand.js';
import { expandedSeedsFile } from './input.js';

/** Parsed flags; a key left undefined takes the config's value (seeds.*). */
export interface SeedsStageOptions {
  count?: number;
  /** Generator random seed. */
  seed?: number;
  /** The user's seed files (absolute paths). */
  input?: string[];
  /** false: leave out the bundled curated set. */
  curated?: boolean;
  threshold?: number;
  /** Most seeds per concept for generated seeds (default: seeds.concept_cap). */
  conceptCap?: number;
  /** Generate for these genres only (checked against the taxonomy: exit 2 on an unknown one). */
  genres?: string[];
}

export const seedsStage = defineStage<SeedsStageOptions, SeedsBuildResult>({
  name: 'seeds',
  command: 'seeds build',
  inputs: (ctx) => [bundledPath('assets', 'seeds', 'curated_seeds.jsonl'), expandedSeedsFile(ctx.workspace), ...(ctx.config.seeds.input ? [ctx.workspace.path(ctx.config.seeds.input)] : [])],
  outputs: (ctx) => [ctx.workspace.seedsFile],
  settings: (ctx) => ({ seeds: ctx.config.seeds }),
  flags: ['count', 'input', 'curated', 'seed', 'threshold', 'conceptCap', 'genres'],
  reportFile: (ctx) => ctx.workspace.stageReportFile('seeds'),
  async run({ workspace, config }, options) {
    const { buildSeeds } = await import('./build.js');
    const { GENRE_IDS } = await import('./taxonomy.js');
    for (const g of options.genres ?? []) if (!GENRE_IDS.includes(g)) throw new UsageError(`--genres: unknown genre "${g}" (genres: ${GENRE_IDS.join(', ')})`);
    return buildSeeds(workspace, {
      count: options.count ?? config.seeds.generated_count,
      randomSeed: options.seed ?? config.seeds.random_seed,
      inputs: options.input ?? (config.seeds.input ? [workspace.path(config.seeds.input)] : []),
      curated: options.curated ?? true,
      // `--no-curated` means only your seeds: what `seeds expand` kept is left out too.
      expanded: options.curated ?? true,
      threshold: options.threshold ?? config.seeds.near_dup_threshold,
      generatedThreshold: config.seeds.generated_near_dup_threshold,
      conceptCap: options.conceptCap ?? config.seeds.concept_cap,
      ...(options.genres?.length ? { genres: options.genres } : {}),
    });
  },
  summary: (result) => {
    const c = result.counts;
    return [
      `wrote ${c.written} seeds to ${shownPath(result.file)}`,
      `  in: ${c.input} yours, ${c.curated} curated, ${c.expanded ? `${c.expanded} expanded, ` : ''}${c.generated} generated${c.generated < c.requested ? ` of ${c.requested} asked for` : ''}; removed ${c.exact_duplicates} exact and ${c.near_duplicates} near duplicates`,
      ...(c.requested ? [`  generator: ${c.generator_collisions} candidates turned down (${c.generator_rejected.concept_cap} over the concept cap, ${c.generator_rejected.near_duplicate} near-duplicates, ${c.generator_rejected.incoherent} incoherent)`] : []),
      ...(result.shortfall ? [`  warning: ${result.shortfall}`] : []),
      `  ${Object.entries(result.stats.by_lang).map(([k, v]) => `${k} ${v}`).join(', ')}; ${result.stats.thin_cells.length} thin cells of ${result.stats.cells.length}`,
      `  report: ${shownPath(result.report)}; distribution: phaser-sft seeds stats`,
    ].join('\n');
  },
});

/**
 * `seeds expand`: a teacher writes new seeds for the thin cells (./expand.ts). Not a
 * `defineStage` stage — its output is an input of `seeds build`, not a pipeline step; the
 * journal, lock and budget come from src/llm's journaled job. Loaded lazily: it pulls in the
 * providers.
 */
export const SEEDS_EXPAND_TEACHERS = ['claude', 'openai', 'replay'] as const;

export async function runSeedsExpand(workspace: Workspace, config: Config, options: ExpandOptions): Promise<{ result: ExpandResult; text: string }> {
  const { expandSeeds, formatExpandResult } = await import('./expand.js');
  const result = await expandSeeds(workspace, config, options);
  return { result, text: formatExpandResult(result) };
}
