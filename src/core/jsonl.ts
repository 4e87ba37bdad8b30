import { createReadStream, openSync, fstatSync, readSync, ftruncateSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { InputError } from './errors.js';
import { logger } from './logger.js';
import { decodeLines, decodeLinesOf } from './lineDecoder.js';
import { asStorageError, closeOrThrow, fsyncOrThrow, writeAll } from './storage.js';

/** One record read from a JSONL file, with its 1-based line number. */
export interface JsonlRow<T> {
  value: T;
  line: number;
}

export interface ReadJsonlOptions<S extends z.ZodType> {
  /** Validate every record; a failure names file:line and the field. */
  schema?: S;
  /** Called when the last line is torn (a writer died mid-record); default: a warning. */
  onTorn?: (file: string, line: number) => void;
  /**
   * For caches and journals the tool rebuilds: a line that is not JSON or fails the schema is
   * handed here (the error names file:line) and skipped, instead of ending the read.
   */
  onBadLine?: (error: InputError) => void;
}

/** A zod failure turned into an InputError at file:line naming the first bad field. */
export function schemaError(file: string, line: number | undefined, error: z.ZodError): InputError {
  const issue = error.issues[0];
  const field = issue && issue.path.length ? issue.path.map(String).join('.') : undefined;
  return new InputError({ file, line, field }, issue ? issue.message : 'invalid record');
}

function defaultOnTorn(file: string, line: number): void {
  logger.warn(`${file}:${line}: last line is incomplete (a writer stopped mid-record); skipped — the next append repairs it`);
}

/** Parse one line; `last` lines that fail to parse and lack a newline are torn, not bad input. */
function parseLine<S extends z.ZodType>(
  text: string,
  file: string,
  line: number,
  isTornCandidate: boolean,
  options: ReadJsonlOptions<S>,
): JsonlRow<z.infer<S>> | undefined {
  if (!options.onBadLine) return parseLineStrict(text, file, line, isTornCandidate, options);
  try {
    return parseLineStrict(text, file, line, isTornCandidate, options);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    options.onBadLine(error);
    return undefined;
  }
}

function parseLineStrict<S extends z.ZodType>(
  text: string,
  file: string,
  line: number,
  isTornCandidate: boolean,
  options: ReadJsonlOptions<S>,
): JsonlRow<z.infer<S>> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (isTornCandidate) {
      (options.onTorn ?? defaultOnTorn)(file, line);
      return undefined;
    }
    throw new InputError({ file, line }, `not valid JSON (${(error as Error).message})`);
  }
  if (options.schema) {
    const parsed = options.schema.safeParse(value);
    if (!parsed.success) throw schemaError(file, line, parsed.error);
    value = parsed.data;
  }
  return { value: value as z.infer<S>, line };
}

/**
 * Stream a JSONL file record by record. Every error names `file:line`; a torn last line
 * (no trailing newline, not valid JSON) is warned about and skipped.
 */
export async function* readJsonl<S extends z.ZodType = z.ZodType<unknown>>(
  file: string,
  options: ReadJsonlOptions<S> = {},
): AsyncGenerator<JsonlRow<z.infer<S>>> {
  if (!existsSync(file)) throw new InputError({ file }, 'file not found');
  for await (const line of decodeLines(createReadStream(file, { highWaterMark: 1 << 20 }))) {
    const row = parseLine(line.bytes.toString('utf8'), file, line.line, line.unterminated, options);
    if (row) yield row;
  }
}

/** Read a whole (small) JSONL file synchronously, same rules as `readJsonl`. */
export function readJsonlSync<S extends z.ZodType = z.ZodType<unknown>>(
  file: string,
  options: ReadJsonlOptions<S> = {},
): JsonlRow<z.infer<S>>[] {
  if (!existsSync(file)) throw new InputError({ file }, 'file not found');
  const rows: JsonlRow<z.infer<S>>[] = [];
  for (const line of decodeLinesOf(readFileSync(file))) {
    const row = parseLine(line.bytes.toString('utf8'), file, line.line, line.unterminated, options);
    if (row) rows.push(row);
  }
  return rows;
}

/** Values only, for when line numbers are not needed. */
export async function readJsonlValues<S extends z.ZodType = z.ZodType<unknown>>(
  file: string,
  options: ReadJsonlOptions<S> = {},
): Promise<z.infer<S>[]> {
  const values: z.infer<S>[] = [];
  for await (const row of readJsonl(file, options)) values.push(row.value);
  return values;
}

/**
 * Append-only JSONL journal. Opening repairs a torn tail (drops bytes after the last newline),
 * each `append` writes one whole line and (by default) fsyncs it, so a `kill -9` loses at most
 * the record being written. A write that fails (disk full, I/O error) throws a StorageError
 * and cuts the journal back to its last whole record: every record appended before stays.
 */
export class JsonlAppender {
  private readonly fd: number;
  private closed = false;
  /** Bytes of whole records in the file (where a failed append is cut back to). */
  private size: number;

  constructor(
    readonly path: string,
    private readonly options: { fsync?: boolean } = {},
  ) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, 'a+');
      repairTornTail(this.fd, path);
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      throw asStorageError(path, error);
    }
  }

  append(record: unknown): void {
    this.appendMany([record]);
  }

  appendMany(records: unknown[]): void {
    if (this.closed) throw new Error(`append to closed journal ${this.path}`);
    if (!records.length) return;
    const text = records.map((r) => JSON.stringify(r) + '\n').join('');
    try {
      this.size += writeAll(this.fd, text, this.path);
      if (this.options.fsync !== false) fsyncOrThrow(this.fd, this.path);
    } catch (error) {
      this.cutBack();
      throw error;
    }
  }

  /** After a failed append: drop its partial bytes, so the journal ends on a whole record. */
  private cutBack(): void {
    try {
      ftruncateSync(this.fd, this.size);
    } catch {
      /* the next open repairs the torn tail anyway */
    }
  }

  /**
   * fsync what was appended so far. Journals opened with `fsync: false` call this in groups
   * (e.g. once a second): a killed process loses nothing either way (the kernel has the
   * bytes); only a machine crash loses what came after the last sync.
   */
  sync(): void {
    if (!this.closed) fsyncOrThrow(this.fd, this.path);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeOrThrow(this.fd, this.path);
  }
}

/** Truncate everything after the last newline (a record cut short by a crash). */
function repairTornTail(fd: number, file: string): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const window = Buffer.alloc(Math.min(size, 1 << 16));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - window.length);
    const length = end - start;
    readSync(fd, window, 0, length, start);
    const index = window.subarray(0, length).lastIndexOf(0x0a);
    if (index !== -1) {
      settleTail(fd, start + index + 1, size, file);
      return;
    }
    end = start;
  }
  settleTail(fd, 0, size, file);
}

/** The bytes after the last newline: a complete record only lacks its newline, anything else is torn. */
function settleTail(fd: number, keep: number, size: number, file: string): void {
  if (keep === size) return;
  const tail = Buffer.alloc(size - keep);
  readSync(fd, tail, 0, tail.length, keep);
  try {
    JSON.parse(tail.toString('utf8'));
  } catch {
    logger.warn(`${file}: repairing torn last record (${size - keep} bytes) in journal`);
    ftruncateSync(fd, keep);
    return;
  }
  writeAll(fd, '\n', file);
}
