// The composition rule for the static levels, shared by the in-process validator and its workers.
import type { LevelName } from '../core/index.js';
import type { LevelResult } from '../schemas/index.js';
import type { LevelInput, ValidatorLevel } from './level.js';
import { hasErrors, skippedResult } from './issues.js';

export type LevelResults = Partial<Record<LevelName, LevelResult>>;

/**
 * Run L1 first; when it fails the later static levels are skipped (there is no program to
 * check), otherwise L2 and L3 run together (L2 batches concurrent games into one program).
 */
export async function runStaticLevels(levels: ValidatorLevel[], input: LevelInput): Promise<LevelResults> {
  const results: LevelResults = {};
  const syntax = levels.find((l) => l.name === 'L1');
  if (syntax) {
    results.L1 = (await syntax.check(input)).result;
    if (hasErrors(results.L1)) {
      for (const level of levels) if (level !== syntax) results[level.name] = skippedResult('skipped_after_L1', 'not run: L1 syntax failed');
      return results;
    }
  }
  const rest = levels.filter((l) => l !== syntax);
  const outcomes = await Promise.all(rest.map((level) => level.check(input)));
  rest.forEach((level, i) => (results[level.name] = outcomes[i].result));
  return results;
}

/** Something that runs the static levels: in this thread, or a pool of worker threads. */
export interface StaticRunner {
  run(input: LevelInput): Promise<LevelResults>;
  close(): Promise<void>;
}

/** Static levels in this thread. */
export function inProcessRunner(levels: ValidatorLevel[]): StaticRunner {
  return {
    run: (input) => runStaticLevels(levels, input),
    async close() {
      await Promise.all(levels.map((l) => l.close?.()));
    },
  };
}
