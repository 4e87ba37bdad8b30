import { z } from 'zod';

/** `eval`: evaluation prompt sets and student inference. */
export const evalSection = z
  .strictObject({
    /** Genres held out of training for the OOD split. */
    ood_genres: z.array(z.string()).default(['rhythm', 'sports']),
    iid_count: z.number().int().nonnegative().default(40),
    ood_count: z.number().int().nonnegative().default(40),
    human_count: z.number().int().nonnegative().default(20),
    infer: z
      .strictObject({
        concurrency: z.number().int().positive().default(8),
        max_tokens: z.number().int().positive().default(8192),
        temperature: z.number().min(0).max(2).default(0.2),
      })
      .prefault({}),
  })
  .prefault({});
