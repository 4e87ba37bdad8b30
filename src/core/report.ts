import { writeJsonAtomic } from './atomic.js';
import type { Shard, Workspace } from './workspace.js';

/**
 * What every stage report holds. A stage declares its own report as an interface extending
 * this one, beside the code that writes it (e.g. `ParseReport` in parse/stage.ts), field by
 * field; readers import that interface.
 */
export interface StageReportBase {
  /** The stage that wrote it. */
  stage: string;
  /** When it was written (ISO 8601). */
  created_at: string;
  /** How long the stage ran. */
  duration_ms: number;
  /** The stage's headline numbers. */
  counts: Record<string, number>;
  /** The settings that shaped its output. */
  settings: Record<string, unknown>;
}

/** Any stage report, read without knowing which (its own fields beside the common ones). */
export interface StageReport extends StageReportBase {
  [key: string]: unknown;
}

/** Wall-clock timer for a stage, for the `duration_ms` of its report. */
export class StageTimer {
  private readonly started = performance.now();
  constructor(readonly stage: string) {}
  elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }
}

/**
 * Write a stage report. Give `R`, the report's own interface (declared beside the stage that
 * writes it), so that the writer and every reader agree on its fields. `name` is the report's file stem (e.g. `parse`, `filter`, `selection`),
 * which follows the original pipeline's names and so is not always the command name.
 */
export function writeStageReport<R extends StageReportBase = StageReport>(
  workspace: Workspace,
  name: string,
  report: Omit<R, 'created_at'> & { created_at?: string },
  options: { shard?: Shard; path?: string } = {},
): string {
  const path = options.path ?? workspace.stageReportFile(name, options.shard);
  writeJsonAtomic(path, { ...report, created_at: report.created_at ?? new Date().toISOString() });
  return path;
}

/** Count occurrences of keys: tally(['a','b','a']) → {a: 2, b: 1}, sorted by count desc. */
export function tally(keys: Iterable<string>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** What `distribution` returns: count, min, p50, p90, p95, max and mean of some numbers. */
export interface Distribution {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  max: number;
  mean: number;
}

/** min / p50 / p90 / p95 / max / mean of a list of numbers (empty → zeros). */
export function distribution(values: number[]): Distribution {
  if (!values.length) return { count: 0, min: 0, p50: 0, p90: 0, p95: 0, max: 0, mean: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { count: sorted.length, min: sorted[0], p50: at(0.5), p90: at(0.9), p95: at(0.95), max: sorted[sorted.length - 1], mean: Math.round(mean * 100) / 100 };
}
