import { z } from 'zod';
import { modelPriceSchema } from './sections.js';

const modelSettings = (model: string) =>
  z
    .strictObject({
      model: z.string().default(model),
      max_tokens: z.number().int().positive().default(8192),
      temperature: z.number().min(0).max(2).default(0.8),
    })
    .prefault({});

/** `teacher`: providers, concurrency, retries and the price table (USD per million tokens). */
export const teacherSection = z
  .strictObject({
    claude: modelSettings('claude-sonnet-4-5'),
    openai: modelSettings('gpt-4.1'),
    concurrency: z.number().int().positive().default(8),
    max_retries: z.number().int().nonnegative().default(6),
    request_timeout_ms: z.number().int().positive().default(600_000),
    /** Stop starting new requests once spend would pass this (USD); unset = no cap. */
    max_cost_usd: z.number().positive().optional(),
    prices: z.record(z.string(), modelPriceSchema).default({
      'claude-opus-4-1': { input: 15, output: 75, cache_write: 18.75, cache_read: 1.5 },
      'claude-opus-4-5': { input: 5, output: 25, cache_write: 6.25, cache_read: 0.5 },
      'claude-sonnet-4-5': { input: 3, output: 15, cache_write: 3.75, cache_read: 0.3 },
      'claude-sonnet-4': { input: 3, output: 15, cache_write: 3.75, cache_read: 0.3 },
      'claude-haiku-4-5': { input: 1, output: 5, cache_write: 1.25, cache_read: 0.1 },
      'gpt-4.1': { input: 2, output: 8, cache_write: 2, cache_read: 0.5 },
      'gpt-4.1-mini': { input: 0.4, output: 1.6, cache_write: 0.4, cache_read: 0.1 },
      'deepseek-chat': { input: 0.27, output: 1.1, cache_write: 0.27, cache_read: 0.07 },
      replay: { input: 0, output: 0, cache_write: 0, cache_read: 0 },
    }),
  })
  .prefault({});
