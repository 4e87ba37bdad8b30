// `distill --dry-run`: what the remaining requests would cost, counted with a real tokenizer.
import { countTokens, type ModelPrice } from '../core/index.js';
import type { Usage } from '../schemas/index.js';
import { costUsd, splitSystemPrompt } from '../llm/index.js';
import type { RequestFile, RequestRef } from './requestFile.js';

/** Providers cache a prompt prefix only from this length on (Anthropic and OpenAI: 1,024 tokens). */
export const MIN_CACHEABLE_TOKENS = 1024;

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
}

export interface EstimateOptions {
  price: ModelPrice | undefined;
  expectedOutputTokens: number;
  /** For requests that do not set their own `max_tokens`. */
  maxTokens: number;
  /** Price multiplier (batch discount). */
  discount: number;
  onProgress?: (n: number) => void;
}

/**
 * Count the tokens of every remaining request: the static prefix once per distinct prefix,
 * the per-request rest and the user turn each time. The first request with a prefix pays
 * the cache write, later ones the cache read (the cache stays warm while a run sends).
 */
export async function estimateRemaining(requests: RequestFile, refs: readonly RequestRef[], options: EstimateOptions): Promise<CostEstimate> {
  const prefixTokens = new Map<string, number>();
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
    if (prefixCount < MIN_CACHEABLE_TOKENS) usage.input_tokens += prefixCount;
    else if (seen) usage.cache_read_input_tokens += prefixCount;
    else usage.cache_creation_input_tokens += prefixCount;
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
  };
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
