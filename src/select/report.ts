// What `selection_report.json` says beyond counts: per prompt, who was left with nothing and
// why, and how scores are spread.
import { distribution, tally } from '../core/index.js';
import type { Selected, Validated } from '../schemas/index.js';
import type { ScoredRecord } from './select.js';
import type { DropReason } from './diversity.js';

export interface SelectionReportInput {
  records: Validated[];
  /** Every seed id of the run (shard), including seeds no answer came back for. */
  seedIds: string[];
  ineligible: Map<string, string>;
  failureKeys: Map<string, string>;
  scored: ScoredRecord[];
  selected: Selected[];
  dropped: { record: Validated; reason: DropReason }[];
}

export interface PromptCounts {
  candidates: number;
  passed: number;
  eligible: number;
  selected: number;
}

export interface EmptyPrompt {
  seed_id: string;
  candidates: number;
  /** `no_candidates`, or the reason every candidate was turned away when they share one, else `mixed`. */
  reason: string;
  /** How many candidates were turned away for each reason (failures as `failed_validation:L2:TS2339`). */
  detail: Record<string, number>;
}

const mean = (values: number[]) => (values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 1000) / 1000 : 0);

export function buildSelectionReport(input: SelectionReportInput) {
  const perPrompt: Record<string, PromptCounts> = {};
  const counts = (seedId: string) => (perPrompt[seedId] ??= { candidates: 0, passed: 0, eligible: 0, selected: 0 });
  for (const seedId of [...input.seedIds].sort()) counts(seedId);
  for (const record of input.records) {
    const c = counts(record.seed_id);
    c.candidates++;
    if (record.passed) c.passed++;
  }
  for (const { record } of input.scored) counts(record.seed_id).eligible++;
  for (const record of input.selected) counts(record.seed_id).selected++;

  // Why each turned-away candidate of an empty prompt was turned away.
  const turnedAway = new Map<string, string[]>();
  const note = (seedId: string, reason: string) => turnedAway.set(seedId, [...(turnedAway.get(seedId) ?? []), reason]);
  for (const record of input.records) {
    const reason = input.ineligible.get(record.candidate_id);
    if (!reason) continue;
    const failure = input.failureKeys.get(record.candidate_id);
    note(record.seed_id, failure ? `${reason}:${failure}` : reason);
  }
  for (const { record, reason } of input.dropped) note(record.seed_id, reason);

  const promptsLeftEmpty: EmptyPrompt[] = [];
  for (const [seedId, c] of Object.entries(perPrompt).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (c.selected) continue;
    const reasons = turnedAway.get(seedId) ?? [];
    const kinds = new Set(reasons.map((r) => r.split(':')[0]));
    const reason = !c.candidates ? 'no_candidates' : kinds.size === 1 ? [...kinds][0] : 'mixed';
    promptsLeftEmpty.push({ seed_id: seedId, candidates: c.candidates, reason, detail: tally(reasons) });
  }

  const partNames = [...new Set(input.selected.flatMap((r) => Object.keys(r.score_parts)))].sort();
  const partsMean = Object.fromEntries(
    partNames.map((name) => [name, mean(input.selected.map((r) => r.score_parts[name]).filter((v) => v !== undefined))]),
  );
  return {
    perPrompt,
    promptCount: Object.keys(perPrompt).length,
    promptsLeftEmpty,
    failureKeys: [...input.failureKeys.values()],
    scoreDistribution: {
      selected: distribution(input.selected.map((r) => r.score)),
      eligible: distribution(input.scored.map((r) => r.score)),
    },
    partsMean,
  };
}
