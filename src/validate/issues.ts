import { capMessage } from '../core/index.js';
import type { Issue, LevelResult } from '../schemas/index.js';

/** Build an issue; `line`/`column` are 1-based (null when the issue has no position); the message is capped (core MAX_MESSAGE_CHARS). */
export function issue(
  code: string,
  message: string,
  severity: Issue['severity'] = 'error',
  position: { line: number; column: number } | null = null,
): Issue {
  return { code, message: capMessage(message), line: position?.line ?? null, column: position?.column ?? null, severity };
}

/** A level's result from its issues: it passes when none is an error. */
export function levelResult(issues: Issue[]): LevelResult {
  return { passed: !issues.some((i) => i.severity === 'error'), skipped: false, issues };
}

/** A level that did not run; `reason` becomes an info issue so readers know why. */
export function skippedResult(code: string, reason: string): LevelResult {
  return { passed: false, skipped: true, issues: [issue(code, reason, 'info')] };
}

/** True when a level ran and raised at least one error. */
export function hasErrors(result: LevelResult | undefined): boolean {
  return Boolean(result && !result.skipped && !result.passed);
}
