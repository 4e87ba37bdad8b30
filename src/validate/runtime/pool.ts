import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { closeBrowser, launchBrowser } from './browser.js';
import { ProcessWatch, rendererRssLimitMb, workerCpuLimitMs, type WatchKill } from './processWatch.js';
import { findByArgument, type ProcessInfo } from './processes.js';
import { playGame, preparePage, type GameSignals, type RunOptions } from './runGame.js';

export interface PoolOptions {
  executable: string;
  /** Games played at once. */
  workers: number;
  /** `dist/phaser.min.js` of the installed package. */
  phaserSource: Buffer;
  /** Time box for a page to load harness + Phaser. */
  loadTimeoutMs: number;
  /** Replace the browser after this many games, to bound its memory (default 500). */
  gamesPerBrowser?: number;
  /** A renderer (one game) past this resident memory is killed: `resource_limit` (processWatch.ts). */
  rendererRssLimitMb?: number;
}

/** One launched browser and the games still using it. */
interface Instance {
  generation: number;
  marker: string;
  browser: Promise<Browser>;
  main: ProcessInfo | null;
  inFlight: number;
  games: number;
  retired: boolean;
  shutDown: boolean;
  /** The watch over its process tree: memory kills, the GPU process's CPU shared among the games. */
  watch: ProcessWatch;
}

/** A game may be retried this often when the browser (not the game) failed under it. */
const ATTEMPTS = 3;

/**
 * One browser shared by `workers` games at once, each in a fresh context. Pages are prepared when
 * a game needs one, not ahead: the work is CPU-bound (a fresh renderer and Phaser in it are most
 * of a game's cost), and pages prepared ahead only competed with the running games (measured
 * 20–25 % fewer games a minute, BENCHMARKS.md). The browser is replaced when it stops answering,
 * dies, or has served `gamesPerBrowser` games; `close()` leaves no process behind.
 */
export class BrowserPool {
  private current: Instance | null = null;
  private generation = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  private readonly shutdowns = new Set<Promise<void>>();

  constructor(private readonly options: PoolOptions) {}

  /** Play one game; waits for a free worker. */
  async play(code: string, runOptions: RunOptions): Promise<GameSignals> {
    await this.acquire();
    try {
      for (let attempt = 1; ; attempt++) {
        const instance = this.instance();
        instance.inFlight++;
        instance.games++;
        let signals: GameSignals | null = null;
        let failure: unknown = null;
        const startedAt = Date.now();
        try {
          const browser = await instance.browser;
          // the renderer a page gets is the one that appears when it is opened: one opening at a
          // time, so each game knows its own (its Workers are threads of it)
          let rendererPid: number | null = null;
          const prepared = await preparePage(browser, this.options.phaserSource, this.options.loadTimeoutMs, (context) =>
            this.opening(async () => {
              const before = new Set(instance.watch.renderers());
              const page = await context.newPage();
              rendererPid = instance.watch.renderers().find((pid) => !before.has(pid)) ?? null;
              return page;
            }),
          );
          const game = instance.watch.watchGame(rendererPid);
          try {
            signals = await playGame(prepared, code, runOptions, { cpuMs: () => game.gpuMs + game.workerMs, workersRunning: () => game.workersRunning(), mainThreadMs: () => game.mainThreadMs() });
          } finally {
            game.end();
          }
          const kill = signals.outcome === 'crash' ? instance.watch.killedSince(startedAt) : null;
          if (kill) {
            signals.detail = this.killMessage(kill);
            signals.limits = [...(signals.limits ?? []), { kind: kill.kind, message: signals.detail, line: null, column: null }];
          }
        } catch (error) {
          failure = error;
        } finally {
          instance.inFlight--;
        }
        const browserDown = !(await instance.browser.then((b) => b.isConnected(), () => false));
        if (signals?.browserWedged || browserDown) this.retire(instance, true);
        else if (instance.games >= (this.options.gamesPerBrowser ?? 500)) this.retire(instance, false);
        else if (instance.retired && instance.inFlight === 0) this.shutdown(instance);
        // the browser, not the game, failed: try again on a fresh one
        const infrastructure = failure !== null || (browserDown && signals?.outcome === 'crash');
        if (infrastructure && attempt < ATTEMPTS && !this.closed) continue;
        if (signals) return signals;
        throw failure;
      }
    } finally {
      this.release();
    }
  }

  private killMessage(kill: WatchKill): string {
    if (kill.kind === 'cpu') return `its Workers used ${kill.cpuMs} CPU ms, over the ${workerCpuLimitMs()} ms limit, and its renderer was killed`;
    if (kill.tree) return `the browser's processes together passed their memory limit and this game's renderer, the largest (${kill.rssMb} MB), was killed`;
    return `its renderer used ${kill.rssMb} MB, over the ${this.rendererRssLimitMb} MB limit (heap, Workers, ArrayBuffers and canvases together), and was killed`;
  }

  /** Run `open` after every earlier one has finished (pages are opened one at a time). */
  private opening<T>(open: () => Promise<T>): Promise<T> {
    const run = this.openQueue.then(open, open);
    this.openQueue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
  private openQueue: Promise<void> = Promise.resolve();

  /** Close every page and the browser; waits until its processes are gone (SIGKILL if they linger). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.current) this.retire(this.current, true);
    this.current = null;
    while (this.shutdowns.size) await Promise.all([...this.shutdowns]);
  }

  private instance(): Instance {
    if (this.closed) throw new Error('the browser pool is closed');
    if (!this.current || this.current.retired) {
      const marker = `--phaser-sft-browser=${process.pid}-${randomBytes(6).toString('hex')}`;
      const instance: Instance = {
        generation: ++this.generation,
        marker,
        browser: launchBrowser(this.options.executable, marker),
        main: null,
        inFlight: 0,
        games: 0,
        retired: false,
        shutDown: false,
        watch: new ProcessWatch(() => instance.main, this.rendererRssLimitMb, workerCpuLimitMs(), this.rendererRssLimitMb * this.options.workers + 1024),
      };
      instance.browser.then(
        () => {
          instance.main = findByArgument(marker);
        },
        () => undefined,
      );
      this.current = instance;
    }
    return this.current;
  }

  /** Stop giving out this browser; shut it down now (`now`) or once its last game ends. */
  private retire(instance: Instance, now: boolean): void {
    instance.retired = true;
    if (this.current === instance) this.current = null;
    if (now || instance.inFlight === 0) this.shutdown(instance);
  }

  private shutdown(instance: Instance): void {
    if (instance.shutDown) return;
    instance.shutDown = true;
    const done = this.shutdownBrowser(instance).finally(() => this.shutdowns.delete(done));
    this.shutdowns.add(done);
  }

  private get rendererRssLimitMb(): number {
    return this.options.rendererRssLimitMb ?? rendererRssLimitMb();
  }

  /** The largest renderer resident memory seen so far (MiB), for the benchmark. */
  get peakRendererMb(): number {
    return this.peakMb;
  }
  private peakMb = 0;

  /** The largest resident memory of a browser's whole process tree seen so far (MiB), for the benchmark. */
  get peakBrowserTreeMb(): number {
    return Math.max(this.peakTreeMb, this.current?.watch.peakTreeMb ?? 0);
  }
  private peakTreeMb = 0;

  private async shutdownBrowser(instance: Instance): Promise<void> {
    instance.watch.stop();
    this.peakMb = Math.max(this.peakMb, instance.watch.peakMb);
    this.peakTreeMb = Math.max(this.peakTreeMb, instance.watch.peakTreeMb);
    const browser = await instance.browser.catch(() => null);
    if (browser) await closeBrowser(browser, instance.marker, instance.main);
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.workers) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
