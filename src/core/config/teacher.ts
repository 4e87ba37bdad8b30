import { z } from 'zod';
import { modelPriceSchema } from './sections.js';

const temperature = z.number().min(0).max(2);

/** Claude: `temperature` has no default and is not sent unless set (newer Claude models deprecate it). */
const claudeSettings = z
  .strictObject({
    // claude-sonnet-4-5 reaches end-of-life on 2026-11-30; Sonnet 5.5 is the current Sonnet.
    model: z.string().default('claude-sonnet-5-5'),
    /** Leaves room for adaptive thinking, which counts against it. */
    max_tokens: z.number().int().positive().default(16_000),
    temperature: temperature.optional(),
    /** Claude's `output_config.effort` (low … max); unset = the model's default. */
    effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).optional(),
  })
  .prefault({});

const openAiSettings = z
  .strictObject({
    model: z.string().default('gpt-4.1'),
    max_tokens: z.number().int().positive().default(8192),
    temperature: temperature.default(0.8),
  })
  .prefault({});

/**
 * Default prices, USD per million tokens, from the providers' pricing pages as of November
 * 2026 (they change: check yours). `cache_write` is Anthropic's 5-minute cache write; OpenAI
 * and DeepSeek cache automatically, so their write price is the input price. Tiered prices
 * (Haiku 5.5 above 100k prompt tokens, long-context surcharges) are not modelled: requests
 * here are far smaller. Batch APIs take `batch_discount` off everything. A dated snapshot
 * (`claude-sonnet-5-5-20260901`) finds its alias by prefix.
 */
const DEFAULT_PRICES = {
  'claude-fable-5-1': { input: 10, output: 50, cache_write: 12.5, cache_read: 0.25 },
  'claude-fable-5': { input: 10, output: 50, cache_write: 12.5, cache_read: 1 },
  'claude-opus-5-5': { input: 4, output: 20, cache_write: 5, cache_read: 0.2 },
  'claude-opus-5': { input: 5, output: 25, cache_write: 6.25, cache_read: 0.5 },
  'claude-opus-4-8': { input: 5, output: 25, cache_write: 6.25, cache_read: 0.5 },
  'claude-opus-4-7': { input: 5, output: 25, cache_write: 6.25, cache_read: 0.5 },
  'claude-opus-4-6': { input: 5, output: 25, cache_write: 6.25, cache_read: 0.5 },
  'claude-opus-4-5': { input: 5, output: 25, cache_write: 6.25, cache_read: 0.5 },
  'claude-opus-4-1': { input: 15, output: 75, cache_write: 18.75, cache_read: 1.5 },
  'claude-sonnet-5-5': { input: 2, output: 10, cache_write: 2.5, cache_read: 0.1 },
  'claude-sonnet-5': { input: 2, output: 10, cache_write: 2.5, cache_read: 0.2 },
  'claude-sonnet-4-6': { input: 3, output: 15, cache_write: 3.75, cache_read: 0.3 },
  'claude-sonnet-4-5': { input: 3, output: 15, cache_write: 3.75, cache_read: 0.3 },
  'claude-sonnet-4': { input: 3, output: 15, cache_write: 3.75, cache_read: 0.3 },
  'claude-haiku-5-5': { input: 0.1, output: 0.5, cache_write: 0.125, cache_read: 0.01 },
  'claude-haiku-4-5': { input: 1, output: 5, cache_write: 1.25, cache_read: 0.1 },
  'gpt-5': { input: 1.25, output: 10, cache_write: 1.25, cache_read: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cache_write: 0.25, cache_read: 0.025 },
  'gpt-4.1': { input: 2, output: 8, cache_write: 2, cache_read: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cache_write: 0.4, cache_read: 0.1 },
  'gpt-4o': { input: 2.5, output: 10, cache_write: 2.5, cache_read: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cache_write: 0.15, cache_read: 0.075 },
  'deepseek-chat': { input: 0.28, output: 0.42, cache_write: 0.28, cache_read: 0.028 },
  'deepseek-reasoner': { input: 0.28, output: 0.42, cache_write: 0.28, cache_read: 0.028 },
  replay: { input: 0, output: 0, cache_write: 0, cache_read: 0 },
};

/** `teacher`: providers, concurrency, retries, batch mode and the price table (USD per million tokens). */
export const teacherSection = z
  .strictObject({
    claude: claudeSettings,
    openai: openAiSettings,
    concurrency: z.number().int().positive().default(8),
    /** Retries after the first attempt, on 429/529/5xx/dropped connections (exponential backoff + jitter). */
    max_retries: z.number().int().nonnegative().default(6),
    /** First retry delay; doubles each retry up to `retry_max_ms` (a server's retry-after is a floor). */
    retry_base_ms: z.number().int().positive().default(1000),
    retry_max_ms: z.number().int().positive().default(60_000),
    request_timeout_ms: z.number().int().positive().default(600_000),
    /** Stop starting new requests once spend would pass this (USD); unset = no cap. */
    max_cost_usd: z.number().positive().optional(),
    /**
     * An answer cut off at its limit (stop_reason max_tokens / length) is asked once more with
     * this `max_tokens` (online mode); unset = twice the limit the request was sent with, at most
     * 64,000; 0 = no re-ask (the truncated answer is kept as it is).
     */
    truncation_retry_max_tokens: z.number().int().nonnegative().optional(),
    /** Output tokens expected per answer, for `--dry-run` and the budget until real answers give an average. */
    expected_output_tokens: z.number().int().positive().default(4000),
    /** `--batch`: requests per Message Batch (the API allows up to 100,000 / 256 MB). */
    batch_size: z.number().int().positive().max(100_000).default(10_000),
    /** `--batch`: seconds between status polls. */
    batch_poll_seconds: z.number().positive().default(30),
    /** `--batch`: price multiplier of batch APIs (Anthropic and OpenAI: half price). */
    batch_discount: z.number().positive().max(1).default(0.5),
    /** Model → price; a model missing here costs 0 with a warning, and `--max-cost-usd` refuses it. */
    prices: z.record(z.string(), modelPriceSchema).default(DEFAULT_PRICES),
  })
  .prefault({});
