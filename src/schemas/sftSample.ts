import { z } from 'zod';

/** LLaMA-Factory alpaca sample. */
export const alpacaSampleSchema = z.object({
  instruction: z.string().min(1),
  input: z.string(),
  output: z.string().min(1),
  system: z.string().optional(),
});
export type AlpacaSample = z.infer<typeof alpacaSampleSchema>;

export const messageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

/** LLaMA-Factory sharegpt sample in OpenAI style (`messages` with role/content). */
export const sharegptSampleSchema = z.object({
  messages: z.array(messageSchema).min(2),
});
export type SharegptSample = z.infer<typeof sharegptSampleSchema>;

/** LLaMA-Factory sharegpt sample, classic form (`conversations` with from/value, human/gpt; `system` column). */
export const sharegptClassicSampleSchema = z.object({
  conversations: z.array(z.object({ from: z.enum(['human', 'gpt']), value: z.string() })).min(2),
  system: z.string().optional(),
});
export type SharegptClassicSample = z.infer<typeof sharegptClassicSampleSchema>;

export const sftSampleSchema = z.union([alpacaSampleSchema, sharegptSampleSchema, sharegptClassicSampleSchema]);
export type SftSample = z.infer<typeof sftSampleSchema>;
