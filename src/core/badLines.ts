// Damaged lines in caches and journals the tool can rebuild: each is reported with file:line and
// skipped, and the reader says how many it skipped and what happens to them.
import type { InputError } from './errors.js';
import { logger } from './logger.js';

export class BadLines {
  readonly errors: InputError[] = [];
  /** `consequence` completes "N damaged lines skipped; …", e.g. "their verdicts are recomputed". */
  constructor(private readonly consequence: string) {}

  /** Pass as `onBadLine` to readJsonl / readJsonlSync. */
  readonly add = (error: InputError): void => {
    this.errors.push(error);
    if (this.errors.length <= 5) logger.warn(`${error.message} — skipped`);
  };

  get count(): number {
    return this.errors.length;
  }

  /** One summary warning when any line was skipped. */
  report(what: string): void {
    if (!this.errors.length) return;
    const more = this.errors.length > 5 ? ` (the first 5 are listed above)` : '';
    logger.warn(`${what}: ${this.errors.length} damaged line${this.errors.length === 1 ? '' : 's'} skipped${more}; ${this.consequence}`);
  }
}
