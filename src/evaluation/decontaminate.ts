// Decontamination of eval prompts against the training set, both ways:
//   - eval prompt vs train prompts: exact (normalised), n-gram overlap, MinHash near-duplicate;
//   - train answers vs eval prompts: n-gram overlap (a plan or comment that quotes the prompt).
// The eval side is small and indexed; the training side is streamed once.
import { SignatureIndex, charShingles, normalizeText, type Config } from '../core/index.js';
import { NgramOverlapIndex, isMostlyCjk } from './ngramOverlap.js';

export type DecontaminationSettings = Config['eval']['decontamination'];

/** One piece of training text: the prompt the student sees and the answer it learns. */
export interface TrainingText {
  prompt: string;
  answer: string;
  /** Where it came from, e.g. `train.jsonl:12` (for the report's examples). */
  where: string;
}

export type ContaminationReason = 'prompt_exact' | 'prompt_ngram' | 'prompt_minhash' | 'answer_ngram';

export interface Contamination {
  reason: ContaminationReason;
  where: string;
  similarity?: number;
}

// 112 permutations (estimate error ≈ ±0.05 at 0.5) in 56 bands of 2 rows: the LSH S-curve passes
// 50% near Jaccard 0.13, far below the 0.5 default threshold, so recall near the threshold is
// high; the many candidates cost little because only the (few) eval prompts are indexed, and
// each is confirmed by the estimate.
const PERMUTATIONS = 112;
const BANDS = 56;
const SHINGLE = 5;

/**
 * Find which eval prompts the training texts contaminate. Returns, per contaminated eval
 * prompt index, the first reason found (prompt checks before answer checks).
 */
export async function findContamination(
  evalPrompts: string[],
  training: AsyncIterable<TrainingText> | Iterable<TrainingText>,
  settings: DecontaminationSettings,
): Promise<Map<number, Contamination>> {
  const found = new Map<number, Contamination>();
  const mark = (index: number, contamination: Contamination) => {
    const previous = found.get(index);
    // A prompt-side reason is the stronger statement; keep it over an answer-side one.
    if (!previous || (previous.reason === 'answer_ngram' && contamination.reason !== 'answer_ngram')) found.set(index, contamination);
  };
  const exact = new Map<string, number[]>();
  evalPrompts.forEach((prompt, index) => {
    const key = normalizeText(prompt);
    exact.set(key, [...(exact.get(key) ?? []), index]);
  });
  const ngrams = new NgramOverlapIndex(evalPrompts, (tokens) => (isMostlyCjk(tokens) ? settings.ngram_chars : settings.ngram_words));
  const signatures = new SignatureIndex(PERMUTATIONS, BANDS);
  for (const prompt of evalPrompts) signatures.add(signatures.hasher.signature(charShingles(prompt, SHINGLE)));

  for await (const text of training) {
    for (const index of exact.get(normalizeText(text.prompt)) ?? []) mark(index, { reason: 'prompt_exact', where: text.where, similarity: 1 });
    for (const index of ngrams.matches(text.prompt)) mark(index, { reason: 'prompt_ngram', where: text.where });
    const signature = signatures.hasher.signature(charShingles(text.prompt, SHINGLE));
    for (const { index, similarity } of signatures.similar(signature)) {
      if (similarity >= settings.minhash_threshold) mark(index, { reason: 'prompt_minhash', where: text.where, similarity: Math.round(similarity * 1000) / 1000 });
    }
    for (const index of ngrams.matches(text.answer)) mark(index, { reason: 'answer_ngram', where: text.where });
  }
  return found;
}
