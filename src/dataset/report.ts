// Figures of `sft_dataset_report.json`: what each split holds and how long samples are.
import { Progress, countTokens, distribution, tally } from '../core/index.js';
import { SPLITS, conversationText, type Sample, type SplitName } from './sample.js';

export function splitComposition(splits: Record<SplitName, Sample[]>) {
  return Object.fromEntries(
    SPLITS.map((split) => {
      const samples = splits[split];
      return [
        split,
        {
          samples: samples.length,
          seeds: new Set(samples.map((s) => s.meta.group)).size,
          genre: tally(samples.map((s) => s.meta.genre)),
          lang: tally(samples.map((s) => s.meta.lang)),
          difficulty: tally(samples.map((s) => s.meta.difficulty)),
          source: tally(samples.map((s) => s.meta.source)),
        },
      ];
    }),
  );
}

/** Token lengths per split with the real tokenizer: whole sample and the answer alone. */
export function tokenStats(splits: Record<SplitName, Sample[]>, quiet?: boolean) {
  const total = SPLITS.reduce((n, split) => n + splits[split].length, 0);
  const progress = new Progress({ label: 'tokens', total, quiet, unit: 'samples' });
  const out: Record<string, { sample: ReturnType<typeof distribution>; answer: ReturnType<typeof distribution> }> = {};
  for (const split of SPLITS) {
    const sampleTokens: number[] = [];
    const answerTokens: number[] = [];
    for (const sample of splits[split]) {
      sampleTokens.push(countTokens(conversationText(sample.conversation)));
      answerTokens.push(countTokens(sample.conversation.turns.map((t) => t.assistant).join('\n')));
      progress.tick();
    }
    out[split] = { sample: distribution(sampleTokens), answer: distribution(answerTokens) };
  }
  progress.finish();
  return { tokenizer: 'o200k_base (js-tiktoken)', ...out };
}

/** The official records' share of each split and of the whole set. */
export function officialShare(splits: Record<SplitName, Sample[]>) {
  const share = (samples: Sample[]) => (samples.length ? Math.round((samples.filter((s) => s.meta.source === 'official').length / samples.length) * 10_000) / 10_000 : 0);
  return {
    all: share(SPLITS.flatMap((split) => splits[split])),
    ...Object.fromEntries(SPLITS.map((split) => [split, share(splits[split])])),
  };
}
