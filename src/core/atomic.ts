import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, rmSync, openSync, closeSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, basename, join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { logger } from './logger.js';
import { asStorageError, closeOrThrow, fsyncDir, hostTag, fsyncOrThrow, renameOrThrow, sweepStaleTemps, writeAll } from './storage.js';

/** A temp file beside `path` (same file system, so the rename is atomic); stale ones of killed writers are swept. */
export function tempPathFor(path: string, kind: 'tmp' | 'staged' = 'tmp'): string {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw asStorageError(path, error);
  }
  sweepStaleTemps(dir);
  return join(dir, `.${basename(path)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}-${hostTag()}`);
}

/** Write `data` to a new temp file beside `path`, fsynced; returns the temp path (removed on failure). */
export function writeTempFile(path: string, data: string | Uint8Array, kind: 'tmp' | 'staged' = 'tmp'): string {
  const temp = tempPathFor(path, kind);
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
  const group = groupScope.getStore();
  const temp = writeTempFile(path, data, group ? 'staged' : 'tmp');
  if (group) return group.add(temp, path);
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
    // Inside writeTogether the file is staged (kept for the commit journal, not swept as stale).
    this.temp = tempPathFor(path, groupScope.getStore() ? 'staged' : 'tmp');
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
    const group = groupScope.getStore();
    if (group) return group.add(temp, this.path);
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

// --- several files as one unit -------------------------------------------------------------------

interface Staged {
  temp: string;
  target: string;
}

/** The files of one `writeTogether` call: staged as temp files, renamed together at the end. */
class CommitGroup {
  readonly staged: Staged[] = [];
  add(temp: string, target: string): void {
    const earlier = this.staged.findIndex((s) => s.target === target);
    if (earlier !== -1) rmSync(this.staged.splice(earlier, 1)[0].temp, { force: true });
    this.staged.push({ temp, target });
  }
  abort(): void {
    for (const s of this.staged) rmSync(s.temp, { force: true });
    this.staged.length = 0;
  }
}

const groupScope = new AsyncLocalStorage<CommitGroup>();

/** The commit journal: which temp file becomes which target, paths relative to the journal's folder. */
interface CommitJournal {
  renames: { temp: string; target: string }[];
}

/** Tests only: SIGKILL this process after this many renames of a commit (a kill between files). */
function killAfterRenames(): number | undefined {
  const n = process.env.PHASER_SFT_TEST === '1' ? process.env.PHASER_SFT_FAULT_KILL_AFTER_RENAMES : undefined;
  return n ? Number(n) : undefined;
}

function applyJournal(journalFile: string, journal: CommitJournal, killAfter?: number): number {
  const base = dirname(journalFile);
  let renamed = 0;
  for (const { temp, target } of journal.renames) {
    const from = resolve(base, temp);
    if (!existsSync(from)) continue; // renamed before the kill
    renameOrThrow(from, resolve(base, target));
    renamed++;
    if (killAfter !== undefined && renamed >= killAfter) process.kill(process.pid, 'SIGKILL');
  }
  for (const dir of new Set(journal.renames.map((r) => dirname(resolve(base, r.target))))) fsyncDir(dir);
  rmSync(journalFile, { force: true });
  return renamed;
}

/**
 * Write several files as one unit. Inside `fill`, every `writeFileAtomic`, `writeJson(l)Atomic`,
 * `writeJsonlStreaming` (and so `writeStageReport`) only stages its file as a temp file beside
 * the target. When `fill` returns, a commit journal listing the renames is written atomically at
 * `journalFile` — the commit point — then the renames are done and the journal removed.
 * A throw, or a kill before the journal exists, leaves every old file as it was (the temp files
 * are removed, or swept by the next writer); a kill during the renames is completed by
 * `settleCommits` (which every command runs first), so readers see all old or all new files.
 */
export function writeTogether<T>(journalFile: string, fill: () => T): T {
  const group = new CommitGroup();
  const commit = (): void => {
    if (!group.staged.length) return;
    const base = dirname(journalFile);
    const journal: CommitJournal = { renames: group.staged.map((s) => ({ temp: relative(base, s.temp), target: relative(base, s.target) })) };
    try {
      groupScope.exit(() => writeJsonAtomic(journalFile, journal));
    } catch (error) {
      group.abort();
      throw error;
    }
    fsyncDir(base);
    applyJournal(journalFile, journal, killAfterRenames());
    // Files staged by runs killed before their commit point: no journal names them any more.
    for (const dir of new Set(group.staged.map((s) => dirname(s.target)))) sweepStaleTemps(dir, 'staged');
  };
  let result: T;
  try {
    result = groupScope.run(group, fill);
  } catch (error) {
    group.abort();
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        commit();
        return value;
      },
      (error: unknown) => {
        group.abort();
        throw error;
      },
    ) as T;
  }
  commit();
  return result;
}

/**
 * Complete every commit a killed `writeTogether` left half done in `journalDir` (renames the
 * temp files still there). Returns the number of commits completed.
 */
export function settleCommits(journalDir: string): number {
  if (!existsSync(journalDir)) return 0;
  let settled = 0;
  for (const name of readdirSync(journalDir).filter((n) => n.endsWith('.json'))) {
    const file = join(journalDir, name);
    let journal: CommitJournal;
    try {
      journal = JSON.parse(readFileSync(file, 'utf8')) as CommitJournal;
    } catch {
      // written atomically, so never torn: something else put it here; say so, touch nothing
      logger.warn(`${file}: not a commit journal (not valid JSON); left as is — remove it once you have looked at it`);
      continue;
    }
    const renamed = applyJournal(file, journal);
    logger.warn(`completed an interrupted commit of ${basename(name, '.json')} (${renamed} of ${journal.renames.length} files were still to be switched in)`);
    settled++;
  }
  return settled;
}
