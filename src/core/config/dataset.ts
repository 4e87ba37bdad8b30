import { z } from 'zod';
import { phaserVersionSchema } from './sections.js';

/** `dataset`: the LLaMA-Factory SFT set. */
export const datasetSection = z
  .strictObject({
    /** `sharegpt` = OpenAI-style `messages` (role/content); `sharegpt-classic` = `conversations` (from/value, human/gpt) + a `system` column. */
    format: z.enum(['alpaca', 'sharegpt', 'sharegpt-classic']).default('alpaca'),
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
    /**
     * The student's tokenizer (and so the LLaMA-Factory `template`): token lengths, `cutoff_len`
     * and the written training config follow it. qwen3 → template qwen3, llama3 → llama3,
     * deepseek_v3 → deepseek3.
     */
    tokenizer: z.enum(['qwen3', 'llama3', 'deepseek_v3']).default('qwen3'),
    /**
     * Longest sample kept, in the student's tokens (system + prompt + answer + template tokens).
     * Longer samples are dropped and counted, never handed to the trainer to truncate. 8192 holds
     * the longest single-file games the teachers write with room to spare, and is a length every
     * supported student trains at (their contexts are 32k–128k), without the memory of 16k+.
     */
    cutoff_len: z.number().int().positive().default(8192),
    /** The `license` of the dataset card (a Hugging Face license id). */
    license: z.string().regex(/^[a-z0-9][a-z0-9.+-]*$/i, 'a Hugging Face license id, such as mit, apache-2.0, cc-by-4.0 or other').default('mit'),
    /**
     * Phaser lines whose answers the dataset keeps ("3", "4" or both). Each answer counts for the
     * line its request asked for, only when it passed that line (`compat` from `validate --phaser
     * 3,4`, else its own verdict's line); its system prompt names that line ("Phaser 4.2" /
     * "Phaser 3.90"), so with both the student learns to honour a version request. Absent: every
     * selected answer, with the config line's prompt.
     */
    phaser_lines: z.array(phaserVersionSchema).min(1).optional(),
    /**
     * Also write the LLaMA-Factory preference (DPO) set: for each seed with a selected answer,
     * pairs of that answer (chosen) and an answer of the same seed that failed validation, failed
     * a selection gate, or scored `preference_min_score_gap` lower (rejected). Same seed → split
     * assignment as the SFT set; `--preference` turns it on for one run.
     */
    preference: z.boolean().default(false),
    /**
     * Score gap (the select score, 0–1, judge part left out) at or above which a passing answer
     * counts as clearly worse than the chosen one. 0.15 is about one failed score part of seven:
     * below it two passing games are too close to call from the score alone.
     */
    preference_min_score_gap: z.number().min(0).max(1).default(0.15),
    /** Pairs kept per seed (failed answers first, then failed gates, then the widest score gaps). */
    preference_pairs_per_seed: z.number().int().positive().default(4),
    /**
     * Add each (broken → fixed) pair of `repair_pairs.jsonl` (`requests.repair`) as an SFT
     * sample of its own task: the user turn quotes the broken code and the validator's issues,
     * the answer is the fixed game, the system prompt names the repair task.
     */
    repair_task: z.boolean().default(false),
    /** The student's short system prompt, relative to the workspace (the bundled one when absent). */
    system_prompt_file: z.string().default('prompts/student_system_prompt.txt'),
  })
  .prefault({});
