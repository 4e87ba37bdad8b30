import { z } from 'zod';

/** `api_index`: retrieval and context-building settings. */
export const apiIndexSection = z
  .strictObject({
    /** Docs retrieved per request before packing. */
    top_k: z.number().int().positive().default(24),
    /** Token budget of the API context injected into the system prompt. */
    context_token_budget: z.number().int().positive().default(1500),
  })
  .prefault({});
