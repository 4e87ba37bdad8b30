// Figures of `sft_dataset_report.json`: what each split holds and how long samples are.
import { Progress, countTokens, distribution, tally } from '../core/index.js';
import { SPLITS, conversationText, type Sample, type SplitName } from './sample.js';
import type { StudentTokenizer, TemplateLength } from './tokenizer.js';

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

/**
 * Token lengths per split under the student's tokenizer and template (what LLaMA-Factory
 * feeds the model, the length `cutoff_len` is compared with), from lengths already counted.
 */
export function studentTokenStats(splits: Record<SplitName, Sample[]>, lengths: Map<Sample, TemplateLength>, tokenizer: StudentTokenizer) {
  const out: Record<string, unknown> = {
    tokenizer: tokenizer.source,
    template: tokenizer.spec.template.name,
    counted: `sample = prompt + response under LLaMA-Factory template ${tokenizer.spec.template.name} (system, user turns and template tokens + answers and their closing tokens); answer = the answers alone`,
  };
  for (const split of SPLITS) {
    const of = (pick: (length: TemplateLength) => number) => distribution(splits[split].map((sample) => pick(lengths.get(sample)!)));
    out[split] = { sample: of((l) => l.total), prompt: of((l) => l.prompt), response: of((l) => l.response), answer: of((l) => l.answer) };
  }
  return out;
}

/** Token lengths per split with o200k (the teacher-side counter): whole sample text and the answer alone. */
export function tokenStats(splits: Record<SplitName, Sample[]>, quiet?: boolean) {
  const total = SPLITS.reduce((n, split) => n + splits[split].length, 0);
  const progress = new Progress({ label: 'tokens o200k', total, quiet, unit: 'samples' });
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
  return { tokenizer: 'o200k_base (js-tiktoken)', counted: 'sample = system, prompts and answers joined by newlines, no template; answer = the answers alone', ...out };
}

/** The official records' share of each split and of the whole set. */
export function officialShare(splits: Record<SplitName, Sample[]>) {
  const share = (samples: Sample[]) => (samples.length ? Math.round((samples.filter((s) => s.meta.source === 'official').length / samples.length) * 10_000) / 10_000 : 0);
  return {
    all: share(SPLITS.flatMap((split) => splits[split])),
    ...Object.fromEntries(SPLITS.map((split) => [split, share(splits[split])])),
  };
}
