import type { ModelPrice } from '../core/index.js';
import type { Usage } from '../schemas/index.js';

/**
 * The price of `model`: an exact entry, else the longest entry that prefixes it, so that a
 * dated snapshot (`claude-sonnet-4-5-20250929`) finds its alias (`claude-sonnet-4-5`).
 * Undefined when the table has no entry.
 */
export function priceFor(model: string, prices: Record<string, ModelPrice>): ModelPrice | undefined {
  if (prices[model]) return prices[model];
  let best: string | undefined;
  for (const name of Object.keys(prices)) if (model.startsWith(name) && (!best || name.length > best.length)) best = name;
  return best ? prices[best] : undefined;
}

/** USD for one call's usage; `discount` multiplies everything (0.5 for batch APIs). */
export function costUsd(usage: Usage, price: ModelPrice | undefined, discount = 1): number {
  if (!price) return 0;
  const perMillion =
    usage.input_tokens * price.input +
    usage.output_tokens * price.output +
    usage.cache_creation_input_tokens * price.cache_write +
    usage.cache_read_input_tokens * price.cache_read;
  return Math.round((perMillion / 1e6) * discount * 1e8) / 1e8;
}

export const EMPTY_USAGE: Usage = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };

/** Sum of usages. */
export function addUsage(total: Usage, usage: Usage): Usage {
  return {
    input_tokens: total.input_tokens + usage.input_tokens,
    output_tokens: total.output_tokens + usage.output_tokens,
    cache_read_input_tokens: total.cache_read_input_tokens + usage.cache_read_input_tokens,
    cache_creation_input_tokens: total.cache_creation_input_tokens + usage.cache_creation_input_tokens,
  };
}
