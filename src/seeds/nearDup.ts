// Near-duplicate prompts, measured the way issue 16 states its target: character 4-gram
// Jaccard ≥ 0.6 between two seeds of the same language, every pair confirmed exactly.
//
// Why not the build's MinHash estimate (given seeds, char 2-/3-grams at 0.7): on generated
// seeds it let template siblings through (42 Chinese seeds differing in one theme word were all
// kept), and an estimate near the threshold flips with the draw. Here MinHash only proposes
// candidates — 20 bands of 3 rows over 60 permutations catch a pair at Jaccard 0.6 with
// probability 1 − (1 − 0.6³)²⁰ ≈ 99.2 %, at 0.7 ≈ 99.99 % — and every candidate is confirmed by
// the exact Jaccard of the two gram sets, so nothing below the threshold is ever called a
// duplicate. Grams are kept as sorted 32-bit hashes (a collision inside two sets of a few
// hundred grams has odds of about 1 in 10⁵), compared by a merge. Exact prefix filtering was
// tried first: template grams made every seed of a genre a candidate of every other (20 s for
// 5,000 seeds). bench/seeds.ts also counts the pairs by brute force within language × genre,
// which checks the recall.
import { fmix32, hash32, normalizeText } from '../core/index.js';

/** The metric: character 4-grams. */
export const NEAR_DUP_NGRAM = 4;

/**
 * The character n-grams a prompt is compared by, as sorted distinct 32-bit hashes: the text as
 * `charShingles` sees it (normalised, spaces and punctuation dropped); a text of n characters
 * or fewer is one gram.
 */
export function promptGrams(prompt: string, n = NEAR_DUP_NGRAM): Uint32Array {
  const s = normalizeText(prompt).replace(/[\s\p{P}]+/gu, '');
  if (!s) return new Uint32Array(0);
  if (s.length <= n) return Uint32Array.of(hash32(s));
  const out = new Uint32Array(s.length - n + 1);
  for (let i = 0; i + n <= s.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + n; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    out[i] = fmix32(h);
  }
  out.sort();
  let k = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[k++] = out[i];
  return out.slice(0, k);
}


/** Jaccard similarity of two sorted distinct gram lists. */
export function gramJaccard(a: Uint32Array, b: Uint32Array): number {
  if (!a.length && !b.length) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

export interface NearMatch {
  /** Position of the earlier prompt, in the order `add` was called. */
  index: number;
  similarity: number;
}

const BANDS = 20;
const ROWS = 3;
const SALTS = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => fmix32(i + 0x9e3779b9));
const MULTIPLIERS = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => fmix32(i + 0x7f4a7c15) | 1);

/**
 * MinHash of the gram hashes, folded into one 32-bit key per band. Each permutation is
 * `(h ^ salt) · odd` mod 2³² — a bijection, one multiply instead of a full mix per gram and
 * permutation (the hashing was most of the index's time).
 */
function bandKeys(grams: Uint32Array): Uint32Array {
  const keys = new Uint32Array(BANDS);
  for (let band = 0; band < BANDS; band++) {
    let key = band + 1;
    for (let row = 0; row < ROWS; row++) {
      const salt = SALTS[band * ROWS + row];
      const multiplier = MULTIPLIERS[band * ROWS + row];
      let min = 0xffffffff;
      for (let g = 0; g < grams.length; g++) {
        const v = Math.imul(grams[g] ^ salt, multiplier) >>> 0;
        if (v < min) min = v;
      }
      key = fmix32(Math.imul(key, 0x01000193) ^ min);
    }
    keys[band] = key;
  }
  return keys;
}

/** An index of prompts that answers "is there an earlier prompt of this language at or above the threshold?". */
export class NearDuplicateIndex {
  private readonly grams: Uint32Array[] = [];
  /** Per language, per band: band key → positions. */
  private readonly tables = new Map<string, Map<number, number[]>[]>();

  constructor(readonly threshold: number) {}

  get size(): number {
    return this.grams.length;
  }

  private tablesOf(lang: string): Map<number, number[]>[] {
    let tables = this.tables.get(lang);
    if (!tables) this.tables.set(lang, (tables = Array.from({ length: BANDS }, () => new Map())));
    return tables;
  }

  /** The most similar earlier prompt of `lang` at or above the threshold (exact Jaccard), if any. */
  find(prompt: string, lang: string, grams = promptGrams(prompt), keys = bandKeys(grams)): NearMatch | undefined {
    const t = this.threshold;
    const tables = this.tablesOf(lang);
    const seen = new Set<number>();
    let best: NearMatch | undefined;
    for (let band = 0; band < BANDS; band++) {
      for (const index of tables[band].get(keys[band]) ?? []) {
        if (seen.has(index)) continue;
        seen.add(index);
        const other = this.grams[index];
        if (other.length < t * grams.length - 1e-9 || t * other.length > grams.length + 1e-9) continue;
        const similarity = gramJaccard(grams, other);
        if (similarity >= t && (!best || similarity > best.similarity || (similarity === best.similarity && index < best.index))) best = { index, similarity };
      }
    }
    return best;
  }

  /** Index a prompt; returns its position. */
  add(prompt: string, lang: string, grams = promptGrams(prompt), keys = bandKeys(grams)): number {
    const index = this.grams.length;
    this.grams.push(grams);
    const tables = this.tablesOf(lang);
    for (let band = 0; band < BANDS; band++) {
      const bucket = tables[band].get(keys[band]);
      if (bucket) bucket.push(index);
      else tables[band].set(keys[band], [index]);
    }
    return index;
  }

  /** `find`, then `add`, hashing once. */
  findAndAdd(prompt: string, lang: string): NearMatch | undefined {
    const grams = promptGrams(prompt);
    const keys = bandKeys(grams);
    const match = this.find(prompt, lang, grams, keys);
    this.add(prompt, lang, grams, keys);
    return match;
  }
}

/**
 * How many seeds have an earlier seed of the same language at or above `threshold` (file
 * order): the figure `seeds stats` and the bench report as near-duplicates.
 */
export function countNearDuplicates(seeds: readonly { prompt: string; lang: string }[], threshold: number): { count: number; examples: { prompt: string; duplicate_of: string; similarity: number }[] } {
  const index = new NearDuplicateIndex(threshold);
  const examples: { prompt: string; duplicate_of: string; similarity: number }[] = [];
  let count = 0;
  for (const seed of seeds) {
    const match = index.findAndAdd(seed.prompt, seed.lang);
    if (match) {
      count++;
      if (examples.length < 5) examples.push({ prompt: seed.prompt, duplicate_of: seeds[match.index].prompt, similarity: Math.round(match.similarity * 1000) / 1000 });
    }
  }
  return { count, examples };
}
