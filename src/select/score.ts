// L5 quality score: every part in [0, 1], the score their weighted mean. `score_parts` keeps
// each part so a reader can see why one answer outranks another.
import { LEVEL_NAMES, type Config } from '../core/index.js';
import { defaultSelectWeights } from '../core/config/select.js';
import type { Issue, Seed, TeacherRequest, Validated } from '../schemas/index.js';
import { measureFidelity, type Fidelity } from '../validate/index.js';
import { apiUsage, codeIdentifiers, mechanicsCoverage, planConsistency, planShape } from './signals.js';

export type SelectSettings = Config['select'];

/**
 * Why a record cannot be selected at all (before diversity), or undefined when it can. The
 * fidelity gates apply when the fidelity is known (the record's own, or measured against its seed).
 */
export function ineligibleReason(record: Validated, settings: SelectSettings, fidelity?: Fidelity): string | undefined {
  if (!record.passed) return 'failed_validation';
  if (!record.code.trim()) return 'empty_code';
  if (record.levels.L4?.skipped && settings.on_l4_skipped === 'reject') return 'l4_skipped';
  if (settings.require_plan && !record.plan.trim()) return 'empty_plan';
  if (fidelity && settings.require_responsive_controls && fidelity.unresponsive_controls.length) return 'controls_unresponsive';
  if (fidelity && fidelity.fidelity < settings.min_fidelity) return 'below_min_fidelity';
  return undefined;
}

/** A record's fidelity: the one validate wrote, else measured against its seed; undefined without either. */
export function fidelityOf(record: Validated, seed: Seed | undefined): Fidelity | undefined {
  if (record.fidelity !== undefined && record.fidelity_checks?.length) return { fidelity: record.fidelity, fidelity_checks: record.fidelity_checks, unresponsive_controls: record.unresponsive_controls ?? [] };
  const measured = seed ? measureFidelity(seed, record.code, record.runtime?.probes, record.runtime?.responds_to_input) : undefined;
  return measured && measured.fidelity_checks.length ? measured : undefined;
}

/** The first failing level and issue code of a failed record, e.g. `L2:TS2339`, for reports. */
export function failureKey(record: Validated): string {
  for (const level of LEVEL_NAMES) {
    const result = record.levels[level];
    if (result && !result.skipped && !result.passed) {
      const issue = result.issues.find((i) => i.severity === 'error') ?? result.issues[0];
      return issue ? `${level}:${issue.code}` : level;
    }
  }
  return 'unknown';
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** 1 inside [low, high] lines, falling linearly to 0 at low/2 and at 2×high. */
export function sizeScore(lines: number, [low, high]: [number, number]): number {
  if (lines >= low && lines <= high) return 1;
  if (lines < low) return Math.max(0, (lines - low / 2) / (low / 2));
  return Math.max(0, (2 * high - lines) / high);
}

function warningCount(record: Validated): number {
  let count = 0;
  for (const result of Object.values(record.levels)) {
    if (result) count += result.issues.filter((issue: Issue) => issue.severity === 'warning').length;
  }
  return count;
}

export interface ScoreContext {
  seed?: Seed;
  request?: TeacherRequest;
  /** The judges' score in [0, 1] (mean of the kinds run) when `--judge` ran for this code. */
  judge?: number;
  fidelity?: Fidelity;
}

/**
 * The parts of one record's score. Runtime parts that were not measured (no L4) score 0 — a
 * game nobody saw run earns no runtime credit. Parts with nothing to check (a seed without
 * mechanics, a plan naming no API, no judge) are left out and the weights renormalise.
 */
export function scoreParts(record: Validated, context: ScoreContext, settings: SelectSettings): Record<string, number> {
  const runtime = record.runtime;
  const levelsRun = Object.values(record.levels).filter((r) => r && !r.skipped && r.passed).length;
  const identifiers = codeIdentifiers(record.code);
  const lines = record.code.split('\n').filter((line) => line.trim()).length;
  const parts: Record<string, number | undefined> = {
    levels: levelsRun / 4,
    warnings: 1 / (1 + warningCount(record) / 3),
    fps: runtime ? Math.min(1, runtime.fps / settings.fps_target) : 0,
    runtime_clean: runtime && !runtime.blank ? 1 / (1 + runtime.errors.length) : 0,
    animated: runtime?.animated ? 1 : 0,
    responds_to_input: runtime?.responds_to_input ? 1 : 0,
    size: sizeScore(lines, settings.size_band_lines),
    plan: planShape(record.plan),
    plan_consistency: planConsistency(record.plan, identifiers),
    mechanics: context.seed ? mechanicsCoverage(context.seed.mechanics, record.code, identifiers) : undefined,
    api_usage: context.request ? apiUsage(context.request.api_refs, identifiers, settings.api_target) : undefined,
    judge: context.judge,
    fidelity: context.fidelity?.fidelity,
  };
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(parts)) if (value !== undefined) out[name] = round(value);
  return out;
}

/** The weight of every part: the defaults, overridden by `select.weights` in the config. */
export function effectiveWeights(settings: SelectSettings): Record<string, number> {
  return { ...defaultSelectWeights, ...settings.weights };
}

/** Weighted mean of the parts present (a part with no weight counts 0). */
export function combineScore(parts: Record<string, number>, weights: Record<string, number>): number {
  let total = 0;
  let weightSum = 0;
  for (const [name, value] of Object.entries(parts)) {
    const weight = weights[name] ?? 0;
    total += weight * value;
    weightSum += weight;
  }
  return weightSum ? round(total / weightSum) : 0;
}
