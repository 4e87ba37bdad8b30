// `seeds build`: curated + generated (+ the user's own) prompt seeds, near-duplicates removed.
import { bundledPath } from '../core/index.js';
import { defineStage, shownPath } from '../core/stage.js';
import type { SeedsBuildResult } from './build.js';

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
}

export const seedsStage = defineStage<SeedsStageOptions, SeedsBuildResult>({
  name: 'seeds',
  command: 'seeds build',
  inputs: (ctx) => [bundledPath('assets', 'seeds', 'curated_seeds.jsonl'), ...(ctx.config.seeds.input ? [ctx.workspace.path(ctx.config.seeds.input)] : [])],
  outputs: (ctx) => [ctx.workspace.seedsFile],
  settings: (ctx) => ({ seeds: ctx.config.seeds }),
  flags: ['count', 'input', 'curated', 'seed', 'threshold'],
  reportFile: (ctx) => ctx.workspace.stageReportFile('seeds'),
  async run({ workspace, config }, options) {
    const { buildSeeds } = await import('./build.js');
    return buildSeeds(workspace, {
      count: options.count ?? config.seeds.generated_count,
      randomSeed: options.seed ?? config.seeds.random_seed,
      inputs: options.input ?? (config.seeds.input ? [workspace.path(config.seeds.input)] : []),
      curated: options.curated ?? true,
      threshold: options.threshold ?? config.seeds.near_dup_threshold,
    });
  },
  summary: (result) => {
    const c = result.counts;
    return [
      `wrote ${c.written} seeds to ${shownPath(result.file)}`,
      `  in: ${c.input} yours, ${c.curated} curated, ${c.generated} generated; removed ${c.exact_duplicates} exact and ${c.near_duplicates} near duplicates`,
      `  ${Object.entries(result.stats.by_lang).map(([k, v]) => `${k} ${v}`).join(', ')}; ${result.stats.thin_cells.length} thin cells of ${result.stats.cells.length}`,
      `  report: ${shownPath(result.report)}; distribution: phaser-sft seeds stats`,
    ].join('\n');
  },
});
