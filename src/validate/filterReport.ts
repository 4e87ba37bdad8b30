// `filter_report.json`: how many candidates each level let through and why the others failed.
import type { LevelName } from '../core/index.js';
import type { Validated } from '../schemas/index.js';

const TOP_ISSUES = 10;

export interface IssueSummary {
  code: string;
  severity: string;
  /** Candidates with this issue (each counted once). */
  count: number;
  example: { candidate_id: string; code_hash: string; message: string; line: number | null; column: number | null };
}

export interface LevelSummary {
  ran: number;
  passed: number;
  failed: number;
  skipped: number;
  /** passed / ran (null when the level never ran). */
  pass_rate: number | null;
  top_issues: IssueSummary[];
}

export interface FilterSummary {
  candidates: number;
  passed: number;
  pass_rate: number | null;
  /** Candidates whose verdict lacks a level that could not run (L4 without a browser). */
  incomplete: number;
  levels: Partial<Record<LevelName, LevelSummary>>;
}

function rate(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Pass rates per level and the most frequent issue codes (errors first), each with an example. */
export function summariseValidated(records: Iterable<Validated>, levels: LevelName[]): FilterSummary {
  let candidates = 0;
  let passed = 0;
  let incomplete = 0;
  const perLevel = new Map<LevelName, { ran: number; passed: number; skipped: number; issues: Map<string, IssueSummary> }>();
  for (const name of levels) perLevel.set(name, { ran: 0, passed: 0, skipped: 0, issues: new Map() });
  for (const record of records) {
    candidates++;
    if (record.passed) passed++;
    if (record.unavailable_levels?.length) incomplete++;
    for (const name of levels) {
      const result = record.levels[name];
      const stats = perLevel.get(name)!;
      if (!result || result.skipped) {
        stats.skipped++;
        continue;
      }
      stats.ran++;
      if (result.passed) stats.passed++;
      const seen = new Set<string>();
      for (const issue of result.issues) {
        const id = `${issue.severity}:${issue.code}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const summary = stats.issues.get(id);
        if (summary) summary.count++;
        else {
          stats.issues.set(id, {
            code: issue.code,
            severity: issue.severity,
            count: 1,
            example: { candidate_id: record.candidate_id, code_hash: record.code_hash, message: issue.message, line: issue.line, column: issue.column },
          });
        }
      }
    }
  }
  const severityRank: Record<string, number> = { error: 0, warning: 1, info: 2 };
  const summaries: Partial<Record<LevelName, LevelSummary>> = {};
  for (const [name, stats] of perLevel) {
    const top = [...stats.issues.values()].sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || b.count - a.count || a.code.localeCompare(b.code));
    summaries[name] = {
      ran: stats.ran,
      passed: stats.passed,
      failed: stats.ran - stats.passed,
      skipped: stats.skipped,
      pass_rate: rate(stats.passed, stats.ran),
      top_issues: top.slice(0, TOP_ISSUES),
    };
  }
  return { candidates, passed, pass_rate: rate(passed, candidates), incomplete, levels: summaries };
}
