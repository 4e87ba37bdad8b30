import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError, JsonlAppender, logger, readJsonl, readJsonlSync, readJsonlValues } from '../../src/core/index.js';
import { withTempDir } from '../helpers/tempDir.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Capture what the logger writes to stderr while `fn` runs. */
async function captureStderr(fn: () => Promise<unknown> | unknown): Promise<string> {
  let text = '';
  const write = process.stderr.write.bind(process.stderr);
  const level = logger.level;
  logger.level = 'info';
  process.stderr.write = ((chunk: string) => ((text += chunk), true)) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = write;
    logger.level = level;
  }
  return text;
}

function withDir(fn: (dir: string) => Promise<void> | void): (t: TestContext) => Promise<void> {
  return async (t) => fn(withTempDir(t));
}

test('a torn last line is warned about with file:line and skipped, by the stream and sync readers', withDir(async (dir) => {
  const file = join(dir, 'torn.jsonl');
  writeFileSync(file, '{"id":1}\n{"id":2}\n{"id":3,"te');
  const torn: Array<[string, number]> = [];
  const rows = await collect(readJsonl(file, { onTorn: (f, line) => torn.push([f, line]) }));
  assert.deepEqual(rows, [{ value: { id: 1 }, line: 1 }, { value: { id: 2 }, line: 2 }]);
  assert.deepEqual(torn, [[file, 3]]);
  assert.deepEqual(readJsonlSync(file, { onTorn: () => {} }).map((r) => r.value), [{ id: 1 }, { id: 2 }]);
  const warning = await captureStderr(() => readJsonlValues(file));
  assert.match(warning, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: last line is incomplete`));
}));

test('the appender repairs a torn tail before appending, and keeps a complete record that only lacks its newline', withDir((dir) => {
  const torn = join(dir, 'journal.jsonl');
  writeFileSync(torn, '{"id":1}\n{"id":2,"pa');
  const appender = new JsonlAppender(torn);
  appender.append({ id: 3 });
  appender.close();
  assert.equal(readFileSync(torn, 'utf8'), '{"id":1}\n{"id":3}\n');

  const unterminated = join(dir, 'unterminated.jsonl');
  writeFileSync(unterminated, '{"id":1}\n{"id":2}');
  const second = new JsonlAppender(unterminated);
  second.appendMany([{ id: 3 }, { id: 4 }]);
  second.close();
  assert.deepEqual(readJsonlSync(unterminated).map((r) => r.value), [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  assert.throws(() => second.append({ id: 5 }), /closed journal/);
}));

test('a bad line in the middle is an error naming file:line (exit 2), not a torn tail', withDir(async (dir) => {
  const file = join(dir, 'bad.jsonl');
  writeFileSync(file, '{"id":1}\n{"id":2,,}\n{"id":3}\n');
  await assert.rejects(collect(readJsonl(file)), (error: unknown) => error instanceof InputError && error.exitCode === 2 && error.message.startsWith(`${file}:2: not valid JSON`));
  assert.throws(() => readJsonlSync(file), (error: unknown) => error instanceof InputError && error.location.line === 2);
  // A broken last line that does end with a newline was written whole: bad input, not a crash.
  const ended = join(dir, 'ended.jsonl');
  writeFileSync(ended, '{"id":1}\n{"id":\n');
  assert.throws(() => readJsonlSync(ended), (error: unknown) => error instanceof InputError && error.location.line === 2);
}));

test('a schema failure names file:line and the field', withDir(async (dir) => {
  const file = join(dir, 'records.jsonl');
  writeFileSync(file, '{"id":"a","score":1,"meta":{"lang":"zh"}}\n\n{"id":"b","score":2,"meta":{"lang":42}}\n');
  const schema = z.object({ id: z.string(), score: z.number(), meta: z.object({ lang: z.enum(['zh', 'en']) }) });
  await assert.rejects(collect(readJsonl(file, { schema })), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.exitCode, 2);
    assert.deepEqual([error.location.line, error.location.field], [3, 'meta.lang']);
    assert.ok(error.message.startsWith(`${file}:3: field \`meta.lang\`:`), error.message);
    return true;
  });
  const missing = join(dir, 'missing.jsonl');
  assert.throws(() => readJsonlSync(missing), (error: unknown) => error instanceof InputError && /file not found/.test(error.message));
}));
