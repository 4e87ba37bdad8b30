// Near-duplicate detection shared by every stage that needs it: seed dedup, selection
// diversity, dataset dedup and eval decontamination. One implementation, several callers.

/** NFKC, lower case, whitespace collapsed: the form texts are compared in. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Character n-grams of the normalised text (works for Chinese, which has no spaces). */
export function charShingles(text: string, n = 3): Set<string> {
  const s = normalizeText(text).replace(/[\s\p{P}]+/gu, '');
  const out = new Set<string>();
  if (s.length <= n) {
    if (s) out.add(s);
    return out;
  }
  for (let i = 0; i + n <= s.length; i++) out.add(s.slice(i, i + n));
  return out;
}

/** Code/word tokens: identifiers, numbers, single CJK characters and operators. */
export function codeTokens(text: string): string[] {
  return text.match(/[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|[\u3400-\u9fff]|[^\s\w]/g) ?? [];
}

/** n-grams of tokens, joined by a space. */
export function tokenShingles(tokens: string[], n = 5): Set<string> {
  const out = new Set<string>();
  if (tokens.length <= n) {
    if (tokens.length) out.add(tokens.join(' '));
    return out;
  }
  for (let i = 0; i + n <= tokens.length; i++) out.add(tokens.slice(i, i + n).join(' '));
  return out;
}

/**
 * 32-bit hashes of the token n-grams, for MinHash only: what `tokenShingles` gives, hashed
 * without building the n-gram strings (each token hashed once, n-grams combined with a
 * polynomial). Duplicates are kept — a minimum does not care — so no set is built either;
 * ~10× cheaper than shingles + `signature` on 4 KB of code.
 */
export function tokenShingleHashes(tokens: string[], n = 5): Uint32Array {
  const tokenHashes = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) tokenHashes[i] = hash32(tokens[i]);
  return shingleHashesOf(tokenHashes, n);
}

function combineHashes(hashes: Uint32Array, start: number, n: number): number {
  let h = 0x2545f491;
  for (let j = 0; j < n; j++) h = (Math.imul(h, 0x01000193) + hashes[start + j]) | 0;
  return fmix32(h);
}

/**
 * `codeTokens(text).map(hash32)` without building the token strings: one pass over the
 * characters with the same token rules, hashing as it goes (the tokenizer is the largest cost
 * of hashing 100k code samples).
 */
export function codeTokenHashes(text: string): Uint32Array {
  let out = new Uint32Array(Math.max(16, text.length >> 2));
  let count = 0;
  const emit = (h: number) => {
    if (count === out.length) {
      const grown = new Uint32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[count++] = fmix32(h);
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let h = 0x811c9dc5;
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(text.charCodeAt(i))) h = Math.imul(h ^ text.charCodeAt(i++), 0x01000193);
      emit(h);
    } else if (isDigit(c)) {
      while (i < n && isDigit(text.charCodeAt(i))) h = Math.imul(h ^ text.charCodeAt(i++), 0x01000193);
      if (i + 1 < n && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        h = Math.imul(h ^ 46, 0x01000193);
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) h = Math.imul(h ^ text.charCodeAt(i++), 0x01000193);
      }
      emit(h);
    } else if (isSpace(c)) {
      i++;
    } else {
      // A CJK ideograph or any other non-word character: a token of one UTF-16 unit.
      emit(Math.imul(h ^ c, 0x01000193));
      i++;
    }
  }
  return out.subarray(0, count);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);
/** JavaScript's `\s`. */
const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** `tokenShingleHashes` for already-hashed tokens (from `codeTokenHashes`). */
export function shingleHashesOf(tokenHashes: Uint32Array, n = 5): Uint32Array {
  if (tokenHashes.length <= n) return tokenHashes.length ? Uint32Array.of(combineHashes(tokenHashes, 0, tokenHashes.length)) : new Uint32Array(0);
  const out = new Uint32Array(tokenHashes.length - n + 1);
  for (let i = 0; i < out.length; i++) out[i] = combineHashes(tokenHashes, i, n);
  return out;
}

/** Exact Jaccard similarity of two sets. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** 32-bit FNV-1a over UTF-16 code units, finished with murmur3's fmix32 for avalanche. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** MurmurHash3's 32-bit finaliser: mixes every input bit into every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * MinHash signatures. Large sets use one-permutation hashing with rotation densification
 * (Shrivastava & Li, 2014): one hash per shingle instead of one per shingle and permutation,
 * O(shingles) rather than O(shingles × permutations), which is what makes 100k code samples
 * cheap. Sets smaller than the signature would leave most bins empty and bias that estimate,
 * so they use classic MinHash (one salted hash per permutation), which is cheap at that size.
 */
export class MinHasher {
  private readonly salts: Uint32Array;
  constructor(readonly size = 112) {
    this.salts = Uint32Array.from({ length: size }, (_, i) => fmix32(i + 1));
  }

  signature(shingles: Set<string>): Uint32Array {
    return this.signatureOfHashes(Uint32Array.from(shingles, (shingle) => hash32(shingle)));
  }

  /** The signature of already-hashed shingles (e.g. `tokenShingleHashes`); repeats are harmless. */
  signatureOfHashes(hashes: Uint32Array): Uint32Array {
    return hashes.length < this.size * 2 ? this.classic(hashes) : this.onePermutation(hashes);
  }

  private classic(hashes: Uint32Array): Uint32Array {
    const sig = new Uint32Array(this.size).fill(0xffffffff);
    for (const h of hashes) {
      for (let i = 0; i < this.size; i++) {
        const value = fmix32(h ^ this.salts[i]);
        if (value < sig[i]) sig[i] = value;
      }
    }
    return sig;
  }

  private onePermutation(hashes: Uint32Array): Uint32Array {
    const k = this.size;
    const sig = new Uint32Array(k).fill(0xffffffff);
    const filled = new Uint8Array(k);
    let any = false;
    for (const h of hashes) {
      const bin = Math.floor((h / 4294967296) * k);
      const value = fmix32(h ^ 0x9e3779b9);
      if (value < sig[bin] || !filled[bin]) {
        sig[bin] = value;
        filled[bin] = 1;
      }
      any = true;
    }
    if (!any) return sig;
    // Densify: an empty bin borrows from the next filled bin to its right, salted by distance.
    for (let i = 0; i < k; i++) {
      if (filled[i]) continue;
      let j = (i + 1) % k;
      let distance = 1;
      while (!filled[j]) {
        j = (j + 1) % k;
        distance++;
      }
      sig[i] = fmix32(sig[j] + Math.imul(distance, 0x61c88647));
    }
    return sig;
  }
}

/** Fraction of equal positions: the MinHash estimate of Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * Locality-sensitive hashing over MinHash signatures: `bands` bands of `rows` rows. Two items
 * become candidates when any band matches; the S-curve threshold is about (1/bands)^(1/rows)
 * (14 bands × 8 rows ≈ 0.72).
 */
export class LshIndex<Id> {
  private readonly tables: Map<string, Id[]>[];
  constructor(
    readonly bands = 14,
    readonly rows = 8,
  ) {
    this.tables = Array.from({ length: bands }, () => new Map());
  }

  private key(sig: Uint32Array, band: number): string {
    const start = band * this.rows;
    let key = '';
    for (let r = 0; r < this.rows; r++) key += sig[start + r].toString(36) + ',';
    return key;
  }

  /** Ids already added that share a band with `sig`. */
  candidates(sig: Uint32Array): Set<Id> {
    const out = new Set<Id>();
    for (let band = 0; band < this.bands; band++) {
      const bucket = this.tables[band].get(this.key(sig, band));
      if (bucket) for (const id of bucket) out.add(id);
    }
    return out;
  }

  add(id: Id, sig: Uint32Array): void {
    for (let band = 0; band < this.bands; band++) {
      const key = this.key(sig, band);
      const bucket = this.tables[band].get(key);
      if (bucket) bucket.push(id);
      else this.tables[band].set(key, [id]);
    }
  }
}

/**
 * MinHash signatures kept in an LSH index: the signature → LSH → estimate loop that dedup,
 * selection's cluster cap and decontamination share. Items are numbered in the order they are
 * added; `similar` yields the added items that share a band with a signature, with their
 * estimated Jaccard similarity, in the order LSH finds them.
 */
export class SignatureIndex {
  readonly hasher: MinHasher;
  private readonly lsh: LshIndex<number>;
  private readonly signatures: Uint32Array[] = [];

  constructor(permutations = 112, bands = 14) {
    this.hasher = new MinHasher(permutations);
    this.lsh = new LshIndex<number>(bands, Math.floor(permutations / bands));
  }

  /** How many signatures were added. */
  get size(): number {
    return this.signatures.length;
  }

  /** Add a signature; returns its number. */
  add(signature: Uint32Array): number {
    const index = this.signatures.length;
    this.lsh.add(index, signature);
    this.signatures.push(signature);
    return index;
  }

  /** LSH candidates of `signature`, without estimating. */
  candidates(signature: Uint32Array): Set<number> {
    return this.lsh.candidates(signature);
  }

  /** Every LSH candidate of `signature` with its estimated Jaccard similarity. */
  *similar(signature: Uint32Array): Generator<{ index: number; similarity: number }> {
    for (const index of this.lsh.candidates(signature)) yield { index, similarity: estimateJaccard(signature, this.signatures[index]) };
  }
}

export interface DedupOptions<T> {
  /** Shingles of an item (e.g. charShingles of a prompt, tokenShingles of code). */
  shingles: (item: T) => Set<string>;
  /** Similarity at or above which an item duplicates an earlier one. */
  threshold: number;
  /** Exact text key (after normalisation) for exact-duplicate removal; default: none. */
  exactKey?: (item: T) => string;
  permutations?: number;
  bands?: number;
  /** Verify LSH candidates with exact Jaccard on shingle sets (slower, more memory); default: signature estimate. */
  exact?: boolean;
  /**
   * The MinHash signature of an item (its position in `items` given), when the caller has a
   * cheaper way (`signatureOfHashes(tokenShingleHashes(…))`) or computed it elsewhere (worker
   * threads); it must come from a `MinHasher` of `permutations`. `shingles` is then only used
   * with `exact`.
   */
  signatureOf?: (item: T, index: number) => Uint32Array;
}

export interface DuplicateOf<T> {
  item: T;
  duplicateOf: T;
  kind: 'exact' | 'near';
  similarity: number;
}

/**
 * Keep the first of every group of exact or near-duplicate items, in input order.
 * Near-duplicates are found by MinHash LSH and confirmed by (estimated or exact) Jaccard.
 */
export function dedupe<T>(items: T[], options: DedupOptions<T>): { kept: T[]; removed: DuplicateOf<T>[] } {
  const index = new SignatureIndex(options.permutations ?? 112, options.bands ?? 14);
  const exactSeen = new Map<string, number>();
  const kept: T[] = [];
  const keptSets: Set<string>[] = [];
  const removed: DuplicateOf<T>[] = [];
  for (const [position, item] of items.entries()) {
    if (options.exactKey) {
      const key = options.exactKey(item);
      const first = exactSeen.get(key);
      if (first !== undefined) {
        removed.push({ item, duplicateOf: kept[first], kind: 'exact', similarity: 1 });
        continue;
      }
    }
    const set = options.signatureOf && !options.exact ? undefined : options.shingles(item);
    const sig = options.signatureOf ? options.signatureOf(item, position) : index.hasher.signature(set!);
    let best = -1;
    let bestSim = 0;
    const candidates = options.exact ? [...index.candidates(sig)].map((i) => ({ index: i, similarity: jaccard(set!, keptSets[i]) })) : index.similar(sig);
    for (const { index: candidate, similarity } of candidates) {
      if (similarity >= options.threshold && similarity > bestSim) {
        best = candidate;
        bestSim = similarity;
      }
    }
    if (best !== -1) {
      removed.push({ item, duplicateOf: kept[best], kind: 'near', similarity: Math.round(bestSim * 1000) / 1000 });
      continue;
    }
    kept.push(item);
    if (options.exact) keptSets.push(set!);
    const added = index.add(sig);
    if (options.exactKey) exactSeen.set(options.exactKey(item), added);
  }
  return { kept, removed };
}
