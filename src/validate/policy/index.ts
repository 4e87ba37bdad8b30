// L3 policy: a game is one offline, self-contained script with a sane config and a bounded size.
import type { ValidatorLevel } from '../level.js';
import { parseGame } from '../ast.js';
import { issue, levelResult, skippedResult } from '../issues.js';
import { astPolicyIssues } from './rules.js';
import { gameConfigIssues } from './gameConfig.js';
import type { Issue } from '../../schemas/index.js';

/** Bump when the L3 rules change (part of the validator version, with the size limit). */
const L3_VERSION = '2';
/** Smaller than this is not a game worth keeping (a stub or a fragment). */
const MIN_CODE_BYTES = 300;

export interface PolicySettings {
  /** Config `validate.max_code_bytes`. */
  maxCodeBytes: number;
}

/** L3 issues of one game; null when the code does not parse (L1 reports that). */
export function checkPolicy(code: string, settings: PolicySettings): Issue[] | null {
  const parsed = parseGame(code);
  if (!parsed.program) return null;
  const issues: Issue[] = [];
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > settings.maxCodeBytes) issues.push(issue('code_too_large', `${bytes} bytes is over the limit of ${settings.maxCodeBytes} (config validate.max_code_bytes)`, 'error'));
  else if (bytes < MIN_CODE_BYTES) issues.push(issue('code_too_small', `${bytes} bytes is too small to be a complete game`, 'warning'));
  issues.push(...astPolicyIssues(parsed.program), ...gameConfigIssues(parsed.program));
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** The L3 level. */
export function createPolicyLevel(settings: PolicySettings): ValidatorLevel {
  return {
    name: 'L3',
    version: `${L3_VERSION}+max${settings.maxCodeBytes}`,
    async check({ code }) {
      const issues = checkPolicy(code, settings);
      return { result: issues ? levelResult(issues) : skippedResult('not_parsed', 'the code does not parse (see L1)') };
    },
  };
}
