// Human-readable verdicts for `validate-file` and summaries for `validate`.
import type { LevelName } from '../core/index.js';
import type { Validation } from '../schemas/index.js';
import type { ValidateResult } from './validate.js';

const LEVEL_TITLES: Record<LevelName, string> = { L1: 'syntax', L2: 'API', L3: 'policy', L4: 'runtime' };

function percent(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;
}

/** `game.js: PASS` then one line per level and one per issue (`line:col severity code message`). */
export function formatVerdict(file: string, validation: Validation): string {
  const lines = [`${file}: ${validation.passed ? 'PASS' : 'FAIL'}  (validator ${validation.validator_version})`];
  for (const name of Object.keys(LEVEL_TITLES) as LevelName[]) {
    const result = validation.levels[name];
    if (!result) continue;
    const errors = result.issues.filter((i) => i.severity === 'error').length;
    const warnings = result.issues.filter((i) => i.severity === 'warning').length;
    const state = result.skipped ? 'skipped' : result.passed ? 'pass' : 'FAIL';
    const counts = result.skipped ? '' : `  ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    lines.push(`  ${name} ${LEVEL_TITLES[name].padEnd(8)} ${state.padEnd(8)}${counts}`);
    for (const issue of result.issues) {
      const where = issue.line === null ? '' : `${file}:${issue.line}:${issue.column ?? 1} `;
      lines.push(`    ${where}${issue.severity} ${issue.code}: ${issue.message}`);
    }
  }
  if (validation.unavailable_levels?.length) lines.push(`  not passed: ${validation.unavailable_levels.join(', ')} could not run here (see the message above)`);
  if (validation.runtime) {
    const r = validation.runtime;
    lines.push(`  runtime: ${r.frames} frames, ${r.fps.toFixed(0)} fps, blank=${r.blank}, animated=${r.animated}, input=${r.responds_to_input}${r.screenshot ? `, screenshot ${r.screenshot}` : ''}`);
  }
  return lines.join('\n');
}

/** The `validate` summary: totals, then pass rate and top error codes per level. */
export function formatValidateSummary(result: ValidateResult): string {
  const lines = [
    `validated ${result.candidates} candidates (${result.unique_codes} distinct games, ${result.cached} from cache, ${result.validated_now} checked now)`,
    `passed ${result.passed} (${percent(result.pass_rate)})${result.incomplete ? `, ${result.incomplete} incomplete (a level could not run)` : ''}`,
  ];
  for (const [name, level] of Object.entries(result.levels)) {
    const top = level.top_issues.filter((i) => i.severity === 'error').slice(0, 3).map((i) => `${i.code} ×${i.count}`);
    lines.push(`  ${name}: ${percent(level.pass_rate)} of ${level.ran} passed${level.skipped ? `, ${level.skipped} skipped` : ''}${top.length ? ` — ${top.join(', ')}` : ''}`);
  }
  lines.push(`wrote ${result.validated_file}`, `report ${result.report_file}`);
  return lines.join('\n');
}
