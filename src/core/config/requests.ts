import { z } from 'zod';

/** `requests`: how seeds become teacher requests. */
export const requestsSection = z
  .strictObject({
    /** Answers asked of the teacher per seed (each a separate request). */
    samples_per_seed: z.number().int().positive().default(2),
    /** Template with `{API_CONTEXT}`, relative to the workspace; when the default file is missing, the bundled one is used. */
    system_prompt_file: z.string().default('prompts/teacher_system_prompt.txt'),
    /** Output limit written into every request (and its `request_id`); unset = each teacher's own `max_tokens`. */
    max_tokens: z.number().int().positive().optional(),
    /** Sampling temperature written into every request (and its `request_id`); unset = each teacher's own. */
    temperature: z.number().min(0).max(2).optional(),
    /**
     * Distill the seeds of `eval.ood_genres` too. Off by default: `dataset` holds those genres out
     * of every split (they feed the OOD eval set), so their answers would be paid for and dropped.
     */
    distill_ood_genres: z.boolean().default(false),
    /**
     * `run --rounds N`: the most requests a seed gets over all rounds (its first
     * `samples_per_seed` included); a seed without a passing answer gets one more per round until then.
     */
    max_samples_per_seed: z.number().int().positive().default(4),
    /**
     * `run --rounds N`: a later round's request for a failed seed carries the failed code and the
     * validator's issues and asks for a fixed version (`repair_of` on the request); off: a fresh sample.
     */
    repair: z.boolean().default(false),
  })
  .prefault({});
