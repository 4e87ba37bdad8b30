// BM25F over a few weighted fields, with precomputed per-term impacts so a query is a few
// array walks (the API index has ~8k docs; a query touches a few thousand postings).

export interface FieldSpec {
  name: string;
  /** How much a term in this field counts relative to the others. */
  weight: number;
  /** Length normalisation (BM25 `b`) for this field. */
  b: number;
}

interface Posting {
  docs: Int32Array;
  /** Saturated BM25F term frequency per doc, already divided by (k1 + tf). */
  impacts: Float32Array;
  idf: number;
}

export interface Bm25Options {
  k1?: number;
}

/**
 * A BM25F index: each document is a list of token arrays, one per field. Scores are
 * `Σ_query-terms weight · idf · tf̃ / (k1 + tf̃)` with `tf̃ = Σ_fields w_f · tf_f / (1 − b_f + b_f · len_f / avglen_f)`.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
  readonly size: number;
  private readonly scores: Float64Array;


  constructor(fields: FieldSpec[], documents: string[][][], options: Bm25Options = {}) {
    const k1 = options.k1 ?? 1.2;
    this.size = documents.length;
    this.scores = new Float64Array(this.size);
    const averageLength = fields.map((_, f) => documents.reduce((sum, doc) => sum + doc[f].length, 0) / Math.max(1, documents.length) || 1);

    const collected = new Map<string, { docs: number[]; tf: number[] }>();
    documents.forEach((doc, docIndex) => {
      const weighted = new Map<string, number>();
      fields.forEach((field, f) => {
        const tokens = doc[f];
        if (!tokens.length) return;
        const norm = 1 - field.b + (field.b * tokens.length) / averageLength[f];
        for (const token of tokens) weighted.set(token, (weighted.get(token) ?? 0) + field.weight / norm);
      });
      for (const [token, tf] of weighted) {
        let entry = collected.get(token);
        if (!entry) collected.set(token, (entry = { docs: [], tf: [] }));
        entry.docs.push(docIndex);
        entry.tf.push(tf);
      }
    });
    for (const [token, { docs, tf }] of collected) {
      const idf = Math.log(1 + (this.size - docs.length + 0.5) / (docs.length + 0.5));
      this.postings.set(token, {
        docs: Int32Array.from(docs),
        impacts: Float32Array.from(tf, (t) => t / (k1 + t)),
        idf,
      });
    }
  }

  /** Whether any document has this token. */
  has(token: string): boolean {
    return this.postings.has(token);
  }

  /** Document frequency of a token. */
  documentFrequency(token: string): number {
    return this.postings.get(token)?.docs.length ?? 0;
  }

  /**
   * Top `k` documents for weighted query terms; `prior` (per doc, multiplicative) folds in
   * query-independent knowledge such as "game-facing namespace".
   */
  search(terms: Map<string, number>, k: number, prior?: Float32Array): Array<{ index: number; score: number }> {
    const scores = this.scores;
    const touched: number[] = [];
    for (const [token, weight] of terms) {
      const posting = this.postings.get(token);
      if (!posting) continue;
      const factor = weight * posting.idf;
      const { docs, impacts } = posting;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i];
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += factor * impacts[i];
      }
    }
    // Bounded min-heap of the best k: O(n log k) instead of sorting every touched doc.
    const heap: Array<{ index: number; score: number }> = [];
    for (const doc of touched) {
      const score = prior ? scores[doc] * prior[doc] : scores[doc];
      scores[doc] = 0; // reset the shared buffer for the next query
      if (score <= 0) continue;
      if (heap.length < k) heapPush(heap, { index: doc, score });
      else if (worse(heap[0], { index: doc, score })) heapReplaceTop(heap, { index: doc, score });
    }
    return heap.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}


type Hit = { index: number; score: number };

/** Ranking order: higher score first, then lower doc index (stable across runs). */
function worse(a: Hit, b: Hit): boolean {
  return a.score < b.score || (a.score === b.score && a.index > b.index);
}

function heapPush(heap: Hit[], hit: Hit): void {
  heap.push(hit);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function heapReplaceTop(heap: Hit[], hit: Hit): void {
  heap[0] = hit;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && worse(heap[left], heap[smallest])) smallest = left;
    if (right < heap.length && worse(heap[right], heap[smallest])) smallest = right;
    if (smallest === i) return;
    [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
    i = smallest;
  }
}
