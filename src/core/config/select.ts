import { z } from 'zod';

/**
 * Default weight of each quality part (every part is in [0, 1]; the score is the weighted
 * mean over the parts a record has). Runtime signals and following the request weigh most;
 * size and plan shape are tie-breakers.
 */
export const defaultSelectWeights: Record<string, number> = {
  levels: 2,
  warnings: 1,
  fps: 1,
  runtime_clean: 1,
  animated: 1,
  responds_to_input: 1.5,
  size: 0.5,
  plan: 0.5,
  plan_consistency: 0.5,
  mechanics: 1,
  api_usage: 0.5,
  judge: 2,
  fidelity: 2,
};

/** `select`: L5 quality score weights and diversity limits. */
export const selectSection = z
  .strictObject({
    per_prompt: z.number().int().positive().default(2),
    /** Gates (each counted in the selection report): an answer with an empty or missing [PLAN] is not eligible. */
    require_plan: z.boolean().default(true),
    /** Controls the request names (keyboard, pointer) that the scripted player found unresponsive make an answer ineligible. */
    require_responsive_controls: z.boolean().default(true),
    /**
     * Lowest request fidelity (src/validate/fidelity/: what was asked → evidence) an answer may have; 0 turns the gate off.
     * 0.5 by measurement (bench/judge-agreement.ts threshold sweep): it keeps 6/6 matched fixture pairs and turns
     * away 21/30 mismatched ones (0.3: 15/30), and keeps every demo answer 0.3 kept.
     */
    min_fidelity: z.number().min(0).max(1).default(0.5),
    /** Lowest quality score an answer may have; 0 turns the gate off. */
    min_score: z.number().min(0).max(1).default(0.3),
    /** Largest code similarity (Jaccard over code-token shingles) between two answers kept for one prompt. */
    max_similarity: z.number().min(0).max(1).default(0.8),
    /** Weight of each score part; parts are in [0, 1]. Unlisted parts keep their default weight, 0 turns a part off. */
    weights: z.record(z.string(), z.number().nonnegative()).default({}),
    /**
     * A record whose L4 was requested but skipped (no browser): `reject` (default — the run
     * asked for runtime proof and did not get it) or `allow` (scored with its runtime parts at 0).
     * A record validated without L4 at all (`validate --levels L1,L2,L3`) is always eligible.
     */
    on_l4_skipped: z.enum(['reject', 'allow']).default('reject'),
    /**
     * Across the whole set, an answer is dropped when this many kept answers (of any prompt) are
     * already more than `cluster_similarity` similar to it. 1 (default) matches `dataset`'s
     * near-duplicate removal, so a prompt whose best answer copies another prompt's game gets
     * its next-best distinct answer here instead of losing it at `dataset` time.
     */
    max_cluster: z.number().int().positive().default(1),
    cluster_similarity: z.number().min(0).max(1).default(0.8),
    /** Code-token shingle length for the similarity measures. */
    shingle_size: z.number().int().positive().default(5),
    /** Lines of code that score full marks for size; the score falls linearly to 0 at half the low end and double the high end. */
    size_band_lines: z.tuple([z.number().int().positive(), z.number().int().positive()]).default([60, 600]),
    /** Frames per second that score full marks (software rendering in headless Chromium runs slower than a desktop). */
    fps_target: z.number().positive().default(30),
    /** Request-API members used in the code that score full marks for `api_usage`. */
    api_target: z.number().int().positive().default(6),
    /**
     * `select --judge` / `eval score --judge` (src/judge/): a model answers a checklist of what the
     * request asks for — the text judge from request + plan + code, the vision judge from the L4
     * screenshot. Verdicts are cached in judge_cache.jsonl (code, request, model, kind, rubric).
     */
    judge: z
      .strictObject({
        /** Which judges run: `text` (request + plan + code), `vision` (the screenshot) or `both`. */
        kind: z.enum(['text', 'vision', 'both']).default('vision'),
        /** `claude` (Anthropic Messages, ANTHROPIC_API_KEY) or `openai` (any OpenAI-compatible endpoint, e.g. Qwen2.5-VL on vLLM), for both kinds. */
        provider: z.enum(['claude', 'openai']).default('claude'),
        // Haiku 5.5: current, reads images, $0.10/$0.50 per million tokens (claude-sonnet-4-5 reached end of life 2026-11-30).
        /** The vision judge's model. */
        model: z.string().default('claude-haiku-5-5'),
        /** The text judge's model (Haiku 5.5: the cheapest current Claude in teacher.prices). */
        text_model: z.string().default('claude-haiku-5-5'),
        /** Vision replies: one boolean per statement. */
        max_tokens: z.number().int().positive().default(300),
        /** Text replies: a verdict and a few words of evidence per statement. */
        text_max_tokens: z.number().int().positive().default(800),
        /**
         * Weight of the judges' score (mean of the kinds run) in `fidelity`: fidelity = (1 − w) ×
         * heuristic + w × judge. 0 = the deterministic fidelity alone (the judge is then only the
         * `judge` score part). Both parts are kept in `fidelity_parts`.
         */
        fidelity_weight: z.number().min(0).max(1).default(0.5),
        concurrency: z.number().int().positive().default(4),
        /** Stop judging once this run's spend (all kinds) would pass this (USD); prices from `teacher.prices`. */
        max_cost_usd: z.number().positive().optional(),
      })
      .prefault({}),
  })
  .prefault({});
