// No silent truncation: LLaMA-Factory cuts every sample longer than its `cutoff_len` (default
// 2048) and trains on the stump — a game without its end. Samples longer than
// `dataset.cutoff_len` in the student's tokens are dropped here instead, and counted.
import { Progress, logger } from '../core/index.js';
import { SPLITS, type Sample, type SplitName } from './sample.js';
import type { StudentTokenizer, TemplateLength } from './tokenizer.js';

/** LLaMA-Factory's `cutoff_len` when a training config does not set it (`hparams/data_args.py`). */
export const LLAMA_FACTORY_DEFAULT_CUTOFF = 2048;

/**
 * Why a sample was dropped: its answer alone (with its closing tokens) is over the cutoff, or
 * the whole sample (system + prompt + answer + template tokens) is.
 */
export type CutoffReason = 'answer_over_cutoff' | 'sample_over_cutoff';

export interface DroppedSample {
  split: SplitName;
  reason: CutoffReason;
  tokens: number;
  id: string;
  seed_id: string | null;
  candidate_id: string | null;
  source: string;
}

export interface CutoffResult {
  kept: Record<SplitName, Sample[]>;
  dropped: DroppedSample[];
  /** Dropped samples by split, then by reason. */
  droppedBySplit: Record<SplitName, Partial<Record<CutoffReason, number>>>;
  /** Longest kept sample, student tokens. */
  longestKept: number;
  /** Kept samples LLaMA-Factory's default cutoff_len would truncate, by split. */
  overDefault: Record<SplitName, number>;
}

/** Count every sample under the student's template, once. */
export function countLengths(splits: Record<SplitName, Sample[]>, tokenizer: StudentTokenizer, quiet?: boolean): Map<Sample, TemplateLength> {
  const all = SPLITS.flatMap((split) => splits[split]);
  const progress = new Progress({ label: `tokens ${tokenizer.name}`, total: all.length, quiet, unit: 'samples' });
  const lengths = new Map<Sample, TemplateLength>();
  for (const sample of all) {
    lengths.set(sample, tokenizer.lengthOf(sample.conversation));
    progress.tick();
  }
  progress.finish();
  return lengths;
}

/** Keep samples of at most `cutoffLen` tokens; the split of every other sample is left as it was. */
export function applyCutoff(splits: Record<SplitName, Sample[]>, lengths: Map<Sample, TemplateLength>, cutoffLen: number): CutoffResult {
  const kept = { train: [], val: [], test: [] } as Record<SplitName, Sample[]>;
  const dropped: DroppedSample[] = [];
  const droppedBySplit = { train: {}, val: {}, test: {} } as CutoffResult['droppedBySplit'];
  const overDefault = { train: 0, val: 0, test: 0 };
  let longestKept = 0;
  for (const split of SPLITS) {
    for (const sample of splits[split]) {
      const length = lengths.get(sample)!;
      if (length.total <= cutoffLen) {
        kept[split].push(sample);
        longestKept = Math.max(longestKept, length.total);
        if (length.total > LLAMA_FACTORY_DEFAULT_CUTOFF) overDefault[split]++;
        continue;
      }
      const reason: CutoffReason = length.response > cutoffLen ? 'answer_over_cutoff' : 'sample_over_cutoff';
      droppedBySplit[split][reason] = (droppedBySplit[split][reason] ?? 0) + 1;
      const { id, seed_id, candidate_id, source } = sample.meta;
      dropped.push({ split, reason, tokens: length.total, id, seed_id, candidate_id, source });
    }
  }
  return { kept, dropped, droppedBySplit, longestKept, overDefault };
}

/** The two warnings: what was dropped, and how many kept samples LLaMA-Factory's default would cut. */
export function warnCutoff(result: CutoffResult, cutoffLen: number, tokenizer: string, configFile: string): void {
  if (result.dropped.length) {
    const bySplit = SPLITS.filter((split) => Object.keys(result.droppedBySplit[split]).length).map(
      (split) =>
        `${split} ${Object.entries(result.droppedBySplit[split])
          .map(([reason, n]) => `${n} ${reason}`)
          .join(', ')}`,
    );
    logger.warn(`${result.dropped.length} samples longer than cutoff_len ${cutoffLen} (${tokenizer} tokens) dropped, not truncated: ${bySplit.join('; ')}`);
  }
  const kept = SPLITS.reduce((n, split) => n + result.kept[split].length, 0);
  const overDefault = SPLITS.reduce((n, split) => n + result.overDefault[split], 0);
  if (overDefault) {
    logger.warn(
      `${overDefault} of ${kept} samples are longer than LLaMA-Factory's default cutoff_len ${LLAMA_FACTORY_DEFAULT_CUTOFF} and would be truncated by it: train with ${configFile} (cutoff_len: ${cutoffLen}) or set cutoff_len >= ${result.longestKept}`,
    );
  }
}
