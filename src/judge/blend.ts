// How a judge's score enters `fidelity`: a weighted mean with the deterministic (heuristic)
// fidelity, the weight `select.judge.fidelity_weight`. Both parts are kept on the record so a
// reader can see which one moved it.
import type { Fidelity } from '../validate/index.js';

/** The parts of a blended fidelity, kept on selected records and scored eval generations. */
export interface FidelityParts {
  /** The deterministic fidelity (probes, code, APIs: src/validate/fidelity/). */
  heuristic: number;
  /** The judges' score (mean over the kinds that gave one), null without a readable verdict. */
  judge: number | null;
  text?: number;
  vision?: number;
  /** The judge's weight in `fidelity` (0 when no judge score: the heuristic alone). */
  weight: number;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * `fidelity` = (1 − w) × heuristic + w × judge, where judge is the mean of the kinds' scores;
 * without a judge score (off, unreadable, no screenshot) or with w = 0 it is the heuristic alone.
 */
export function blendFidelity(heuristic: number, scores: { text?: number; vision?: number }, weight: number): { fidelity: number; parts: FidelityParts } {
  const present = [scores.text, scores.vision].filter((s): s is number => s !== undefined);
  const judge = present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
  const w = judge === null ? 0 : weight;
  const parts: FidelityParts = { heuristic, judge: judge === null ? null : round(judge), ...(scores.text !== undefined ? { text: scores.text } : {}), ...(scores.vision !== undefined ? { vision: scores.vision } : {}), weight: w };
  return { fidelity: round((1 - w) * heuristic + w * (judge ?? 0)), parts };
}

/** A deterministic fidelity with the judges' score blended in; unchanged (no parts) without one of them. */
export function blendedFidelity(heuristic: Fidelity | undefined, scores: { text?: number; vision?: number } | undefined, weight: number): { fidelity: Fidelity | undefined; parts?: FidelityParts } {
  if (!heuristic || !scores) return { fidelity: heuristic };
  const blended = blendFidelity(heuristic.fidelity, scores, weight);
  return { fidelity: { ...heuristic, fidelity: blended.fidelity }, parts: blended.parts };
}
