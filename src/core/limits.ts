// Caps on untrusted text where it enters a record. A teacher's or a student's answer comes from
// a server we do not control (a misconfigured or hostile OpenAI-compatible endpoint can send
// 50 MB); it is stored, parsed and validated, so its size bounds every stage after it. Page
// errors and console lines are capped where the page records them (validate/runtime), call
// errors where they are classified (llm/errors.ts), validator messages in validate/issues.ts.

/**
 * The largest answer taken as one: 1 MiB of UTF-8. A whole answer at the largest re-ask limit
 * (64,000 tokens) is about 250 KB, and `validate` rejects games over 60 KB by default, so an
 * answer past this is never a game: parse reports it as `answer_too_large`.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** What is kept of an answer over the cap (its head), so that a reader can see what came back. */
export const OVERSIZE_ANSWER_KEPT_BYTES = 16 * 1024;

/** The longest message kept in a record (validator issues, call errors); longer ones end in `…`. */
export const MAX_MESSAGE_CHARS = 1000;

/** UTF-8 size of `text`, without encoding it when its length alone settles that it is small. */
function overBytes(text: string, maxBytes: number): number | undefined {
  if (text.length * 3 <= maxBytes) return undefined; // a UTF-16 unit is at most 3 UTF-8 bytes
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > maxBytes ? bytes : undefined;
}

/** The first `maxBytes` bytes of `text`, cut before a character that would not fit whole. */
export function headBytes(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text.slice(0, maxBytes), 'utf8');
  if (buffer.length <= maxBytes) return buffer.toString('utf8');
  let end = maxBytes;
  while (end > 0 && (buffer[end] & 0xc0) === 0x80) end--; // back to the first byte of the character cut
  return buffer.subarray(0, end).toString('utf8');
}

/** An answer as stored: whole, or (over MAX_ANSWER_BYTES) its head and its size in bytes. */
export function capAnswer(text: string): { text: string; answer_bytes?: number } {
  const bytes = overBytes(text, MAX_ANSWER_BYTES);
  return bytes === undefined ? { text } : { text: headBytes(text, OVERSIZE_ANSWER_KEPT_BYTES), answer_bytes: bytes };
}

/** True when an answer is over the cap: recorded so (`answer_bytes`), or longer than it as read. */
export function answerTooLarge(text: string, answerBytes?: number): boolean {
  return answerBytes !== undefined || overBytes(text, MAX_ANSWER_BYTES) !== undefined;
}

/** `message` cut to MAX_MESSAGE_CHARS (ending in `…` when cut). */
export function capMessage(message: string, maxChars = MAX_MESSAGE_CHARS): string {
  return message.length <= maxChars ? message : `${message.slice(0, maxChars - 1)}…`;
}
