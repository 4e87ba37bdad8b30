import { z } from 'zod';

export const usageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cache_read_input_tokens: z.number().int().nonnegative(),
  cache_creation_input_tokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof usageSchema>;

/** One teacher answer (DESIGN.md "raw output"). A failed call is never recorded as one. */
export const rawOutputSchema = z.object({
  request_id: z.string().min(1),
  teacher: z.string(),
  model: z.string(),
  text: z.string(),
  stop_reason: z.string().nullable(),
  usage: usageSchema,
  cost_usd: z.number().nonnegative(),
  latency_ms: z.number().nonnegative(),
  attempts: z.number().int().positive(),
  created_at: z.string(),
  /** Beside the contract fields (written by `distill`): where the request came from, and what happened. */
  seed_id: z.string().optional(),
  sample_index: z.number().int().nonnegative().optional(),
  /** The answer hit the output token limit (`max_tokens` / `length`). */
  truncated: z.boolean().optional(),
  /** The answer was over the size cap (core `MAX_ANSWER_BYTES`): its size in bytes; `text` holds only its head. */
  answer_bytes: z.number().int().positive().optional(),
  /** Replay answers carry the label they were written with: `good` or `flawed:<what>`. */
  label: z.string().optional(),
  /** `--batch`: the Message Batch that answered. */
  batch_id: z.string().optional(),
});
export type RawOutput = z.infer<typeof rawOutputSchema>;
