// Which seeds the training set holds. The rule both stages agree on without sharing state:
// the dataset stage splits by seed group and writes the seed's prompt as each sample's
// instruction, so a seed is "trained on" when its normalised prompt is the prompt of a train
// or val sample. A seed in no split (its answers all failed, or it was never requested) and a
// seed only in the test split are held out, and only those can become iid eval prompts.
import { normalizeText, type Workspace } from '../core/index.js';
import type { Seed } from '../schemas/index.js';
import { readSplitTexts, type SplitName } from './trainingText.js';

export interface SeedMembership {
  /** Seeds with a sample in train or val: never eval prompts. */
  trained: Set<string>;
  /** Seeds with a sample in test only: the first choice for iid prompts. */
  testOnly: Set<string>;
  /** Samples per split whose prompt matches no seed (an official set, edited prompts). */
  unmatched: Record<SplitName, number>;
  samples: Record<SplitName, number>;
}

/** Read the splits once and place every seed. */
export async function seedMembership(workspace: Workspace, seeds: Seed[]): Promise<SeedMembership> {
  const byPrompt = new Map<string, string[]>();
  for (const seed of seeds) {
    const key = normalizeText(seed.prompt);
    byPrompt.set(key, [...(byPrompt.get(key) ?? []), seed.id]);
  }
  const inSplit: Record<SplitName, Set<string>> = { train: new Set(), val: new Set(), test: new Set() };
  const unmatched: Record<SplitName, number> = { train: 0, val: 0, test: 0 };
  const samples: Record<SplitName, number> = { train: 0, val: 0, test: 0 };
  for await (const text of readSplitTexts(workspace, ['train', 'val', 'test'])) {
    samples[text.split]++;
    const ids = byPrompt.get(normalizeText(text.prompt));
    if (!ids) unmatched[text.split]++;
    else for (const id of ids) inSplit[text.split].add(id);
  }
  const trained = new Set([...inSplit.train, ...inSplit.val]);
  const testOnly = new Set([...inSplit.test].filter((id) => !trained.has(id)));
  return { trained, testOnly, unmatched, samples };
}
