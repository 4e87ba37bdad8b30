// The `judge` block of the selection report and of an eval report (`eval score --judge`).
import type { KindOutcome, JudgeOutcome, JudgeSettings } from './run.js';

export interface JudgeReport {
  kind: JudgeSettings['kind'];
  fidelity_weight: number;
  /** Per kind: model, off (no key), verdicts (cached + new), judged now, unreadable, not judged, USD. */
  text?: KindOutcome;
  vision?: KindOutcome;
  /** USD of the verdicts used (all runs) and spent by this run, all kinds. */
  cost_usd: number;
  spent_usd: number;
  /**
   * Answers whose outcome differs with the judge from without it. select: eligibility (every
   * gate, min_score included); eval: "passes and does what was asked". `admitted` were turned
   * away on the deterministic checks alone, `rejected` passed them.
   */
  gate_changes: { admitted: number; rejected: number };
}

/** The judge block of a report, from what the judges did and the gate changes counted. */
export function judgeReport(settings: JudgeSettings, outcome: JudgeOutcome, gateChanges: { admitted: number; rejected: number }): JudgeReport {
  return { kind: settings.kind, fidelity_weight: settings.fidelity_weight, ...outcome.by_kind, cost_usd: outcome.cost_usd, spent_usd: outcome.spent_usd, gate_changes: gateChanges };
}
