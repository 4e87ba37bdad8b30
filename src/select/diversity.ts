// Diversity: per prompt, keep the best answers that are not near-copies of one another;
// across the set, cap clusters of near-identical games (the teacher's favourite template).
import { SignatureIndex, codeTokenHashes, codeTokens, jaccard, shingleHashesOf, tokenShingles } from '../core/index.js';

export interface Scored<T> {
  item: T;
  /** The prompt (seed) the answer belongs to. */
  group: string;
  /** Tie-breaker for equal scores, so the order never depends on input order. */
  id: string;
  codeHash: string;
  code: string;
  score: number;
}

export interface DiversityOptions {
  perPrompt: number;
  /** Two answers to one prompt may share at most this Jaccard similarity (exact, code-token shingles). */
  maxSimilarity: number;
  /** At most this many kept answers, of any prompts, more similar than `clusterSimilarity` to one another. */
  maxCluster: number;
  clusterSimilarity: number;
  shingleSize: number;
  permutations?: number;
  bands?: number;
}

export type DropReason = 'duplicate_code' | 'prompt_full' | 'too_similar_same_prompt' | 'cluster_full';

export interface DiversityResult<T> {
  /** Kept answers, best first. */
  kept: Scored<T>[];
  dropped: { entry: Scored<T>; reason: DropReason }[];
}

/** Best score first; equal scores by id, so the result is the same whatever the input order. */
export function byScore<T>(a: Scored<T>, b: Scored<T>): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * One greedy pass in score order. An answer is kept when its code is new, its prompt has room,
 * it is at most `maxSimilarity` similar to the answers already kept for that prompt, and fewer
 * than `maxCluster` kept answers are more than `clusterSimilarity` similar to it (MinHash LSH
 * over the whole set). Because lower-ranked answers are still considered after a drop, a
 * prompt whose best answer was a near-copy gets its next-best distinct one instead.
 */
export function selectDiverse<T>(entries: Scored<T>[], options: DiversityOptions, onProgress?: () => void): DiversityResult<T> {
  const index = new SignatureIndex(options.permutations ?? 112, options.bands ?? 14);
  const keptHashes = new Set<string>();
  // Shingle sets are built only when two answers of one prompt must be compared.
  const keptByGroup = new Map<string, { code: string; shingles?: Set<string> }[]>();
  const shinglesOf = (code: string) => tokenShingles(codeTokens(code), options.shingleSize);
  const kept: Scored<T>[] = [];
  const dropped: DiversityResult<T>['dropped'] = [];

  const drop = (entry: Scored<T>, reason: DropReason) => dropped.push({ entry, reason });
  for (const entry of [...entries].sort(byScore)) {
    onProgress?.();
    if (keptHashes.has(entry.codeHash)) {
      drop(entry, 'duplicate_code');
      continue;
    }
    const groupKept = keptByGroup.get(entry.group) ?? [];
    if (groupKept.length >= options.perPrompt) {
      drop(entry, 'prompt_full');
      continue;
    }
    if (groupKept.length) {
      const shingles = shinglesOf(entry.code);
      if (groupKept.some((other) => jaccard(shingles, (other.shingles ??= shinglesOf(other.code))) > options.maxSimilarity)) {
        drop(entry, 'too_similar_same_prompt');
        continue;
      }
    }
    const signature = index.hasher.signatureOfHashes(shingleHashesOf(codeTokenHashes(entry.code), options.shingleSize));
    let neighbours = 0;
    for (const { similarity } of index.similar(signature)) if (similarity > options.clusterSimilarity) neighbours++;
    if (neighbours >= options.maxCluster) {
      drop(entry, 'cluster_full');
      continue;
    }
    index.add(signature);
    keptHashes.add(entry.codeHash);
    keptByGroup.set(entry.group, [...groupKept, { code: entry.code }]);
    kept.push(entry);
  }
  return { kept, dropped };
}
