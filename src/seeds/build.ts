// `seeds build`: user seeds + the curated set + generated seeds, exact and near duplicates
// removed, written atomically to data/prompt_seeds/prompt_seeds.jsonl with a report. Generated
// seeds pass the same filters `seeds expand` uses (./filters.ts); when the grammar runs out of
// distinct requests the build says how many it made and stops — it never pads.
import {
  InputError,
  StageTimer,
  charShingles,
  dedupe,
  logger,
  normalizeText,
  writeJsonlAtomic,
  writeStageReport,
  type DuplicateOf,
  type Workspace,
} from '../core/index.js';
import type { Seed } from '../schemas/index.js';
import { SeedFilter, type Rejection } from './filters.js';
import { SeedGenerator, cellKey } from './generate.js';
import type { GenreGrammar } from './grammar/index.js';
import { existsSync } from 'node:fs';
import { curatedSeedsFile, expandedSeedsFile, loadCuratedSeeds, loadUserSeeds, type LocatedSeed } from './input.js';
import { seedStats, type SeedStats } from './stats.js';

export interface SeedsBuildOptions {
  /** Generated seeds to add (after duplicates are removed). */
  count: number;
  /** Generator random seed. */
  randomSeed: number;
  /** User seed files (JSONL), placed first so that they win over curated and generated ones. */
  inputs: string[];
  /** Include the bundled curated set. */
  curated: boolean;
  /** Near-duplicate similarity threshold among the given (user and curated) seeds: MinHash of char 2-/3-grams. */
  threshold: number;
  /** Generated seeds: character 4-gram Jaccard (same language) at or above which one duplicates any earlier seed. Default 0.6. */
  generatedThreshold?: number;
  /** Most seeds per concept signature (genre, mechanics, subject) that generation may bring a concept to. Default 3. */
  conceptCap?: number;
  /** Generate for these genres only (default: all). */
  genres?: string[];
  /** false: leave out data/prompt_seeds/expanded_seeds.jsonl (what `seeds expand` kept). Default: included when present. */
  expanded?: boolean;
  /** The generator's grammar (default: the bundled one; tests pass a tiny one). */
  grammars?: readonly GenreGrammar[];
}

export const DEFAULT_GENERATED_THRESHOLD = 0.6;
export const DEFAULT_CONCEPT_CAP = 3;

export interface RemovedSeed {
  id: string;
  source: string;
  prompt: string;
  kind: 'exact' | 'near';
  similarity: number;
  duplicate_of: { id: string; source: string; prompt: string };
}

export interface SeedsBuildResult {
  file: string;
  report: string;
  /**
   * `requested`: generated seeds asked for; `generated`: how many distinct ones were made (fewer
   * when the grammar ran out). `generator_collisions`: candidates turned down on the way, of
   * which `generator_rejected` says why.
   */
  counts: {
    input: number;
    curated: number;
    expanded: number;
    requested: number;
    generated: number;
    exact_duplicates: number;
    near_duplicates: number;
    generator_collisions: number;
    generator_rejected: Record<Rejection['reason'], number>;
    written: number;
  };
  /** Cells (genre/difficulty/lang) whose candidates kept being turned down: the grammar has no more distinct requests there. */
  exhausted_cells: string[];
  /** Set when fewer seeds were made than requested. */
  shortfall?: string;
  stats: SeedStats;
}

/**
 * How seeds are compared. Chinese: character 2-grams (a character carries about a syllable of
 * meaning). English: character 3-grams, because 2-grams of a long English request saturate on
 * common letter pairs and make unrelated requests with the same boilerplate look alike. 112
 * permutations in 28 bands of 4 rows give LSH candidates from about 0.43 similarity.
 */
const dedupOptions = (threshold: number) => ({
  shingles: (s: Seed) => charShingles(s.prompt, s.lang === 'zh' ? 2 : 3),
  exactKey: (s: Seed) => normalizeText(s.prompt).replace(/[\s\p{P}]+/gu, ''),
  threshold,
  permutations: 112,
  bands: 28,
});

/** Build the seed set, write it and its report; returns counts and the distribution. */
export function buildSeeds(workspace: Workspace, options: SeedsBuildOptions): SeedsBuildResult {
  const timer = new StageTimer('seeds');
  const user = options.inputs.flatMap((file) => loadUserSeeds(file));
  const curated = options.curated ? loadCuratedSeeds() : [];
  // What `seeds expand` kept last time joins as given seeds (already filtered against the rest).
  const expandedFile = expandedSeedsFile(workspace);
  const expanded = options.expanded !== false && existsSync(expandedFile) ? loadCuratedSeeds(expandedFile) : [];
  const given = [...user, ...curated, ...expanded];
  checkUniqueIds(given);
  const { kept: givenKept, removed } = dedupe(given.map((s) => s.seed), dedupOptions(options.threshold));
  const { seeds: generated, rejected, exhausted } = generateDistinct(givenKept, options);
  const kept = [...givenKept, ...generated];
  checkUniqueIds([...given, ...generated.map((seed) => ({ seed }))]);

  const file = workspace.seedsFile;
  writeJsonlAtomic(file, kept);
  const stats = seedStats(kept, { nearDupThreshold: options.generatedThreshold ?? DEFAULT_GENERATED_THRESHOLD });
  const counts = {
    input: user.length,
    curated: curated.length,
    expanded: expanded.length,
    requested: options.count,
    generated: generated.length,
    exact_duplicates: removed.filter((r) => r.kind === 'exact').length,
    near_duplicates: removed.filter((r) => r.kind === 'near').length,
    generator_collisions: rejected.incoherent + rejected.concept_cap + rejected.near_duplicate,
    generator_rejected: rejected,
    written: kept.length,
  };
  const shortfall =
    generated.length < options.count
      ? `asked for ${options.count} generated seeds, made ${generated.length} distinct ones: the offline grammar has no more in ${exhausted.length} of its cells ` +
        `(${rejected.concept_cap} candidates over the concept cap, ${rejected.near_duplicate} near-duplicates); nothing was padded. ` +
        'For more, have a teacher write new ones: `phaser-sft seeds expand`'
      : undefined;
  if (shortfall) logger.warn(shortfall);
  const report = writeStageReport(workspace, 'seeds', {
    stage: 'seeds',
    duration_ms: timer.elapsedMs(),
    counts,
    settings: {
      inputs: options.inputs,
      curated: options.curated ? curatedSeedsFile() : false,
      generated_count: options.count,
      random_seed: options.randomSeed,
      genres: options.genres ?? 'all',
      near_dup_threshold: options.threshold,
      shingles: { zh: 'char 2-grams', en: 'char 3-grams' },
      minhash: { permutations: 112, bands: 28 },
      generated_near_dup: { threshold: options.generatedThreshold ?? DEFAULT_GENERATED_THRESHOLD, shingles: 'char 4-grams, same language, exact Jaccard' },
      concept_cap: options.conceptCap ?? DEFAULT_CONCEPT_CAP,
    },
    requested: options.count,
    made: generated.length,
    ...(shortfall ? { shortfall } : {}),
    exhausted_cells: exhausted,
    removed: removed.map(describeRemoval),
    distribution: stats,
  });
  return { file, report, counts, exhausted_cells: exhausted, ...(shortfall ? { shortfall } : {}), stats };
}

/**
 * Take candidates from the generator until `count` of them pass the filters (coherence, the
 * concept cap, near-duplicates against the given seeds and each other), or until every cell of
 * the grammar is exhausted. The stream is deterministic, so the result is too.
 */
function generateDistinct(base: Seed[], options: SeedsBuildOptions): { seeds: Seed[]; rejected: Record<Rejection['reason'], number>; exhausted: string[] } {
  const rejected = { incoherent: 0, concept_cap: 0, near_duplicate: 0 };
  if (options.count <= 0) return { seeds: [], rejected, exhausted: [] };
  const existing = new Map<string, number>();
  for (const s of base) existing.set(cellKey(s.genre, s.difficulty, s.lang), (existing.get(cellKey(s.genre, s.difficulty, s.lang)) ?? 0) + 1);
  const generator = new SeedGenerator(options.randomSeed, { existing, genres: options.genres, grammars: options.grammars });
  const filter = new SeedFilter(base, { threshold: options.generatedThreshold ?? DEFAULT_GENERATED_THRESHOLD, conceptCap: options.conceptCap ?? DEFAULT_CONCEPT_CAP });
  const seeds: Seed[] = [];
  while (seeds.length < options.count) {
    const candidate = generator.next();
    if (!candidate) break;
    const verdict = filter.offer(candidate);
    generator.report(verdict.kept);
    if (verdict.kept) seeds.push(candidate);
    else rejected[verdict.reason]++;
  }
  return { seeds, rejected, exhausted: generator.exhaustedCells() };
}

function checkUniqueIds(seeds: LocatedSeed[]): void {
  const seen = new Map<string, LocatedSeed>();
  for (const located of seeds) {
    const first = seen.get(located.seed.id);
    if (first) {
      const where = first.origin ? ` (first at ${first.origin.file}:${first.origin.line})` : '';
      throw new InputError({ file: located.origin?.file ?? 'seeds', line: located.origin?.line, field: 'id' }, `seed id "${located.seed.id}" is used twice${where}`);
    }
    seen.set(located.seed.id, located);
  }
}

function describeRemoval(removal: DuplicateOf<Seed>): RemovedSeed {
  const { item, duplicateOf } = removal;
  return {
    id: item.id,
    source: item.source,
    prompt: item.prompt,
    kind: removal.kind,
    similarity: removal.similarity,
    duplicate_of: { id: duplicateOf.id, source: duplicateOf.source, prompt: duplicateOf.prompt },
  };
}
