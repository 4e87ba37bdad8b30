import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AtomicJsonlWriter, readJsonlSync, writeFileAtomic, writeJsonlAtomic } from '../../src/core/index.js';
import { withTempDir } from '../helpers/tempDir.js';

const child = fileURLToPath(new URL('./atomicWriterChild.ts', import.meta.url));

/** Start the child writer, wait for its `ready` line (plus `extraMs`), then SIGKILL it. */
function killMidWrite(mode: 'stream' | 'loop', target: string, ready: string, extraMs = 0): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, mode, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes(ready)) setTimeout(() => proc.kill('SIGKILL'), extraMs);
    });
    proc.on('error', reject);
    proc.on('close', (_code, signal) => resolve(signal));
  });
}

test('a streaming writer killed mid-write leaves the old file intact', async (t) => {
  const dir = withTempDir(t);
  const target = join(dir, 'out.jsonl');
  writeJsonlAtomic(target, [{ id: 'old-1' }, { id: 'old-2' }]);
  const before = readFileSync(target, 'utf8');
  const signal = await killMidWrite('stream', target, 'flushed', 50);
  assert.equal(signal, 'SIGKILL');
  assert.equal(readFileSync(target, 'utf8'), before);
  assert.deepEqual(readJsonlSync(target).map((row) => row.value), [{ id: 'old-1' }, { id: 'old-2' }]);
  const leftovers = readdirSync(dir).filter((name) => name.includes('.tmp-'));
  assert.equal(leftovers.length, 1, 'the partial output sits in a temp file, never in the target');
  // The next run still commits normally beside the stale temp file.
  const writer = new AtomicJsonlWriter(target);
  writer.write({ id: 'new' });
  writer.commit();
  assert.deepEqual(readJsonlSync(target).map((row) => row.value), [{ id: 'new' }]);
});

test('writeFileAtomic killed at a random moment leaves one complete version, never a mix', async (t) => {
  const dir = withTempDir(t);
  const target = join(dir, 'state.txt');
  writeFileSync(target, 'original\n');
  const signal = await killMidWrite('loop', target, 'started', 120);
  assert.equal(signal, 'SIGKILL');
  const content = readFileSync(target, 'utf8');
  const versions = ['A', 'B'].map((v) => `${v.repeat(99)}\n`.repeat(20_000));
  assert.ok(content === 'original\n' || versions.includes(content), `torn content of ${content.length} bytes`);
});

test('an aborted writer removes its temp file and keeps the target', (t) => {
  const dir = withTempDir(t);
  const target = join(dir, 'x.jsonl');
  writeFileAtomic(target, '{"keep":true}\n');
  const writer = new AtomicJsonlWriter(target);
  writer.write({ keep: false });
  writer.abort();
  assert.equal(readFileSync(target, 'utf8'), '{"keep":true}\n');
  assert.deepEqual(readdirSync(dir), ['x.jsonl']);
});
