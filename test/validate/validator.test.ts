import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator, validatorVersion } from '../../src/validate/validator.js';
import { createSyntaxLevel } from '../../src/validate/syntax.js';
import { createPolicyLevel } from '../../src/validate/policy/index.js';
import { ValidatorCache } from '../../src/validate/cache.js';
import { levelResult, skippedResult } from '../../src/validate/issues.js';
import type { ValidatorLevel } from '../../src/validate/level.js';
import { validationSchema } from '../../src/schemas/index.js';
import { withTempDir } from '../helpers/tempDir.js';

const good = readFileSync(new URL('../fixtures/games/good/snake-grid.js', import.meta.url), 'utf8');

/** A stand-in L4: passes, or reports itself skipped (no browser), counting its calls. */
function fakeRuntime(mode: 'pass' | 'no-browser'): ValidatorLevel & { calls: number } {
  const level = {
    name: 'L4' as const,
    version: 'fake',
    calls: 0,
    async check() {
      level.calls++;
      if (mode === 'no-browser') return { result: skippedResult('no_browser', 'no Chromium found; install it with apt-get install chromium') };
      return { result: levelResult([]), runtime: { frames: 30, fps: 60, errors: [], blank: false, animated: true, responds_to_input: true, screenshot: null } };
    },
  };
  return level;
}

const staticLevels = () => [createSyntaxLevel(), createPolicyLevel({ maxCodeBytes: 60_000 })];

test('L4 runs only after clean static levels, and its verdict completes the record', async () => {
  const runtime = fakeRuntime('pass');
  const validator = Validator.compose({ levels: ['L1', 'L3', 'L4'], staticLevels: staticLevels(), runtimeLevel: runtime, phaserVersion: '3.90.0' });
  const ok = validationSchema.parse(await validator.validate({ code: good, codeHash: 'a' }));
  assert.equal(ok.passed, true);
  assert.equal(ok.runtime?.frames, 30);
  assert.equal(runtime.calls, 1);
  const broken = await validator.validate({ code: good.replace('fetch', '').replace('new Phaser.Game', 'fetch("/x"); new Phaser.Game'), codeHash: 'b' });
  assert.equal(broken.passed, false);
  assert.equal(broken.levels.L4?.skipped, true);
  assert.equal(runtime.calls, 1, 'no browser time for a game that failed L3');
});

test('an L4 that cannot run (no browser) leaves the record not passed, marked, and uncached', async (t) => {
  const validator = Validator.compose({ levels: ['L1', 'L3', 'L4'], staticLevels: staticLevels(), runtimeLevel: fakeRuntime('no-browser'), phaserVersion: '3.90.0' });
  const verdict = await validator.validate({ code: good, codeHash: 'c' });
  assert.equal(verdict.passed, false);
  assert.deepEqual(verdict.unavailable_levels, ['L4']);
  assert.equal(verdict.levels.L1?.passed, true);
  const dir = withTempDir(t, 'phaser-sft-cache-');
  const cache = new ValidatorCache(join(dir, 'validator_cache.jsonl'));
  cache.put(verdict);
  cache.close();
  assert.equal(new ValidatorCache(join(dir, 'validator_cache.jsonl')).get('c', verdict.validator_version), undefined);
});

test('the validator version follows every level version and the Phaser version', () => {
  const base = validatorVersion([{ name: 'L1', version: '1' }], '3.90.0');
  assert.equal(base, validatorVersion([{ name: 'L1', version: '1' }], '3.90.0'));
  assert.notEqual(base, validatorVersion([{ name: 'L1', version: '2' }], '3.90.0'));
  assert.notEqual(base, validatorVersion([{ name: 'L1', version: '1' }], '3.91.0'));
  assert.notEqual(base, validatorVersion([{ name: 'L1', version: '1' }, { name: 'L3', version: '1' }], '3.90.0'));
  const strict = createPolicyLevel({ maxCodeBytes: 1000 });
  assert.notEqual(strict.version, createPolicyLevel({ maxCodeBytes: 60_000 }).version);
});
