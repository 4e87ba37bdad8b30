import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

/**
 * Pieces (the pre-tokenizer's words) longer than this many bytes are counted in chunks of this
 * size. js-tiktoken merges a piece in time quadratic in its length (a 50 MB run without spaces
 * never finished; 20 KB of base64 took ~100 s), so long runs — base64, minified code, a line of
 * one repeated character — cost a bounded amount per byte instead. Everything shorter, which is
 * all of ordinary prose and code, is counted exactly as tiktoken does.
 */
export const LONG_PIECE_BYTES = 64;

interface Counter {
  pattern: RegExp;
  /** Token rank by the piece's bytes as "b1,b2,…" (js-tiktoken's own table). */
  ranks: Map<string, number>;
  /** The bytes key of each rank (the inverse of `ranks`). */
  keyOf: string[];
  /** Rank of each single byte. */
  byteRank: number[];
  /** Merged rank of two adjacent tokens (left * 2^18 + right), -1 when they do not merge; filled as met. */
  pairs: Map<number, number>;
}

let counter: Counter | undefined;
const utf8 = new TextEncoder();
/** Counts of long-piece chunks already seen (repetitive runs cost one merge per distinct chunk). */
const chunkCounts = new Map<string, number>();
const PAIR_SHIFT = 2 ** 18; // o200k has ~200k tokens

function load(): Counter {
  // The encoder is only used for its rank table; the splitting and merging are done here once.
  const encoder = new Tiktoken(o200kBase) as unknown as { rankMap: Map<string, number>; patStr: string };
  const keyOf: string[] = [];
  for (const [key, rank] of encoder.rankMap) keyOf[rank] = key;
  const byteRank = Array.from({ length: 256 }, (_, b) => encoder.rankMap.get(String(b))!);
  return { pattern: new RegExp(encoder.patStr, 'gu'), ranks: encoder.rankMap, keyOf, byteRank, pairs: new Map() };
}

function pairRank(c: Counter, left: number, right: number): number {
  const id = left * PAIR_SHIFT + right;
  let merged = c.pairs.get(id);
  if (merged === undefined) {
    merged = c.ranks.get(c.keyOf[left] + ',' + c.keyOf[right]) ?? -1;
    if (c.pairs.size > 200_000) c.pairs.clear();
    c.pairs.set(id, merged);
  }
  return merged;
}

/**
 * Byte-pair merge of one piece, as tiktoken does it (always merge the adjacent pair of lowest
 * rank), returning the number of tokens. Parts are token ranks; pair ranks are kept per
 * position and only the two neighbours of a merge are looked up again.
 */
function mergeCount(bytes: Uint8Array, c: Counter): number {
  const parts: number[] = Array.from(bytes, (b) => c.byteRank[b]);
  if (parts.length < 2) return parts.length;
  const next = (i: number): number => {
    if (i + 1 >= parts.length) return Infinity;
    const merged = pairRank(c, parts[i], parts[i + 1]);
    return merged === -1 ? Infinity : merged;
  };
  const rank: number[] = parts.map((_, i) => next(i));
  for (;;) {
    let best = Infinity;
    let at = -1;
    for (let i = 0; i < rank.length - 1; i++) {
      if (rank[i] < best) {
        best = rank[i];
        at = i;
      }
    }
    if (at === -1) return parts.length;
    parts[at] = best;
    parts.splice(at + 1, 1);
    rank.splice(at + 1, 1);
    rank[at] = next(at);
    if (at > 0) rank[at - 1] = next(at - 1);
  }
}

function pieceCount(bytes: Uint8Array, c: Counter): number {
  if (bytes.length <= LONG_PIECE_BYTES) return mergeCount(bytes, c);
  let total = 0;
  for (let start = 0; start < bytes.length; start += LONG_PIECE_BYTES) {
    const chunk = bytes.subarray(start, start + LONG_PIECE_BYTES);
    const key = chunk.join(',');
    let n = chunkCounts.get(key);
    if (n === undefined) {
      n = c.ranks.has(key) ? 1 : mergeCount(chunk, c);
      if (chunkCounts.size > 50_000) chunkCounts.clear();
      chunkCounts.set(key, n);
    }
    total += n;
  }
  return total;
}

/**
 * Token count with a real BPE tokenizer (tiktoken o200k_base, pure JS, offline).
 * Claude's tokenizer is not public; o200k is within a few percent on English prose and code,
 * which is what budgets and cost estimates need. Loaded on first use (~0.3 s). Linear in the
 * text: pieces longer than LONG_PIECE_BYTES are counted in chunks (within ~3 % there).
 * Special-token text such as `<|endoftext|>` is counted as ordinary text.
 */
export function countTokens(text: string): number {
  const c = (counter ??= load());
  const { pattern, ranks } = c;
  let total = 0;
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    const bytes = utf8.encode(match[0]);
    const whole = bytes.length <= LONG_PIECE_BYTES ? ranks.get(bytes.join(',')) : undefined;
    total += whole !== undefined ? 1 : pieceCount(bytes, c);
  }
  return total;
}
