// The filters every new seed passes before it joins a seed set — generated ones here, and the
// ones `seeds expand` will get back from a teacher: coherent for its genre (./coherence.ts),
// under the cap of seeds per concept (./concepts.ts), and not a near-duplicate of any seed
// already in the set (./nearDup.ts). Plain functions over seed lists, no I/O.
import type { Seed } from '../schemas/index.js';
import { coherenceProblems, type CoherenceProblem } from './coherence.js';
import { ConceptCounts, conceptSignature } from './concepts.js';
import { NearDuplicateIndex, promptGrams } from './nearDup.js';

export interface SeedFilterOptions {
  /** Character 4-gram Jaccard (same language) at or above which a seed duplicates an earlier one. */
  threshold: number;
  /** Most seeds one concept signature may have, counting the seeds already there. */
  conceptCap: number;
  /**
   * false: a signature that names no subject (genre and mechanics only, as for most freely
   * written requests) is not capped — it says too little to call two seeds the same game;
   * near-duplicates still are. `seeds expand` sets it. Default true.
   */
  capUnnamedConcepts?: boolean;
}

export type Rejection =
  | { reason: 'incoherent'; problems: CoherenceProblem[] }
  | { reason: 'concept_cap'; concept: string; count: number }
  | { reason: 'near_duplicate'; similarity: number; duplicateOf: Seed };

export type Verdict = { kept: true; concept: string } | ({ kept: false } & Rejection);

/**
 * A growing seed set that judges candidates against everything in it. The seeds it starts
 * with are taken as they are (they are the user's, the curated set, earlier expansions) and
 * only count: their concepts fill the cap, their prompts are matched against.
 */
export class SeedFilter {
  private readonly index: NearDuplicateIndex;
  private readonly seeds: Seed[] = [];
  readonly concepts = new ConceptCounts();

  constructor(
    existing: readonly Seed[],
    readonly options: SeedFilterOptions,
  ) {
    this.index = new NearDuplicateIndex(options.threshold);
    for (const seed of existing) this.add(seed);
  }

  /** Whether `seed` may join, and if not why; changes nothing. */
  judge(seed: Seed, grams = promptGrams(seed.prompt)): Verdict {
    const problems = coherenceProblems(seed);
    if (problems.length) return { kept: false, reason: 'incoherent', problems };
    const concept = conceptSignature(seed);
    const count = this.concepts.count(concept);
    const capped = this.options.capUnnamedConcepts !== false || !concept.endsWith('|');
    if (capped && count >= this.options.conceptCap) return { kept: false, reason: 'concept_cap', concept, count };
    const match = this.index.find(seed.prompt, seed.lang, grams);
    if (match) return { kept: false, reason: 'near_duplicate', similarity: Math.round(match.similarity * 1000) / 1000, duplicateOf: this.seeds[match.index] };
    return { kept: true, concept };
  }

  /** Judge `seed` and add it when it passes. */
  offer(seed: Seed): Verdict {
    const grams = promptGrams(seed.prompt);
    const verdict = this.judge(seed, grams);
    if (verdict.kept) this.add(seed, grams);
    return verdict;
  }

  private add(seed: Seed, grams = promptGrams(seed.prompt)): void {
    this.seeds.push(seed);
    this.index.add(seed.prompt, seed.lang, grams);
    this.concepts.add(conceptSignature(seed));
  }
}

export interface FilterResult {
  kept: Seed[];
  rejected: { seed: Seed; verdict: Exclude<Verdict, { kept: true }> }[];
  counts: { offered: number; kept: number; incoherent: number; concept_cap: number; near_duplicate: number };
}

/**
 * Filter `candidates` (in order) against `existing` and each other: what `seeds expand` calls
 * on a teacher's answers, and what the generator's output passes through.
 */
export function filterCandidates(candidates: readonly Seed[], existing: readonly Seed[], options: SeedFilterOptions): FilterResult {
  const filter = new SeedFilter(existing, options);
  const result: FilterResult = { kept: [], rejected: [], counts: { offered: candidates.length, kept: 0, incoherent: 0, concept_cap: 0, near_duplicate: 0 } };
  for (const seed of candidates) {
    const verdict = filter.offer(seed);
    if (verdict.kept) {
      result.kept.push(seed);
      result.counts.kept++;
    } else {
      result.rejected.push({ seed, verdict });
      result.counts[verdict.reason]++;
    }
  }
  return result;
}
