// Which seeds the training set holds. The dataset stage splits by seed group and records each
// sample's split and seed_id in data/sft_dataset/manifest.jsonl; when that file is missing (a
// dataset made elsewhere) a seed is matched by its normalised prompt, which the dataset writes
// as the sample's instruction. A seed with a sample in train or val is "trained on"; a seed in
// no split (its answers all failed, or it was never requested) or only in test is held out,
// and only held-out seeds can become iid eval prompts.
import { existsSync } from 'node:fs';
import { SPLITS, normalizeText, readJsonl, type Workspace } from '../core/index.js';
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
  if (existsSync(workspace.datasetManifestFile)) {
    for await (const row of readJsonl(workspace.datasetManifestFile)) {
      const entry = row.value as { split?: SplitName; seed_id?: string | null };
      if (!entry.split || !(entry.split in samples)) continue;
      samples[entry.split]++;
      if (entry.seed_id) inSplit[entry.split].add(entry.seed_id);
      else unmatched[entry.split]++;
    }
  }
  // Prompts matched too: an official set may contain a seed's prompt without its seed id.
  for await (const text of readSplitTexts(workspace, [...SPLITS])) {
    const ids = byPrompt.get(normalizeText(text.prompt));
    if (!existsSync(workspace.datasetManifestFile)) {
      samples[text.split]++;
      if (!ids) unmatched[text.split]++;
    }
    for (const id of ids ?? []) inSplit[text.split].add(id);
  }
  const trained = new Set([...inSplit.train, ...inSplit.val]);
  const testOnly = new Set([...inSplit.test].filter((id) => !trained.has(id)));
  return { trained, testOnly, unmatched, samples };
}
