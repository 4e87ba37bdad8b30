import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import {
  AtomicJsonlWriter,
  JsonlAppender,
  StorageError,
  hostTag,
  injectWriteFault,
  readJsonlSync,
  resetSweptFolders,
  writeFileAtomic,
  writeJsonlAtomic,
  writeJsonlStreaming,
} from '../../src/core/index.js';
import { tempDir } from '../helpers/cli.js';

afterEach(() => injectWriteFault(undefined));

const temps = (dir: string) => readdirSync(dir).filter((name) => name.includes('.tmp-'));

test('short writes are looped until every byte is written', () => {
  const { dir, cleanup } = tempDir();
  try {
    injectWriteFault({ budget: Infinity, code: 'ENOSPC', chunk: 7 });
    const text = 'abcdefghij'.repeat(1000);
    writeFileAtomic(join(dir, 'a.txt'), text);
    const appender = new JsonlAppender(join(dir, 'j.jsonl'));
    appender.appendMany([{ text }, { n: 2 }]);
    appender.close();
    const writer = new AtomicJsonlWriter(join(dir, 's.jsonl'));
    writer.write({ text });
    writer.commit();
    injectWriteFault(undefined);
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), text);
    assert.deepEqual(readJsonlSync(join(dir, 'j.jsonl')).map((r) => r.value), [{ text }, { n: 2 }]);
    assert.deepEqual(readJsonlSync(join(dir, 's.jsonl')).map((r) => r.value), [{ text }]);
  } finally {
    cleanup();
  }
});

for (const code of ['ENOSPC', 'EIO']) {
  test(`${code} in writeFileAtomic: a StorageError naming the file and the free space, old file intact, no temp left`, () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'out.json');
      writeFileSync(file, 'old\n');
      injectWriteFault({ budget: 100, code });
      assert.throws(
        () => writeFileAtomic(file, 'x'.repeat(10_000)),
        (error: unknown) => {
          assert.ok(error instanceof StorageError);
          assert.equal(error.exitCode, 1);
          assert.match(error.message, new RegExp(`cannot write ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*\\(${code}\\)`));
          assert.match(error.message, /free on its file system|free space unknown/);
          return true;
        },
      );
      injectWriteFault(undefined);
      assert.equal(readFileSync(file, 'utf8'), 'old\n');
      assert.deepEqual(temps(dir), []);
    } finally {
      cleanup();
    }
  });
}

test('a full disk during a streamed JSONL write keeps the old file and removes the temp file', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'validated.jsonl');
    writeJsonlAtomic(file, [{ id: 1 }, { id: 2 }]);
    const before = readFileSync(file);
    injectWriteFault({ budget: 5000, code: 'ENOSPC' });
    assert.throws(
      () =>
        writeJsonlStreaming(file, (writer) => {
          for (let i = 0; i < 100; i++) writer.write({ id: i, pad: 'p'.repeat(100) });
        }),
      StorageError,
    );
    await assert.rejects(
      writeJsonlStreaming(file, async (writer) => {
        for (let i = 0; i < 20_000; i++) writer.write({ id: i, pad: 'p'.repeat(100) });
      }),
      StorageError,
    );
    injectWriteFault(undefined);
    assert.deepEqual(readFileSync(file), before);
    assert.deepEqual(temps(dir), []);
  } finally {
    cleanup();
  }
});

test('a full disk during an append cuts the journal back to its last whole record', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'journal.jsonl');
    const appender = new JsonlAppender(file);
    appender.append({ id: 'kept-1' });
    appender.append({ id: 'kept-2' });
    injectWriteFault({ budget: 10, code: 'ENOSPC' });
    assert.throws(() => appender.append({ id: 'lost', pad: 'x'.repeat(1000) }), /no space left on device \(ENOSPC\)/);
    injectWriteFault(undefined);
    appender.append({ id: 'after' });
    appender.close();
    assert.equal(readFileSync(file, 'utf8'), '{"id":"kept-1"}\n{"id":"kept-2"}\n{"id":"after"}\n');
  } finally {
    cleanup();
  }
});

test('temp files of killed writers are swept on the next write; a live writer’s are kept', () => {
  const { dir, cleanup } = tempDir();
  try {
    resetSweptFolders();
    const dead = join(dir, `.out.jsonl.tmp-999999999-abcd1234-${hostTag()}`);
    const live = `.out.jsonl.tmp-${process.ppid}-abcd1234-${hostTag()}`;
    const otherHost = '.out.jsonl.tmp-999999999-abcd1234-00000000';
    for (const name of [dead, live, otherHost]) writeFileSync(join(dir, basename(name)), 'partial');
    writeFileAtomic(join(dir, 'out.jsonl'), 'new\n');
    assert.deepEqual(temps(dir).sort(), [otherHost, live].sort(), 'only the dead writer of this host is swept');
  } finally {
    cleanup();
  }
});

test('a real full disk (a 256 KB tmpfs, when this user may mount one): StorageError, old file intact, no temp left', (t) => {
  const { dir, cleanup } = tempDir();
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
  try {
    if (!mounted) return t.skip('cannot mount a tmpfs here (not root)');
    const file = join(dir, 'validated.jsonl');
    writeJsonlAtomic(file, Array.from({ length: 100 }, (_, i) => ({ i, pad: 'p'.repeat(1000) }))); // ~100 KB of 256
    const before = readFileSync(file);
    assert.throws(
      () => writeJsonlAtomic(file, Array.from({ length: 200 }, (_, i) => ({ i, pad: 'q'.repeat(1000) }))),
      (error: unknown) => error instanceof StorageError && error.code === 'ENOSPC' && /free on its file system/.test(error.message),
    );
    assert.deepEqual(readFileSync(file), before);
    assert.deepEqual(temps(dir), []);
    const appender = new JsonlAppender(join(dir, 'journal.jsonl'));
    assert.throws(() => {
      for (let i = 0; i < 1000; i++) appender.append({ i, pad: 'r'.repeat(1000) });
    }, StorageError);
    appender.close();
    const lines = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    assert.ok(lines.endsWith('\n'));
    for (const line of lines.split('\n').filter(Boolean)) JSON.parse(line);
  } finally {
    if (mounted) spawnSync('umount', [dir]);
    cleanup();
  }
});
