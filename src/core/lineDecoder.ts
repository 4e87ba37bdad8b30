// One line splitter under every JSONL reader (the streamed and the whole-file readers in
// jsonl.ts, the byte-indexed requests file of distill). It works on bytes: a newline byte never
// occurs inside a UTF-8 multi-byte character, so splitting before decoding is safe, and the
// byte offsets come for free for readers that seek back to a line later.

/** One line of a file, without its newline. */
export interface DecodedLine {
  /** The line's bytes (a view into the decoder's buffer: copy it to keep it past the next chunk). */
  bytes: Buffer;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** 1-based line number. */
  line: number;
  /** True for a last line that has no newline after it (a record a writer may have cut short). */
  unterminated: boolean;
}

/**
 * Feed chunks in order with `decode`, then call `flush` once at the end. Only `\n` ends a line:
 * a `\r` before it stays part of the line (JSON.parse reads it as white space), as the readers
 * always did.
 */
export class LineDecoder {
  /** The bytes of an unfinished line, chunk by chunk (joined once, when its newline comes: a long line costs linear time). */
  private pending: Buffer[] = [];
  /** Byte offset of the pending line's first byte, and of the next chunk's. */
  private pendingOffset = 0;
  private chunkOffset = 0;
  private line = 0;

  /** The complete lines `chunk` finishes. */
  decode(chunk: Buffer): DecodedLine[] {
    const lines: DecodedLine[] = [];
    let start = 0;
    let newline: number;
    while ((newline = chunk.indexOf(0x0a, start)) !== -1) {
      let bytes = chunk.subarray(start, newline);
      let offset = this.chunkOffset + start;
      if (start === 0 && this.pending.length) {
        bytes = Buffer.concat([...this.pending, bytes]);
        offset = this.pendingOffset;
        this.pending = [];
      }
      lines.push({ bytes, offset, line: ++this.line, unterminated: false });
      start = newline + 1;
    }
    if (start < chunk.length) {
      if (!this.pending.length) this.pendingOffset = this.chunkOffset + start;
      this.pending.push(Buffer.from(chunk.subarray(start)));
    }
    this.chunkOffset += chunk.length;
    return lines;
  }

  /** The last line, when the input does not end with a newline. */
  flush(): DecodedLine[] {
    if (!this.pending.length) return [];
    const last: DecodedLine = { bytes: Buffer.concat(this.pending), offset: this.pendingOffset, line: ++this.line, unterminated: true };
    this.pending = [];
    return [last];
  }
}

/** Every line of a byte stream (e.g. `createReadStream(file)`). */
export async function* decodeLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<DecodedLine> {
  const decoder = new LineDecoder();
  for await (const chunk of chunks) yield* decoder.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  yield* decoder.flush();
}

/** Every line of a buffer held whole. */
export function decodeLinesOf(buffer: Buffer): DecodedLine[] {
  const decoder = new LineDecoder();
  return [...decoder.decode(buffer), ...decoder.flush()];
}
