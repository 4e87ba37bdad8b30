import { mkdirSync, renameSync, rmSync, openSync, writeSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Write a file so that readers only ever see the old or the complete new content:
 * write a temp file beside it, fsync, rename over. A crash leaves the old file intact.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
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
 */
export class AtomicJsonlWriter {
  private readonly temp: string;
  private readonly fd: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  count = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.temp = tempPathFor(path);
    this.fd = openSync(this.temp, 'w');
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
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  commit(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.temp, this.path);
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
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
  writer.commit();
  return result;
}
