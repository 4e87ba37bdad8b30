import { mkdirSync, rmSync, openSync, closeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { asStorageError, closeOrThrow, fsyncOrThrow, renameOrThrow, sweepStaleTemps, writeAll } from './storage.js';

/** A temp file beside `path` (same file system, so the rename is atomic); stale ones of killed writers are swept. */
export function tempPathFor(path: string): string {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw asStorageError(path, error);
  }
  sweepStaleTemps(dir);
  return join(dir, `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Write `data` to a new temp file beside `path`, fsynced; returns the temp path (removed on failure). */
export function writeTempFile(path: string, data: string | Uint8Array): string {
  const temp = tempPathFor(path);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'w');
    writeAll(fd, data, path);
    fsyncOrThrow(fd, path);
    const open = fd;
    fd = undefined;
    closeOrThrow(open, path);
    return temp;
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    rmSync(temp, { force: true });
    throw asStorageError(path, error);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* already closed, or the close failed too: the error being thrown says more */
  }
}

/**
 * Write a file so that readers only ever see the old or the complete new content:
 * write a temp file beside it, fsync, rename over. A crash leaves the old file intact.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = writeTempFile(path, data);
  try {
    renameOrThrow(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Pretty JSON written atomically, with a trailing newline. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/** JSON Lines written atomically: the whole file appears at once or not at all. */
export function writeJsonlAtomic(path: string, records: Iterable<unknown>): number {
  const lines: string[] = [];
  for (const record of records) lines.push(JSON.stringify(record));
  writeFileAtomic(path, lines.length ? lines.join('\n') + '\n' : '');
  return lines.length;
}

/**
 * Streaming atomic writer for outputs too large to hold as one string:
 * lines go to a temp file; `commit()` fsyncs and renames it over the target, `abort()` removes it.
 * A failed write (disk full) throws a StorageError and removes the temp file; the target keeps
 * its previous content.
 */
export class AtomicJsonlWriter {
  readonly temp: string;
  private readonly fd: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private closed = false;
  count = 0;

  constructor(readonly path: string) {
    this.temp = tempPathFor(path);
    try {
      this.fd = openSync(this.temp, 'w');
    } catch (error) {
      throw asStorageError(path, error);
    }
  }

  write(record: unknown): void {
    const line = JSON.stringify(record) + '\n';
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.count++;
    if (this.pendingBytes > 1 << 20) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    try {
      writeAll(this.fd, text, this.path);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Flush, fsync and close the temp file without renaming it (for a multi-file commit); returns its path. */
  finish(): string {
    try {
      this.flush();
      fsyncOrThrow(this.fd, this.path);
      this.closed = true;
      closeOrThrow(this.fd, this.path);
      return this.temp;
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  commit(): void {
    const temp = this.finish();
    try {
      renameOrThrow(temp, this.path);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  abort(): void {
    if (!this.closed) {
      this.closed = true;
      closeQuietly(this.fd);
    }
    rmSync(this.temp, { force: true });
  }
}

/**
 * Stream records into `path` atomically: `fill` writes them through the writer; the file replaces
 * the old one only when `fill` returns (or its promise resolves), and a throw leaves the old file
 * untouched. Synchronous `fill` → synchronous result; async `fill` → a promise.
 */
export function writeJsonlStreaming<T>(path: string, fill: (writer: AtomicJsonlWriter) => T): T {
  const writer = new AtomicJsonlWriter(path);
  const fail = (error: unknown): never => {
    writer.abort();
    throw error;
  };
  let result: T;
  try {
    result = fill(writer);
  } catch (error) {
    return fail(error);
  }
  if (result instanceof Promise) {
    return result.then((value: unknown) => {
      writer.commit();
      return value;
    }, fail) as T;
  }
  writer.commit(); // removes its temp file itself when it fails
  return result;
}
