/** Minimal leveled logger on stderr; stdout is kept for results (and `--json`). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

class Logger {
  level: LogLevel = (process.env.PHASER_SFT_LOG as LogLevel) in order ? (process.env.PHASER_SFT_LOG as LogLevel) : 'info';

  private write(level: LogLevel, message: string): void {
    if (order[level] < order[this.level]) return;
    const prefix = level === 'info' ? '' : `${level}: `;
    process.stderr.write(`${prefix}${message}\n`);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string): void {
    this.write('error', message);
  }
  /** `--quiet` keeps warnings and errors only. */
  setQuiet(quiet: boolean): void {
    if (quiet && order[this.level] < order.warn) this.level = 'warn';
  }
}

/** The process-wide logger. */
export const logger = new Logger();
