// Train/val/test assignment by seed group (no seed in two splits), stratified by genre and
// language, deterministic for a given `--seed`.
import { stableHash } from '../core/index.js';
import { SPLITS, type Sample, type SplitName } from './sample.js';

/** Ratios as given (`0.9,0.05,0.05` or `90,5,5`), normalised to sum to 1. */
export function normaliseRatios(ratios: readonly number[]): [number, number, number] {
  const sum = ratios.reduce((s, r) => s + r, 0);
  return [ratios[0] / sum, ratios[1] / sum, ratios[2] / sum];
}

interface Group {
  key: string;
  stratum: string;
  size: number;
  order: string;
}

/**
 * Split samples by group. Groups are ordered stratum by stratum (genre|lang, sorted), shuffled
 * within a stratum by a hash of (seed, group); each group then goes to the split furthest
 * below its target share of everything assigned so far. Walking strata one after another
 * with one running tally gives every stratum its share to within a group or two, and the
 * whole set its ratios to within one group.
 */
export function assignSplits(samples: Sample[], ratios: readonly number[], seed: number): Record<SplitName, Sample[]> {
  const shares = normaliseRatios(ratios);
  const groups = new Map<string, Group>();
  for (const sample of samples) {
    const group = groups.get(sample.meta.group);
    if (group) group.size++;
    else {
      groups.set(sample.meta.group, {
        key: sample.meta.group,
        // A group's stratum is that of its first sample; a seed has one genre and language.
        stratum: `${sample.meta.genre}|${sample.meta.lang}`,
        size: 1,
        order: stableHash([seed, sample.meta.group]),
      });
    }
  }
  const ordered = [...groups.values()].sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const counts = [0, 0, 0];
  let assigned = 0;
  const splitOfGroup = new Map<string, SplitName>();
  for (const group of ordered) {
    const total = assigned + group.size;
    let best = -1;
    let bestDeficit = -Infinity;
    for (let i = 0; i < SPLITS.length; i++) {
      if (shares[i] <= 0) continue;
      const deficit = shares[i] * total - counts[i];
      if (deficit > bestDeficit) {
        best = i;
        bestDeficit = deficit;
      }
    }
    counts[best] += group.size;
    assigned = total;
    splitOfGroup.set(group.key, SPLITS[best]);
  }
  const out: Record<SplitName, Sample[]> = { train: [], val: [], test: [] };
  for (const sample of samples) out[splitOfGroup.get(sample.meta.group)!].push(sample);
  // Within a split, a seeded order that keeps no trace of the input order or of the strata.
  for (const split of SPLITS) {
    out[split] = out[split]
      .map((sample) => ({ sample, key: stableHash([seed, sample.meta.id]) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((entry) => entry.sample);
  }
  return out;
}
