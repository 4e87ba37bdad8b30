import { z } from 'zod';

/** `requests`: how seeds become teacher requests. */
export const requestsSection = z
  .strictObject({
    /** Answers asked of the teacher per seed (each a separate request). */
    samples_per_seed: z.number().int().positive().default(2),
    /** Template with `{API_CONTEXT}`, relative to the workspace. */
    system_prompt_file: z.string().default('prompts/teacher_system_prompt.txt'),
  })
  .prefault({});
