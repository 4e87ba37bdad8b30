import type { LevelName } from '../core/index.js';
import type { LevelResult, Runtime } from '../schemas/index.js';

/** What a level is given: the game source and its content hash. */
export interface LevelInput {
  code: string;
  codeHash: string;
}

/** A level's verdict; only L4 fills `runtime`. */
export interface LevelOutcome {
  result: LevelResult;
  runtime?: Runtime;
}

/**
 * One validation level (L1 syntax, L2 API, L3 policy, L4 runtime). Levels plug into the
 * validator: it runs them in order, caches their verdicts, and calls `close` at the end
 * (a warm type checker or a browser pool lives as long as the level does).
 */
export interface ValidatorLevel {
  readonly name: LevelName;
  /** Bumped when the level's rules change; part of the validator version (cache key). */
  readonly version: string;
  /** What the level runs with, for the reports (L4: the browser; null when there is none). */
  readonly browser?: string | null;
  check(input: LevelInput): Promise<LevelOutcome>;
  close?(): Promise<void>;
}
