// The one write path to disk: every byte the tool writes goes through `writeAll`, which loops on
// short writes and turns a full disk or an I/O error into a StorageError (exit 1) naming the file
// and the free space left, instead of a short file that looks complete.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { WorkError } from './errors.js';

/** Errno codes that mean "the storage failed", not "the program is wrong". */
const STORAGE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EFBIG']);

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  EFBIG: 'file too large',
};

/** Free bytes for unprivileged users on the file system holding `path` (undefined if unknown). */
export function freeBytes(path: string): number | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      const stat = statfsSync(dir);
      return Number(stat.bavail) * Number(stat.bsize);
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** The storage under a file failed (disk full, quota, I/O error): exit 1, the file and the free space. */
export class StorageError extends WorkError {
  readonly file: string;
  readonly code: string;
  constructor(file: string, code: string, detail?: string) {
    const free = freeBytes(dirname(file));
    super(
      `cannot write ${file}: ${REASONS[code] ?? code} (${code})${detail ? `, ${detail}` : ''}; ` +
        `${free === undefined ? 'free space unknown' : `${formatBytes(free)} free on its file system`}. ` +
        'The previous version of the file is unchanged; free some space and rerun.',
    );
    this.file = file;
    this.code = code;
  }
}

/** Storage errnos become StorageError; anything else (EACCES, EISDIR, bugs) is thrown as is. */
export function asStorageError(file: string, error: unknown): unknown {
  if (error instanceof StorageError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code && STORAGE_CODES.has(code) ? new StorageError(file, code) : error;
}

// --- fault injection (tests only) -------------------------------------------------------------
// PHASER_SFT_FAULT_WRITE=<bytes>: once this process has written that many bytes (to files whose
// path contains PHASER_SFT_FAULT_MATCH, when set), writes come back short and then fail with
// PHASER_SFT_FAULT_CODE (default ENOSPC), as a full disk does. Honoured only with PHASER_SFT_TEST=1.
export interface WriteFault {
  /** Bytes allowed before writes fail (Infinity: never fail). */
  budget: number;
  /** Only writes to files whose path contains this. */
  match?: string;
  /** The errno once the budget is spent (default ENOSPC). */
  code: string;
  /** At most this many bytes per write call (short writes, as a signal or a pipe gives). */
  chunk?: number;
}
type Fault = WriteFault;
let fault: Fault | undefined | null = null;
function currentFault(): Fault | undefined {
  if (fault === null) {
    const bytes = process.env.PHASER_SFT_TEST === '1' ? process.env.PHASER_SFT_FAULT_WRITE : undefined;
    fault =
      bytes !== undefined && bytes !== ''
        ? { budget: Number(bytes), match: process.env.PHASER_SFT_FAULT_MATCH || undefined, code: process.env.PHASER_SFT_FAULT_CODE || 'ENOSPC' }
        : undefined;
  }
  return fault;
}

/** Tests in this process: fail writes after `budget` bytes (undefined: no fault). */
export function injectWriteFault(next: Fault | undefined): void {
  fault = next;
}

function faultError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected fault, write`);
  error.code = code;
  return error;
}

/** writeSync through the fault shim: a short count once the budget runs low, then the errno. */
function writeSome(fd: number, buffer: Uint8Array, offset: number, length: number, file: string): number {
  const f = currentFault();
  if (f && (!f.match || file.includes(f.match))) {
    if (f.budget <= 0) throw faultError(f.code);
    const allowed = Math.min(length, f.budget, f.chunk ?? Infinity);
    const written = writeSync(fd, buffer, offset, allowed);
    f.budget -= written;
    return written;
  }
  return writeSync(fd, buffer, offset, length);
}

/**
 * Write all of `data` to `fd` (at its current position), looping on short writes. A write that
 * makes no progress or fails with a storage errno throws a StorageError naming `file`.
 */
export function writeAll(fd: number, data: string | Uint8Array, file: string): number {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < buffer.length) {
    let written: number;
    try {
      written = writeSome(fd, buffer, offset, buffer.length - offset, file);
    } catch (error) {
      throw asStorageError(file, error);
    }
    if (written <= 0) throw new StorageError(file, 'ENOSPC', `the system wrote 0 of ${buffer.length - offset} bytes`);
    offset += written;
  }
  return offset;
}

/** fsync, with storage errnos (EIO on a failing disk, ENOSPC on some NFS) as StorageError. */
export function fsyncOrThrow(fd: number, file: string): void {
  try {
    fsyncSync(fd);
  } catch (error) {
    throw asStorageError(file, error);
  }
}

/** close, with storage errnos (NFS reports a failed write at close) as StorageError. */
export function closeOrThrow(fd: number, file: string): void {
  try {
    closeSync(fd);
  } catch (error) {
    throw asStorageError(file, error);
  }
}

export function renameOrThrow(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    throw asStorageError(to, error);
  }
}

/** fsync a folder so that renames inside it survive a machine crash (best effort: not every FS allows it). */
export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported here */
  }
}

// --- temp files ----------------------------------------------------------------------------------
/**
 * `.name.tmp-<pid>-<random>`: the temp file a writer of `name` fills before renaming it over;
 * `.name.staged-<pid>-<random>`: one file of a multi-file commit (a commit journal may name it).
 */
const TEMP_PATTERNS = { tmp: /^\.(.+)\.tmp-(\d+)-[0-9a-f]+-([0-9a-f]{8})$/, staged: /^\.(.+)\.staged-(\d+)-[0-9a-f]+-([0-9a-f]{8})$/ };

let host: string | undefined;
/**
 * 8 hex digits naming this machine, in temp file names: a pid says whether a writer is alive only
 * on its own host, so temp files from other hosts of a shared file system are never swept.
 */
export function hostTag(): string {
  host ??= createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
  return host;
}

/** A process of this host with that pid exists (EPERM: it does, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const swept = new Set<string>();

/**
 * Remove temp files left in `dir` by writers that were killed (their pid is gone), once per
 * folder and process. A live writer's temp file is never touched. `staged` files are swept only
 * by a commit, once no journal can name them.
 */
export function sweepStaleTemps(dir: string, kind: 'tmp' | 'staged' = 'tmp'): void {
  if (kind === 'tmp') {
    if (swept.has(dir)) return;
    swept.add(dir);
  }
  const pattern = TEMP_PATTERNS[kind];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || match[3] !== hostTag()) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && !processAlive(pid)) rmSync(join(dir, name), { force: true });
  }
}

/** For tests: forget which folders were swept. */
export function resetSweptFolders(): void {
  swept.clear();
}
