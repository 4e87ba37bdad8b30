import { z } from 'zod';

/** `requests`: how seeds become teacher requests. */
export const requestsSection = z
  .strictObject({
    /** Answers asked of the teacher per seed (each a separate request). */
    samples_per_seed: z.number().int().positive().default(2),
    /** Template with `{API_CONTEXT}`, relative to the workspace; when the default file is missing, the bundled one is used. */
    system_prompt_file: z.string().default('prompts/teacher_system_prompt.txt'),
    /** Output limit sent with every request (part of its `request_id`). */
    max_tokens: z.number().int().positive().default(8192),
    /** Sampling temperature sent with every request (part of its `request_id`). */
    temperature: z.number().min(0).max(2).default(0.8),
  })
  .prefault({});
