// Damaged lines in the caches that are read in-process (no CLI): each is named with file:line,
// skipped and counted; a damaged stage manifest means "no record", never a crash; a lock that
// cannot be written is a storage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { StorageError, Workspace, acquireRunLock, defaultConfig, injectWriteFault, logger } from '../../src/core/index.js';
import { workspaceStatus } from '../../src/pipeline/index.js';
import { ValidatorCache } from '../../src/validate/cache.js';
import { withTempDir } from '../helpers/tempDir.js';

function captureWarnings<T>(fn: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const warn = logger.warn;
  logger.warn = (message: string) => void warnings.push(message);
  try {
    return { value: fn(), warnings };
  } finally {
    logger.warn = warn;
  }
}

test('a shard validator cache with damaged lines: each named with file:line and skipped; the other shards and the main cache load', (t) => {
  const w = new Workspace(withTempDir(t));
  const verdict = (hash: string) => JSON.stringify({ code_hash: hash, validator_version: 'v1', passed: true, levels: {}, runtime: null });
  const shard = { index: 2, count: 3 };
  mkdirSync(w.distillDir, { recursive: true });
  writeFileSync(w.validatorCacheFile(), `${verdict('m1')}\n`);
  writeFileSync(w.validatorCacheFile({ index: 1, count: 3 }), `${verdict('a1')}\n`);
  writeFileSync(w.validatorCacheFile(shard), `${verdict('b1')}\n{"code_hash": torn\n{"code_hash":"b2","validator_version":"v1","passed":1}\n${verdict('b3')}\n`);
  const { value: cache, warnings } = captureWarnings(() => ValidatorCache.forWorkspace(w, { index: 1, count: 3 }));
  assert.equal(cache.damaged, 2);
  assert.equal(cache.size, 4);
  for (const hash of ['m1', 'a1', 'b1', 'b3']) assert.ok(cache.get(hash, 'v1'), hash);
  assert.equal(cache.get('b2', 'v1'), undefined);
  assert.ok(warnings.some((m) => m.startsWith(`${w.validatorCacheFile(shard)}:2: not valid JSON`)), warnings.join('\n'));
  assert.ok(warnings.some((m) => m.startsWith(`${w.validatorCacheFile(shard)}:3: field \`passed\``)), warnings.join('\n'));
  assert.ok(warnings.some((m) => /validator cache: 2 damaged lines skipped; those games are validated again/.test(m)), warnings.join('\n'));
});

test('a stage manifest that is not JSON, or not an object, is no record: the stage is not done, status does not fail', async (t) => {
  const w = new Workspace(withTempDir(t));
  mkdirSync(w.dataDir + '/manifests', { recursive: true });
  writeFileSync(w.stageManifestFile('api-index'), '{"stage": "api-index", "status": "do');
  writeFileSync(w.stageManifestFile('seeds'), '[1, 2]');
  writeFileSync(w.stageManifestFile('requests'), 'null');
  const status = await workspaceStatus({ workspace: w, config: defaultConfig() });
  for (const stage of ['api-index', 'seeds', 'requests']) {
    const state = status.stages.find((s) => s.stage === stage)!.state;
    assert.ok(state === 'not run' || state === 'stale', `${stage}: ${state}`);
  }
});

test('a full disk while taking a stage lock: a StorageError naming the lock file (exit 1, no stack), no empty lock left behind', (t) => {
  const w = new Workspace(withTempDir(t));
  const lock = w.stageLockFile('select');
  injectWriteFault({ budget: 0, match: '.select.lock', code: 'ENOSPC' });
  try {
    assert.throws(() => acquireRunLock(lock, 'select'), (error: Error) => {
      assert.ok(error instanceof StorageError, String(error));
      assert.match(error.message, new RegExp(`^cannot write ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no space left on device \\(ENOSPC\\)`));
      return true;
    });
  } finally {
    injectWriteFault(undefined);
  }
  assert.ok(!existsSync(lock), 'no empty lock file left');
  const release = acquireRunLock(lock, 'select'); // and the next run takes it normally
  assert.match(readFileSync(lock, 'utf8'), new RegExp(`^${process.pid} `));
  release();
});
