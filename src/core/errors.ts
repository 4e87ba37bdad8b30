/** Exit codes of the whole tool: 0 ok, 1 the work failed, 2 bad usage or bad input. */
export const EXIT = { ok: 0, workFailed: 1, badInput: 2 } as const;

/** Base error: carries the exit code the CLI should end with. */
export class PhaserSftError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad flags or arguments (exit 2). */
export class UsageError extends PhaserSftError {
  constructor(message: string) {
    super(message, EXIT.badInput);
  }
}

/** Where in an input file a problem is: file, optional 1-based line, optional field path. */
export interface InputLocation {
  file: string;
  line?: number;
  field?: string;
}

/** Bad input data (exit 2). The message starts with `file:line: field:` so editors can jump to it. */
export class InputError extends PhaserSftError {
  readonly location: InputLocation;
  constructor(location: InputLocation, problem: string) {
    const where = location.line ? `${location.file}:${location.line}` : location.file;
    const field = location.field ? ` field \`${location.field}\`:` : '';
    super(`${where}:${field} ${problem}`, EXIT.badInput);
    this.location = location;
  }
}

/** The work itself failed (exit 1): a stage could not finish, requests left unanswered, a file failed validation. */
export class WorkError extends PhaserSftError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.workFailed, options);
  }
}

/** Exit code for any thrown value: ours carry one, anything else is an unexpected failure (1). */
export function exitCodeOf(error: unknown): number {
  return error instanceof PhaserSftError ? error.exitCode : EXIT.workFailed;
}
