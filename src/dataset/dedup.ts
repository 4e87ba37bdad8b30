// Exact and near-duplicate removal over the whole set (distilled first, in selection rank
// order, then official), on what the student learns: the assistant's answer.
import { MinHasher, codeTokenHashes, codeTokens, dedupe, normalizeText, shingleHashesOf, tokenShingles, type DuplicateOf } from '../core/index.js';
import type { Sample } from './sample.js';

export interface DedupSettings {
  threshold: number;
  shingleSize: number;
  permutations: number;
  bands: number;
}

/** Removed duplicates, counted by kind and by which sources the pair came from. */
export interface DedupCounts {
  exact: Record<string, number>;
  near: Record<string, number>;
}

export interface DedupResult {
  kept: Sample[];
  removed: DuplicateOf<Sample>[];
  counts: DedupCounts;
}

/** The answers of a conversation, the text compared for duplicates. */
function answerText(sample: Sample): string {
  return sample.conversation.turns.map((turn) => turn.assistant).join('\n');
}

/** `distilled`, `official`, or `official_vs_distilled` (an official record repeating a distilled one). */
function pairKind(removed: DuplicateOf<Sample>): string {
  const [a, b] = [removed.item.meta.source, removed.duplicateOf.meta.source];
  return a === b ? a : 'official_vs_distilled';
}

/**
 * Keep the first sample of every group of duplicates. Exact: the normalised answer text.
 * Near: MinHash over hashed code-token shingles (`shingleSize`-grams), LSH with `bands` bands of
 * `permutations / bands` rows, confirmed by the signature's Jaccard estimate ≥ `threshold`.
 */
export function dedupSamples(samples: Sample[], settings: DedupSettings, onProgress?: () => void): DedupResult {
  const hasher = new MinHasher(settings.permutations);
  const { kept, removed } = dedupe(samples, {
    shingles: (sample) => tokenShingles(codeTokens(answerText(sample)), settings.shingleSize),
    // Hashed tokens and n-grams: a MinHash of the same n-gram sets, without building ~2,500 strings per answer.
    signatureOf: (sample) => {
      onProgress?.();
      return hasher.signatureOfHashes(shingleHashesOf(codeTokenHashes(answerText(sample)), settings.shingleSize));
    },
    exactKey: (sample) => normalizeText(answerText(sample)),
    threshold: settings.threshold,
    permutations: settings.permutations,
    bands: settings.bands,
  });
  const counts: DedupCounts = { exact: {}, near: {} };
  for (const entry of removed) {
    const bucket = counts[entry.kind];
    const kind = pairKind(entry);
    bucket[kind] = (bucket[kind] ?? 0) + 1;
  }
  return { kept, removed, counts };
}

/** Where the LSH S-curve crosses one half: about (1/bands)^(1/rows). */
export function lshThreshold(permutations: number, bands: number): number {
  const rows = Math.floor(permutations / bands);
  return Math.round(Math.pow(1 / bands, 1 / rows) * 1000) / 1000;
}

/** Probability that a pair of true Jaccard `similarity` becomes an LSH candidate. */
export function lshCandidateProbability(similarity: number, permutations: number, bands: number): number {
  const rows = Math.floor(permutations / bands);
  return 1 - Math.pow(1 - Math.pow(similarity, rows), bands);
}

/** How dedup ran, for the report and the card. */
export function describeDedup(settings: DedupSettings) {
  return {
    compared: 'assistant answers ([PLAN] + code)',
    exact: 'normalised answer text (NFKC, lower case, whitespace collapsed)',
    shingles: `code-token ${settings.shingleSize}-grams`,
    permutations: settings.permutations,
    bands: settings.bands,
    rows: Math.floor(settings.permutations / settings.bands),
    threshold: settings.threshold,
    lsh_s_curve_midpoint: lshThreshold(settings.permutations, settings.bands),
    confirmed_by: 'MinHash estimate of Jaccard >= threshold',
  };
}
