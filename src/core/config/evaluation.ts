import { z } from 'zod';

/** `eval`: evaluation prompt sets, decontamination and student inference. */
export const evalSection = z
  .strictObject({
    /** Genres held out of training for the OOD split (the dataset stage must leave them out of train). */
    ood_genres: z.array(z.string()).default(['rhythm', 'sports']),
    /** Mechanic pairs held out of training by design (picked from the taxonomy by `random_seed`): the dataset stage leaves out seeds that combine one, and OOD prompts ask for them. 0: none. */
    ood_mechanic_pairs: z.number().int().nonnegative().default(4),
    iid_count: z.number().int().nonnegative().default(40),
    ood_count: z.number().int().nonnegative().default(40),
    human_count: z.number().int().nonnegative().default(20),
    /** Random seed of the (deterministic) sampling of eval prompts. */
    random_seed: z.number().int().default(7),
    decontamination: z
      .strictObject({
        /** Word n-gram length for space-separated text (the GPT-3 13-gram rule). */
        ngram_words: z.number().int().min(4).default(13),
        /** Character n-gram length for Chinese text (a CJK character is one token). */
        ngram_chars: z.number().int().min(4).default(12),
        /** MinHash Jaccard (character 5-grams) at or above which an eval prompt is too close to a train prompt. */
        minhash_threshold: z.number().min(0).max(1).default(0.5),
      })
      .prefault({}),
    infer: z
      .strictObject({
        concurrency: z.number().int().positive().default(8),
        max_tokens: z.number().int().positive().default(8192),
        temperature: z.number().min(0).max(2).default(0.2),
        request_timeout_ms: z.number().int().positive().default(600_000),
        /** System prompt sent to the student; default: the dataset's student system prompt (none when absent). */
        system_prompt: z.string().optional(),
      })
      .prefault({}),
  })
  .prefault({});
