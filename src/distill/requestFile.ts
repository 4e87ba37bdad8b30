import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { InputError, decodeLines, logger, schemaError } from '../core/index.js';
import { requestSchema, type TeacherRequest } from '../schemas/index.js';

/**
 * Where one request sits in the requests file. Requests carry their whole system prompt
 * (API context included), so 20,000 of them would fill memory; the runner holds these small
 * references and reads each request when it is sent.
 */
export interface RequestRef {
  id: string;
  seed_id: string;
  sample_index: number;
  line: number;
  offset: number;
  length: number;
}

/** The requests file, indexed by byte offset; every line validated once up front. */
export class RequestFile {
  private constructor(
    readonly file: string,
    readonly refs: RequestRef[],
    private readonly handle: FileHandle,
  ) {}

  /** Index and validate `file` (errors name file:line and field); a torn last line is skipped with a warning. */
  static async open(file: string): Promise<RequestFile> {
    const refs: RequestRef[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    const add = (bytes: Buffer, offset: number, line: number, last: boolean) => {
      if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        if (last) return logger.warn(`${file}:${line}: last line is incomplete; skipped`);
        throw new InputError({ file, line }, `not valid JSON (${(error as Error).message})`);
      }
      const parsed = requestSchema.safeParse(value);
      if (!parsed.success) throw schemaError(file, line, parsed.error);
      const request = parsed.data;
      if (seen.has(request.request_id)) return void duplicates++;
      seen.add(request.request_id);
      refs.push({ id: request.request_id, seed_id: request.seed_id, sample_index: request.sample_index, line, offset, length: bytes.length });
    };
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch {
      throw new InputError({ file }, 'requests file not found (run `phaser-sft requests` first)');
    }
    for await (const { bytes, offset, line, unterminated } of decodeLines(createReadStream(file, { highWaterMark: 1 << 20 }))) add(bytes, offset, line, unterminated);
    if (duplicates) logger.warn(`${file}: ${duplicates} duplicate request_id line(s) ignored (each request is sent once)`);
    return new RequestFile(file, refs, handle);
  }

  /** Read one request back from disk. */
  async read(ref: RequestRef): Promise<TeacherRequest> {
    const buffer = Buffer.alloc(ref.length);
    await this.handle.read(buffer, 0, ref.length, ref.offset);
    return requestSchema.parse(JSON.parse(buffer.toString('utf8')));
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
