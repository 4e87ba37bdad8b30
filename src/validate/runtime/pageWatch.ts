// How a page running a game is watched: its main thread's CPU time, its out-of-memory pause and
// where a stuck script is, all through a DevTools session that answers while the script spins;
// and from those, whether a page running a phase is frozen (a hang).
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { HarnessApi, HarnessOptions } from './pageApi.js';
import { REPLAY_PREFIX } from './servePage.js';
import { TIMEOUT, within } from './timeBox.js';

/** While a ping is unanswered, how often the page is checked (its CPU time, its memory). */
const POLL_MS = 100;
/**
 * A page that answers nothing, not even the DevTools interrupts, for this long is frozen (deep
 * in garbage collection, out of memory). A page that answers them is judged by its CPU time.
 */
const SILENT_MS = 4000;

type CallFrames = { location: { scriptId: string; lineNumber: number; columnNumber?: number } }[];
export type Where = { line: number; column: number };

/**
 * The page's DevTools session, attached before the game runs. Two of its calls are served by a V8
 * interrupt, even while the page's script spins: the CPU time of its main thread
 * (`Performance.getMetrics`) tells an endless loop from a page a busy machine starves, and
 * `Debugger.pause` says where the loop is. With the debugger on, a page about to run out of
 * memory pauses itself instead of crashing: that pause is the out-of-memory signal.
 */
export class PageWatch {
  private readonly scripts = new Map<string, string>();
  /** Where the page paused itself before running out of memory (null: it has not). */
  outOfMemory: { at: Where | null } | null = null;
  private constructor(private readonly session: CDPSession) {
    session.on('Debugger.scriptParsed', (event) => {
      if (/\/game(-replay)?\.js$/.test(event.url)) this.scripts.set(event.scriptId, event.url);
    });
    session.on('Debugger.paused', (event) => {
      if (event.reason === 'OOM') this.outOfMemory = { at: this.gameFrame(event.callFrames) };
    });
  }

  static async attach(context: BrowserContext, page: Page): Promise<PageWatch> {
    const session = await context.newCDPSession(page);
    const watch = new PageWatch(session);
    await Promise.all([session.send('Debugger.enable'), session.send('Performance.enable')]);
    // `debugger;` in a game must not stop it. Only once the debugger is on: this call is served
    // by an interrupt, so sent together with `Debugger.enable` it can overtake it and be lost
    // (a game's `debugger;` then paused the page for good: measured, 1 run in 3).
    await session.send('Debugger.setBreakpointsActive', { active: false });
    return watch;
  }

  /**
   * Take the harness's API from the page, once, before any game code is loaded: from then on it
   * is held here as an object handle, and the page has no name for it (page/runs.js).
   */
  async takeHarness(): Promise<string> {
    const { result, exceptionDetails } = await this.session.send('Runtime.evaluate', { expression: 'window.__phaserSftTake()', returnByValue: false });
    if (exceptionDetails || !result.objectId) throw new Error(`the page harness did not hand over its API: ${exceptionDetails?.text ?? result.type}`);
    return result.objectId;
  }

  /**
   * Call one of the harness's API functions on the handle `takeHarness` returned and wait for its
   * result, copied out by value by DevTools itself (no page code serialises it).
   */
  async callHarness<T>(handle: string, method: keyof HarnessApi, options: HarnessOptions): Promise<T> {
    const { result, exceptionDetails } = await this.session.send('Runtime.callFunctionOn', {
      objectId: handle,
      functionDeclaration: 'function (method, options) { return this[method](options); }',
      arguments: [{ value: method }, { value: options }],
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  }

  /** Hand the page's harness a CPU reading (its time boxes' clock); false if the page did not take it. */
  async pushClock(handle: string, cpuMs: number): Promise<boolean> {
    return this.session
      .send('Runtime.callFunctionOn', { objectId: handle, functionDeclaration: 'function (ms) { this.clock(ms); }', arguments: [{ value: cpuMs }] })
      .then(
        ({ exceptionDetails }) => !exceptionDetails,
        () => false,
      );
  }

  /** CPU milliseconds the page's main thread has used (null if the session is gone). */
  async threadCpuMs(): Promise<number | null> {
    return this.session.send('Performance.getMetrics').then(
      ({ metrics }) => {
        const seconds = metrics.find((metric) => metric.name === 'ThreadTime')?.value;
        return seconds === undefined ? null : seconds * 1000;
      },
      () => null,
    );
  }

  /**
   * A picture of what the page shows now, drawn by the compositor for this one frame and read by
   * DevTools (`HeadlessExperimental.beginFrame`: the headless shell under begin-frame control,
   * browser.ts); null where the browser has no such command (Chromium's new headless mode) or it
   * does not answer within 3 s.
   */
  async screenshot(): Promise<Buffer | null> {
    const shot = await within(
      this.session.send('HeadlessExperimental.beginFrame' as never, { screenshot: { format: 'png' } } as never).then(
        (result: { screenshotData?: string }) => (result.screenshotData ? Buffer.from(result.screenshotData, 'base64') : null),
        () => null,
      ),
      3000,
    );
    return shot === TIMEOUT ? null : shot;
  }

  /** Pause the stuck script and read the game's innermost frame. */
  async locate(): Promise<Where | null> {
    const paused = new Promise<{ callFrames: CallFrames }>((resolve) => this.session.once('Debugger.paused', resolve));
    // a loop serves the pause interrupt within milliseconds; a page not paused after 1.5 s is
    // deep in garbage collection, and will not say where it is
    const result = await within(
      this.session.send('Debugger.pause').then(() => paused),
      1500,
    ).catch((): typeof TIMEOUT => TIMEOUT);
    return result === TIMEOUT ? null : this.gameFrame(result.callFrames);
  }

  /** The innermost frame in the game's own script (1-based line/column), if any. */
  private gameFrame(callFrames: CallFrames): Where | null {
    for (const frame of callFrames) {
      const url = this.scripts.get(frame.location.scriptId);
      if (!url) continue;
      const line = frame.location.lineNumber + 1;
      let column = (frame.location.columnNumber ?? 0) + 1;
      if (url.endsWith('/game-replay.js') && line === 1) column = Math.max(1, column - REPLAY_PREFIX.length);
      return { line, column };
    }
    return null;
  }
}

/** How often the page's CPU time is read and handed to its harness. */
const CLOCK_MS = 200;

/**
 * The clock a game's time boxes count in: its page's main-thread CPU time (DevTools'
 * Performance.getMetrics ThreadTime; bench/cpuClock.ts measured it equal to the renderer main
 * thread's time in /proc within 1 %, and the work a page does per CPU second the same idle and
 * with the machine made busy, where its work per wall second fell 3.6-fold), plus its share of
 * the GPU process's CPU time, where software rendering draws (processWatch.ts). Read every CLOCK_MS
 * and pushed to the harness (page/virtualTime.js), which ends its boxes by it; one push in flight
 * at a time (a page busy in a long task takes it when it yields).
 */
export class PageClock {
  /** The first and the latest reading (CPU ms), null until the first arrives. */
  private first: number | null = null;
  private latest: number | null = null;
  private stopped = false;
  private pushing = false;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly watch: PageWatch,
    private readonly handle: string,
    private readonly otherCpuMs: () => number,
  ) {}

  /**
   * Start the clock once the page holds a first reading (the boxes of the boot start from it).
   * `otherCpuMs`: CPU ms spent for this page elsewhere (its share of the GPU process's), added.
   */
  static async start(watch: PageWatch, handle: string, otherCpuMs: () => number = () => 0): Promise<PageClock> {
    const clock = new PageClock(watch, handle, otherCpuMs);
    const cpu = await clock.read();
    if (cpu !== null) {
      clock.first = clock.latest = cpu;
      await watch.pushClock(handle, cpu);
    }
    clock.timer = setTimeout(() => clock.tick(), CLOCK_MS);
    clock.timer.unref();
    return clock;
  }

  /** CPU ms the page's main thread has used since the clock started. */
  spent(): number {
    return this.first === null || this.latest === null ? 0 : this.latest - this.first;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** A fresh reading (CPU ms: main thread now, plus the CPU counted elsewhere so far). */
  now(): Promise<number | null> {
    return this.read();
  }

  private read(): Promise<number | null> {
    return this.watch.threadCpuMs().then((cpu) => (cpu === null ? null : cpu + this.otherCpuMs()));
  }

  private tick(): void {
    if (this.stopped) return;
    void this.read().then((cpu) => {
      if (this.stopped) return;
      if (cpu !== null) {
        this.first ??= cpu;
        this.latest = cpu;
        if (!this.pushing) {
          this.pushing = true;
          void this.watch.pushClock(this.handle, cpu).finally(() => {
            this.pushing = false;
          });
        }
      }
      this.timer = setTimeout(() => this.tick(), CLOCK_MS);
      this.timer.unref();
    });
  }
}

/**
 * Whether a page that is running a phase is frozen, and why; null once it answers. It is pinged:
 * the harness yields between frames, so a live page answers within a frame. While the ping is
 * unanswered the page is frozen once its main thread has spent `hangCpuMs` of CPU without
 * yielding (an endless loop: counted in its own CPU time, so a busy machine that starves a slow
 * game does not make it a hang), once it paused itself before running out of memory, once it
 * has answered nothing at all for SILENT_MS (of its renderer's CPU time, main thread and GPU
 * share, where `silence` can read it from outside; else of wall time; SILENT_MS × wallFactor of
 * wall time at most), or once `boxMs` of wall time (the phase's
 * wall-clock ceiling) has passed.
 */
export async function isFrozen(
  page: Page,
  watch: PageWatch,
  crash: Promise<unknown>,
  boxMs: number,
  hangCpuMs: number,
  silence: { outsideCpuMs: () => number | null; wallFactor: number } = { outsideCpuMs: () => null, wallFactor: 1 },
): Promise<string | null> {
  const sent = Date.now();
  const ping = Promise.race([page.evaluate('0').then(() => true, () => false), crash.then(() => false)]);
  let heard = sent;
  // the CPU the page's renderer spent (read from outside, /proc) when it last answered
  let heardCpu = silence.outsideCpuMs();
  let baseline: number | null = null;
  let spent = 0;
  // one reading in flight at a time, taken whenever it comes back: a slow answer still counts
  let reading: Promise<void> | null = null;
  for (;;) {
    reading ??= watch.threadCpuMs().then((cpu) => {
      reading = null;
      if (cpu === null) return;
      heard = Date.now();
      heardCpu = silence.outsideCpuMs();
      baseline ??= cpu;
      spent = cpu - baseline;
    });
    const answered = await within(ping, POLL_MS);
    if (answered === true) return null;
    if (answered === false) return 'the page stopped responding';
    if (watch.outOfMemory) return 'it ran out of memory';
    if (spent >= hangCpuMs) return `it ran ${(spent / 1000).toFixed(1)} CPU s without a break`;
    const now = Date.now();
    if (now - heard >= SILENT_MS) {
      // counted in CPU time too where it can be read from outside: a page blocked on a starved
      // GPU process (a software-rendered read-back) answers nothing, but is slow, not stuck
      const cpu = silence.outsideCpuMs();
      if (cpu === null || heardCpu === null) return `it answered nothing for ${SILENT_MS / 1000} s`;
      if (cpu - heardCpu >= SILENT_MS) return `it answered nothing while it spent ${((cpu - heardCpu) / 1000).toFixed(1)} CPU s`;
      if (now - heard >= SILENT_MS * silence.wallFactor) return `it answered nothing for ${Math.round((now - heard) / 1000)} s`;
    }
    if (now - sent >= boxMs) return `it was still busy after the ${boxMs} ms phase box`;
  }
}
