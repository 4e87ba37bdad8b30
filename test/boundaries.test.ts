import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const script = join(root, 'scripts', 'check-boundaries.mjs');

function check(...args: string[]): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout + result.stderr };
}

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-boundaries-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A source tree from { path: text }. */
function tree(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('src/ has no import cycle and no import into another folder\'s internals', () => {
  const { code, out } = check();
  assert.equal(code, 0, out);
  assert.match(out, /no import cycle/);
});

test('a cycle planted in a copy of src/ fails the check, naming the files', (t) => {
  const copy = join(tempDir(t), 'src');
  cpSync(join(root, 'src'), copy, { recursive: true });
  // core (the bottom layer) importing the CLI back: the kind of cycle `run` once had.
  appendFileSync(join(copy, 'core', 'errors.ts'), "\nimport '../cli/main.js';\n");
  const { code, out } = check(copy);
  assert.equal(code, 1, out);
  assert.match(out, /import cycle: .*core\/errors\.ts → cli\/main\.ts/);
  assert.match(out, /core\/errors\.ts → cli\/main\.ts: core \(layer 0\) imports upward into cli/);
});

test('the rules on a small tree: dynamic cycles count, type-only ones do not; internals, layers', (t) => {
  const dir = tree(tempDir(t), {
    'core/index.ts': "export const x = 1;\n",
    // a cycle made by a dynamic import
    'a/stage.ts': "export async function run() { return import('./impl.js'); }\n",
    'a/impl.ts': "import { run } from './stage.js';\nexport { run };\n",
    // a cycle of types only: erased when compiled
    'b/one.ts': "import type { Two } from './two.js';\nexport interface One { two?: Two }\n",
    'b/two.ts': "import { type One } from './one.js';\nexport interface Two { one?: One }\n",
    // another stage's internals, and a stage importing the pipeline above it
    'c/stage.ts': "import { run } from '../a/impl.js';\nimport type { One } from '../b/one.js';\nimport '../pipeline/index.js';\nexport { run };\nexport type { One };\n",
    'pipeline/index.ts': "export { run } from '../a/stage.js';\nimport { x } from '../core/index.js';\nexport { x };\n",
  });
  const { code, out } = check(dir, '--no-exceptions');
  assert.equal(code, 1, out);
  assert.match(out, /import cycle: a\/impl\.ts → a\/stage\.ts → a\/impl\.ts/);
  assert.doesNotMatch(out, /import cycle: b\//);
  assert.match(out, /c\/stage\.ts → a\/impl\.ts: enters a\/ other than by its public entry/);
  assert.match(out, /c\/stage\.ts → b\/one\.ts: enters b\//, 'a type-only import into internals counts too');
  assert.match(out, /c\/stage\.ts → pipeline\/index\.ts: c \(layer 1\) imports upward into pipeline \(layer 2\)/);
  assert.doesNotMatch(out, /pipeline\/index\.ts → /);
  assert.match(out, /4 problem\(s\)/);
});

test('an exception no longer needed fails the check (the list cannot go stale)', (t) => {
  const dir = tree(tempDir(t), { 'core/index.ts': 'export const x = 1;\n' });
  const { code, out } = check(dir);
  assert.equal(code, 1, out);
  assert.match(out, /stale exception: report\/collect\.ts → pipeline\/status\.ts is no longer imported/);
});
