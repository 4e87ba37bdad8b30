// `seeds build`: user seeds + the curated set + generated seeds, exact and near duplicates
// removed, written atomically to data/prompt_seeds/prompt_seeds.jsonl with a report.
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
import { cellKey, generatedSeeds } from './generate.js';
import { curatedSeedsFile, loadCuratedSeeds, loadUserSeeds, type LocatedSeed } from './input.js';
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
  /** Near-duplicate similarity threshold. */
  threshold: number;
}

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
  /** `generator_collisions`: generated candidates dropped as duplicates before `count` distinct ones were found. */
  counts: { input: number; curated: number; generated: number; exact_duplicates: number; near_duplicates: number; generator_collisions: number; written: number };
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
  const given = [...user, ...curated];
  checkUniqueIds(given);
  const { kept: givenKept, removed } = dedupe(given.map((s) => s.seed), dedupOptions(options.threshold));
  const { seeds: generated, collisions } = generateDistinct(givenKept, options);
  const kept = [...givenKept, ...generated];
  checkUniqueIds([...given, ...generated.map((seed) => ({ seed }))]);

  const file = workspace.seedsFile;
  writeJsonlAtomic(file, kept);
  const stats = seedStats(kept);
  const counts = {
    input: user.length,
    curated: curated.length,
    generated: generated.length,
    exact_duplicates: removed.filter((r) => r.kind === 'exact').length,
    near_duplicates: removed.filter((r) => r.kind === 'near').length,
    generator_collisions: collisions,
    written: kept.length,
  };
  if (generated.length < options.count) logger.warn(`only ${generated.length} of ${options.count} generated seeds are distinct from the others; the templates ran out of variety`);
  const report = writeStageReport(workspace, 'seeds', {
    stage: 'seeds',
    duration_ms: timer.elapsedMs(),
    counts,
    settings: {
      inputs: options.inputs,
      curated: options.curated ? curatedSeedsFile() : false,
      generated_count: options.count,
      random_seed: options.randomSeed,
      near_dup_threshold: options.threshold,
      shingles: { zh: 'char 2-grams', en: 'char 3-grams' },
      minhash: { permutations: 112, bands: 28 },
    },
    removed: removed.map(describeRemoval),
    distribution: stats,
  });
  return { file, report, counts, stats };
}

/**
 * Take seeds from the generator until `count` of them survive deduplication against the
 * given seeds and each other. The stream is deterministic, so the result is too.
 */
function generateDistinct(base: Seed[], options: SeedsBuildOptions): { seeds: Seed[]; collisions: number } {
  if (options.count <= 0) return { seeds: [], collisions: 0 };
  const existing = new Map<string, number>();
  for (const s of base) existing.set(cellKey(s.genre, s.difficulty, s.lang), (existing.get(cellKey(s.genre, s.difficulty, s.lang)) ?? 0) + 1);
  const stream = generatedSeeds(options.randomSeed, existing);
  const candidates: Seed[] = [];
  let distinct: Seed[] = [];
  // Every round draws the shortfall plus a margin; stop when a round adds nothing new.
  for (let round = 0; distinct.length < options.count; round++) {
    const want = options.count - distinct.length;
    for (let i = 0; i < want + Math.ceil(want / 4) + 8; i++) candidates.push(stream.next().value as Seed);
    const before = distinct.length;
    distinct = dedupe([...base, ...candidates], dedupOptions(options.threshold)).kept.slice(base.length);
    if (distinct.length === before || round > 50) break;
  }
  const seeds = distinct.slice(0, options.count);
  // Candidates drawn up to the last one kept, minus those kept.
  const used = seeds.length ? candidates.indexOf(seeds[seeds.length - 1]) + 1 : candidates.length;
  return { seeds, collisions: used - seeds.length };
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
