// The labelled retrieval set (`assets/retrieval/queries.jsonl`) and its metrics.
import { z } from 'zod';
import { bundledPath, readJsonlSync } from '../core/index.js';
import { langSchema } from '../schemas/index.js';

export const defaultRetrievalSetFile = bundledPath('assets', 'retrieval', 'queries.jsonl');

/**
 * One labelled query. `relevant` lists what a good answer needs; an inner list is a set of
 * alternatives, any one of which counts (`Body#setSize` or `Components.Size#setBodySize`).
 */
export const retrievalQuerySchema = z.object({
  id: z.string().min(1),
  lang: langSchema,
  query: z.string().min(1),
  relevant: z.array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).min(1),
});
export type RetrievalQuery = z.infer<typeof retrievalQuerySchema>;

export function loadRetrievalSet(file = defaultRetrievalSetFile): RetrievalQuery[] {
  return readJsonlSync(file, { schema: retrievalQuerySchema }).map((row) => row.value);
}

/** Every id a query names, alternatives included. */
export function relevantIds(query: RetrievalQuery): string[] {
  return query.relevant.flat();
}

export interface QueryMetrics {
  recallAt5: number;
  recallAt10: number;
  /** 1 / rank of the first relevant result (0 when none in the ranking). */
  reciprocalRank: number;
}

/** Recall@k counts needs (an alternative set is met by any of its ids); MRR uses the first hit. */
export function scoreRanking(query: RetrievalQuery, ranking: string[]): QueryMetrics {
  const needs = query.relevant.map((need) => new Set(typeof need === 'string' ? [need] : need));
  const recallAt = (k: number) => needs.filter((need) => ranking.slice(0, k).some((id) => need.has(id))).length / needs.length;
  const first = ranking.findIndex((id) => needs.some((need) => need.has(id)));
  return { recallAt5: recallAt(5), recallAt10: recallAt(10), reciprocalRank: first === -1 ? 0 : 1 / (first + 1) };
}

/** Mean of each metric over queries. */
export function meanMetrics(all: QueryMetrics[]): QueryMetrics {
  const mean = (pick: (m: QueryMetrics) => number) => (all.length ? all.reduce((sum, m) => sum + pick(m), 0) / all.length : 0);
  return { recallAt5: mean((m) => m.recallAt5), recallAt10: mean((m) => m.recallAt10), reciprocalRank: mean((m) => m.reciprocalRank) };
}
