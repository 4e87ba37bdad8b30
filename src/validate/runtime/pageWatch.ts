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
 * A page that answers nothing, not even the DevTools interrupts, for this long is silent. Silence
 * alone is not a hang before the phase's box has passed: a page blocked in native code (a
 * software-rendered WebGL frame waiting on a starved GPU process) is silent too, and answers again
 * (measured: test/fixtures/phaser-examples `input/dragging/multiple draggables.js`, 64 draggable
 * images at ~300 ms a frame, was killed as "answered nothing for 4 s" in 2 of 6 runs on a loaded
 * machine and ran in every run once given its box). A JavaScript loop is still caught within
 * `hangCpuMs` (interrupts are served in JS), running out of memory by the debugger's pause.
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

/**
 * Whether a page that is running a phase is frozen, and why; null once it answers. It is pinged:
 * the harness yields between frames, so a live page answers within a frame. While the ping is
 * unanswered the page is frozen once its main thread has spent `hangCpuMs` of CPU without
 * yielding (an endless loop: counted in its own CPU time, so a busy machine that starves a slow
 * game does not make it a hang), once it paused itself before running out of memory, or once the
 * phase's own (wall-clock) box has passed (saying whether it had been silent for SILENT_MS).
 */
export async function isFrozen(page: Page, watch: PageWatch, crash: Promise<unknown>, boxMs: number, hangCpuMs: number): Promise<string | null> {
  const sent = Date.now();
  const ping = Promise.race([page.evaluate('0').then(() => true, () => false), crash.then(() => false)]);
  let heard = sent;
  let baseline: number | null = null;
  let spent = 0;
  // one reading in flight at a time, taken whenever it comes back: a slow answer still counts
  let reading: Promise<void> | null = null;
  for (;;) {
    reading ??= watch.threadCpuMs().then((cpu) => {
      reading = null;
      if (cpu === null) return;
      heard = Date.now();
      baseline ??= cpu;
      spent = cpu - baseline;
    });
    const answered = await within(ping, POLL_MS);
    if (answered === true) return null;
    if (answered === false) return 'the page stopped responding';
    if (watch.outOfMemory) return 'it ran out of memory';
    if (spent >= hangCpuMs) return `it ran ${(spent / 1000).toFixed(1)} CPU s without a break`;
    const now = Date.now();
    if (now - sent >= boxMs) return now - heard >= SILENT_MS ? `it answered nothing for ${((now - heard) / 1000).toFixed(1)} s, past the ${boxMs} ms phase box` : `it was still busy after the ${boxMs} ms phase box`;
  }
}
