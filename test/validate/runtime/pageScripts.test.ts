// The page harness is real code: its browser-side files type-check against the DOM, and the
// script the page runs is those files, in order, inside one function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HARNESS_SCRIPT, PAGE_SCRIPTS } from '../../../src/validate/runtime/harness.js';

const page = new URL('../../../src/validate/runtime/page/', import.meta.url);

test('the page scripts type-check (page/tsconfig.json: checkJs against the DOM)', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', new URL('tsconfig.json', page).pathname], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('every page script is // @ts-check and in the harness, in order', () => {
  let from = 0;
  for (const name of PAGE_SCRIPTS) {
    const source = readFileSync(new URL(name, page), 'utf8');
    assert.ok(source.startsWith('// @ts-check\n'), name);
    const at = HARNESS_SCRIPT.indexOf(source, from);
    assert.ok(at > from, `${name} is in the harness after the one before it`);
    from = at + source.length;
  }
  // an inline <script> ends at the first "</script", wherever it is
  assert.equal(HARNESS_SCRIPT.includes('</script'), false);
});
