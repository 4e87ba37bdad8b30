// `distill --dry-run`: what the remaining requests would cost, counted with a real tokenizer.
import { countTokens, type ModelPrice } from '../core/index.js';
import type { Usage } from '../schemas/index.js';
import { costUsd, splitSystemPrompt } from '../llm/index.js';
import type { RequestFile, RequestRef } from './requestFile.js';

/**
 * The shortest prefix a model caches; below it `cache_control` silently does nothing. Anthropic's
 * minimum depends on the model (prompt caching docs and provider gateway tables, 2026): 512 for
 * Opus 5 / Fable 5 / Mythos 5; 1,024 for Sonnet 5, Opus 4.8, Sonnet 4.5, Sonnet 4, Opus 4.1, Opus 4,
 * Sonnet 3.7; 2,048 for Haiku 3.5 / 3 (and Sonnet 4.6 and Opus 4.7 by some tables: the larger
 * figure is kept); 4,096 for Opus 4.7 (one table says 2,048), Opus 4.6, Opus 4.5, Haiku 4.5.
 * OpenAI caches automatically from 1,024. Longest matching prefix wins; an unknown model gets
 * the largest figure, so a prefix long enough for it is long enough for any.
 */
export const MIN_CACHEABLE_TOKENS: Readonly<Record<string, number>> = {
  'claude-opus-5': 512,
  'claude-fable-5': 512,
  'claude-mythos-5': 512,
  'claude-sonnet-5': 1024,
  'claude-opus-4-8': 1024,
  'claude-opus-4-7': 4096,
  'claude-opus-4-6': 4096,
  'claude-opus-4-5': 4096,
  'claude-opus-4-1': 1024,
  'claude-opus-4': 1024,
  'claude-sonnet-4-6': 2048,
  'claude-sonnet-4-5': 1024,
  'claude-sonnet-4': 1024,
  'claude-3-7-sonnet': 1024,
  'claude-haiku-4-5': 4096,
  'claude-3-5-haiku': 2048,
  'claude-3-haiku': 2048,
  'gpt-': 1024,
  o1: 1024,
  o3: 1024,
  o4: 1024,
};
/** For a model the table does not know: the largest minimum. */
export const UNKNOWN_MODEL_MIN_CACHEABLE_TOKENS = 4096;

/** The minimum cacheable prefix for a model (`claude-sonnet-5-5-20260901` → the `claude-sonnet-5` row). */
export function minCacheableTokens(model: string): { tokens: number; known: boolean } {
  const key = Object.keys(MIN_CACHEABLE_TOKENS)
    .filter((prefix) => model.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return key ? { tokens: MIN_CACHEABLE_TOKENS[key], known: true } : { tokens: UNKNOWN_MODEL_MIN_CACHEABLE_TOKENS, known: false };
}

/** What the dry run predicts about prompt caching (tokens counted with o200k, as everywhere here). */
export interface CachePrediction {
  /** The model's minimum (`known: false`: not in the table, the largest minimum assumed). */
  min_cacheable_tokens: number;
  min_known: boolean;
  /** Distinct static prefixes among the remaining requests (1 when every request shares the rules and toolkit). */
  distinct_prefixes: number;
  /** Tokens of the (largest) static prefix, and whether it reaches the minimum. */
  prefix_tokens: number;
  cacheable: boolean;
  /** Requests whose prefix would be read from the cache, and those tokens. */
  predicted_cache_read_requests: number;
  predicted_cache_read_tokens: number;
  predicted_cache_write_tokens: number;
}

export interface CostEstimate {
  requests: number;
  /** Input-side tokens, however they are billed (plain + cache write + cache read). */
  input_tokens: number;
  usage: Usage;
  expected_output_tokens_per_request: number;
  /** With prompt caching of the static system prefix and the expected output length. */
  estimated_cost_usd: number;
  /** Nothing cached and every answer at `max_tokens`. */
  upper_bound_cost_usd: number;
  priced: boolean;
  cache: CachePrediction;
}

export interface EstimateOptions {
  price: ModelPrice | undefined;
  expectedOutputTokens: number;
  /** For requests that do not set their own `max_tokens`. */
  maxTokens: number;
  /** Price multiplier (batch discount). */
  discount: number;
  /** The model, for its minimum cacheable prefix (default: unknown, the largest minimum). */
  model?: string;
  onProgress?: (n: number) => void;
}

/**
 * Count the tokens of every remaining request: the static prefix once per distinct prefix,
 * the per-request rest and the user turn each time. The first request with a prefix pays
 * the cache write, later ones the cache read (the cache stays warm while a run sends).
 */
export async function estimateRemaining(requests: RequestFile, refs: readonly RequestRef[], options: EstimateOptions): Promise<CostEstimate> {
  const prefixTokens = new Map<string, number>();
  const minimum = options.model ? minCacheableTokens(options.model) : { tokens: UNKNOWN_MODEL_MIN_CACHEABLE_TOKENS, known: false };
  let readRequests = 0;
  const usage: Usage = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  let inputTokens = 0;
  let worstOutputTokens = 0;
  for (const ref of refs) {
    const request = await requests.read(ref);
    worstOutputTokens += request.max_tokens ?? options.maxTokens;
    const { prefix, rest } = splitSystemPrompt(request.system);
    const seen = prefixTokens.has(prefix);
    const prefixCount = prefixTokens.get(prefix) ?? countTokens(prefix);
    prefixTokens.set(prefix, prefixCount);
    const restCount = countTokens(rest) + countTokens(request.user);
    inputTokens += prefixCount + restCount;
    usage.input_tokens += restCount;
    if (prefixCount < minimum.tokens) usage.input_tokens += prefixCount;
    else if (seen) {
      usage.cache_read_input_tokens += prefixCount;
      readRequests++;
    } else usage.cache_creation_input_tokens += prefixCount;
    options.onProgress?.(1);
  }
  const expected = Math.round(options.expectedOutputTokens);
  usage.output_tokens = expected * refs.length;
  const worst: Usage = { input_tokens: inputTokens, output_tokens: worstOutputTokens, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  return {
    requests: refs.length,
    input_tokens: inputTokens,
    usage,
    expected_output_tokens_per_request: expected,
    estimated_cost_usd: round4(costUsd(usage, options.price, options.discount)),
    upper_bound_cost_usd: round4(costUsd(worst, options.price, options.discount)),
    priced: options.price !== undefined,
    cache: {
      min_cacheable_tokens: minimum.tokens,
      min_known: minimum.known,
      distinct_prefixes: prefixTokens.size,
      prefix_tokens: Math.max(0, ...prefixTokens.values()),
      cacheable: prefixTokens.size > 0 && [...prefixTokens.values()].every((n) => n >= minimum.tokens),
      predicted_cache_read_requests: readRequests,
      predicted_cache_read_tokens: usage.cache_read_input_tokens,
      predicted_cache_write_tokens: usage.cache_creation_input_tokens,
    },
  };
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
