import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonlStreaming } from '../../src/core/index.js';
import { withTempDir } from '../helpers/tempDir.js';

test('writeJsonlStreaming commits sync and async fills, and a throw keeps the old file', async (t) => {
  const dir = withTempDir(t);
  const file = join(dir, 'out.jsonl');
  const count = writeJsonlStreaming(file, (writer) => {
    writer.write({ a: 1 });
    writer.write({ a: 2 });
    return writer.count;
  });
  assert.equal(count, 2);
  assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n{"a":2}\n');

  const asyncCount = await writeJsonlStreaming(file, async (writer) => {
    await new Promise((resolve) => setImmediate(resolve));
    writer.write({ b: 1 });
    return writer.count;
  });
  assert.equal(asyncCount, 1);
  assert.equal(readFileSync(file, 'utf8'), '{"b":1}\n');

  writeFileSync(file, 'old\n');
  assert.throws(() => writeJsonlStreaming(file, (writer) => { writer.write({ c: 1 }); throw new Error('boom'); }), /boom/);
  await assert.rejects(writeJsonlStreaming(file, async (writer) => { writer.write({ c: 2 }); throw new Error('late'); }), /late/);
  assert.equal(readFileSync(file, 'utf8'), 'old\n');
  assert.deepEqual(readdirSync(dir), ['out.jsonl'], 'no temp file left behind');
});
