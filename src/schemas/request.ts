import { z } from 'zod';

/** One teacher request (DESIGN.md "request"). `request_id` hashes everything that is sent. */
export const requestSchema = z.object({
  request_id: z.string().min(1),
  seed_id: z.string().min(1),
  sample_index: z.number().int().nonnegative(),
  system: z.string(),
  user: z.string(),
  api_refs: z.array(z.string()),
  api_context_tokens: z.number().int().nonnegative(),
});
export type TeacherRequest = z.infer<typeof requestSchema>;
