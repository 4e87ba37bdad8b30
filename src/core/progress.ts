/** Format seconds as 1h02m, 3m04s or 5.2s. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** Force silence (`--quiet`); progress is also silent when stderr is not a TTY. */
  quiet?: boolean;
  /** Unit shown in the rate, e.g. "req" → "12.3 req/s". */
  unit?: string;
}

/**
 * A one-line progress bar on stderr with count, rate and ETA, plus free text such as spend
 * ("$1.23") or errors. Redraws at most 10 times a second; silent when quiet or not a TTY.
 */
export class Progress {
  private done = 0;
  private extra = '';
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly enabled: boolean;

  constructor(private readonly options: ProgressOptions) {
    this.enabled = !options.quiet && Boolean(process.stderr.isTTY) && !process.env.CI;
  }

  get count(): number {
    return this.done;
  }

  tick(n = 1, extra?: string): void {
    this.done += n;
    if (extra !== undefined) this.extra = extra;
    this.draw(false);
  }

  setExtra(extra: string): void {
    this.extra = extra;
    this.draw(false);
  }

  setTotal(total: number): void {
    this.options.total = total;
  }

  /** Text of the current line (also used by tests and by non-TTY summaries). */
  render(): string {
    const { total, label, unit = 'it' } = this.options;
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const eta = rate > 0 ? (total - this.done) / rate : Number.NaN;
    const fraction = total > 0 ? Math.min(1, this.done / total) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const pct = (fraction * 100).toFixed(0).padStart(3);
    const tail = this.extra ? ` ${this.extra}` : '';
    return `${label} ${bar} ${pct}% ${this.done}/${total} ${rate.toFixed(1)} ${unit}/s ETA ${formatDuration(eta)}${tail}`;
  }

  private draw(force: boolean): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    process.stderr.write(`\r\x1b[2K${this.render()}`);
  }

  /** Final redraw and newline. */
  finish(): void {
    if (!this.enabled) return;
    this.draw(true);
    process.stderr.write('\n');
  }
}
