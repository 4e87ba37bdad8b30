import { z } from 'zod';

/** `dataset`: the LLaMA-Factory SFT set. */
export const datasetSection = z
  .strictObject({
    format: z.enum(['alpaca', 'sharegpt']).default('alpaca'),
    split: z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().nonnegative()]).default([0.9, 0.05, 0.05]),
    seed: z.number().int().default(42),
    /** MinHash similarity at or above which two samples are near-duplicates. */
    near_dup_threshold: z.number().min(0).max(1).default(0.8),
    /** Code-token shingle length for near-duplicate detection. */
    shingle_size: z.number().int().positive().default(5),
    /** MinHash permutations and LSH bands (rows per band = permutations / bands). */
    permutations: z.number().int().positive().default(112),
    bands: z.number().int().positive().default(14),
    /** Dataset names in `dataset_info.json` are `<name>_train`, `<name>_val`, `<name>_test`. */
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('phaser_sft'),
    /** Leave seeds of `eval.ood_genres` out of every split, so the OOD eval prompts are genres the student never trained on. */
    hold_out_ood_genres: z.boolean().default(true),
    /** The student's short system prompt, relative to the workspace (the bundled one when absent). */
    system_prompt_file: z.string().default('prompts/student_system_prompt.txt'),
  })
  .prefault({});
