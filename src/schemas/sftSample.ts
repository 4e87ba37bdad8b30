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

export const sftSampleSchema = z.union([alpacaSampleSchema, sharegptSampleSchema]);
export type SftSample = z.infer<typeof sftSampleSchema>;
