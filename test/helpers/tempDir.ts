// One temporary folder per test, removed when the test ends (pass or fail) through `t.after`,
// so a test body needs no try/finally of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/** Anything with an `after` hook: a test's context (`t`), or `{ after }` of node:test for a whole file. */
export interface AfterHook {
  after(fn: () => void): void;
}

/** A fresh temporary folder, removed after the test `t`. */
export function withTempDir(t: AfterHook, prefix = 'phaser-sft-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
