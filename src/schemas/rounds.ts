import { z } from 'zod';
import { repairOfSchema } from './request.js';

/**
 * One request `run --rounds` adds for a seed without a passing answer (a line of
 * `data/sft_distill/rounds_plan.jsonl`); `requests` turns it into a request record.
 */
export const resampleSchema = z.object({
  seed_id: z.string().min(1),
  sample_index: z.number().int().nonnegative(),
  round: z.number().int().min(2),
  /** A larger output limit: the seed's last answer was cut at max_tokens and not re-asked (batch, replay). */
  max_tokens: z.number().int().positive().optional(),
  repair_of: repairOfSchema.optional(),
});
export type Resample = z.infer<typeof resampleSchema>;

/** A (broken → fixed) pair: a repair request whose answer passed (a line of `data/sft_distill/repair_pairs.jsonl`). */
export const repairPairSchema = z.object({
  seed_id: z.string().min(1),
  round: z.number().int().min(2),
  /** The repair request (its `user` quotes the broken code and the issues). */
  request_id: z.string().min(1),
  broken: repairOfSchema,
  fixed: z.object({ candidate_id: z.string().min(1), code_hash: z.string().min(1) }),
});
export type RepairPair = z.infer<typeof repairPairSchema>;
