import type { Browser, BrowserContext, Page } from 'playwright-core';
import { isFrozen, PageClock, PageWatch, type Where } from './pageWatch.js';
import { PAGE_URL, REPLAY_PREFIX, servePage, type RefusedRequest, type ServedGame } from './servePage.js';
import { decodePng, encodePng, scaleDown } from './png.js';
import { TIMEOUT, within } from './timeBox.js';
import type { BootResult, HarnessApi, HarnessOptions, InputChanges, InputOutcome, LoopMeter, ProbeReport, LimitRecord, NetworkRecord, PageRecord, PageRecords, PlayResult, ReplayResult, Renderer } from './pageApi.js';

export type { NetworkRecord, PageRecord, Renderer } from './pageApi.js';

/**
 * A time box also ends after this many times its length in wall time: the boxes count the page's
 * own CPU time (PageClock), and this ceiling ends a page that waits without working. On a machine
 * that gives a page less than 1/WALL_FACTOR of a core, slow games can still run out of it.
 */
export const WALL_FACTOR = 8;

/** How one game is run; the time boxes come from the `validate.runtime` config, in CPU ms of the page's main thread. */
export interface RunOptions {
  /** Frames the game must reach (after booting). */
  frames: number;
  bootTimeoutMs: number;
  frameTimeoutMs: number;
  gameTimeoutMs: number;
  /** Wall-clock ceiling of each box, as a multiple of it (default WALL_FACTOR). */
  wallFactor?: number;
  /** CPU milliseconds a page may spend without answering before it is a hang. */
  hangCpuMs: number;
  renderer: Renderer;
  /** Replay the game with scripted input and compare (the `responds_to_input` signal). */
  checkInput: boolean;
  /** Picture checkpoint every N frames. */
  checkEvery: number;
  /** Screenshot width in pixels (aspect kept). */
  thumbnailWidth: number;
}

/** Everything one run observed; verdict.ts turns it into issues. */
export interface GameSignals {
  outcome: 'ran' | 'boot_failed' | 'hang' | 'crash';
  /** Where a hang or crash happened: boot, frames or input. */
  phase: 'load' | 'boot' | 'frames' | 'input' | null;
  detail: string | null;
  /** The game constructed a `Phaser.Game` (so the renderer could have mattered). */
  gameCreated: boolean;
  /** Where the game's code was when its page froze or ran out of memory. */
  hangAt: Where | null;
  renderer: Renderer;
  frames: number;
  /** Frames the game rendered per CPU second of its page while stepped back to back (its own cost per frame). */
  stepFps: number;
  /** CPU ms of the page's main thread the game used (boot to the end), the clock its time boxes count in. */
  cpuMs?: number;
  /** Run 1's play: frames the harness stepped, whether the loop was still scheduled, Phaser's own step count and ms. */
  loop?: (LoopMeter & { stepped: number; alive: boolean; realMs: number }) | null;
  blank: boolean;
  animated: boolean;
  input: InputOutcome | null;
  /** Phaser's own state after run 1 (page/probes.js), null when the game never played. */
  probes?: ProbeReport | null;
  /** The replay's probes and where its state differed from run 1's, null without a replay. */
  replayProbes?: { probes: ProbeReport | null; changes: InputChanges } | null;
  errors: PageRecord[];
  consoleErrors: PageRecord[];
  network: NetworkRecord[];
  /** Per-game caps the game ran into (`resource_limit`). */
  limits?: LimitRecord[];
  /** Built-ins the game replaced (`tampering`). */
  tampered?: string[];
  refused: RefusedRequest[];
  /** `data:image/png;base64,…` of the last frame, small. */
  thumbnail: string | null;
  /** The same, of the first frame the scripted input changed (null: it changed nothing, or no replay). */
  inputThumbnail?: string | null;
  /** Where the thumbnail came from: DevTools' own picture of the page, or the harness's canvas read-back (no such command). */
  thumbnailFrom?: 'devtools' | 'canvas';
  wallMs: number;
  /** The browser stopped answering (the context would not close): the pool must replace it. */
  browserWedged: boolean;
  /** Wall milliseconds per step (context, load, boot, frames, input, close), for the benchmark. */
  timings: Record<string, number>;
}

/** Uncaught exceptions kept from DevTools' reports, and the longest message kept. */
const MAX_PAGE_ERRORS = 50;
const MAX_MESSAGE = 500;
/** Slack on top of the page-load time box, for the load call itself. */
const GRACE_MS = 1500;
/** The first ping of a phase goes out this soon: most endless loops start with their phase (in create(), in the first updates). */
const FIRST_PING_MS = 250;
/** How often a running phase checks that its page still answers. */
const PING_EVERY_MS = 1000;
/**
 * A fresh browser context whose page already holds the harness and Phaser, waiting for a game.
 * Used once, then closed with its context.
 */
export interface PreparedPage {
  context: BrowserContext;
  page: Page;
  served: ServedGame;
  watch: PageWatch;
  /** The harness's API, as a DevTools object handle (the page keeps no name for it). */
  harness: string;
  /** Uncaught exceptions DevTools reported (a second source besides the harness's own records). */
  pageErrors: PageRecord[];
  /** Settles when the page crashes or closes by itself. */
  crash: Promise<{ crash: string }>;
  preparedMs: number;
}

/** Open a context, serve the page, load harness + Phaser. Throws when the page does not load. */
export async function preparePage(browser: Browser, phaserSource: Buffer, timeoutMs: number, newPage: (context: BrowserContext) => Promise<Page> = (context) => context.newPage()): Promise<PreparedPage> {
  const started = Date.now();
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, serviceWorkers: 'block', acceptDownloads: false });
  try {
    const served = await servePage(context, phaserSource);
    const page = await newPage(context);
    let crashed: (reason: string) => void = () => undefined;
    const crash = new Promise<{ crash: string }>((resolve) => {
      crashed = (reason) => resolve({ crash: reason });
    });
    page.once('crash', () => crashed('the page crashed (out of memory, or the renderer died)'));
    page.once('close', () => crashed('the page closed itself'));
    // Attached before Phaser loads: enabling the debugger on a page that already holds Phaser
    // walks its whole heap (≈0.45 CPU-s a game, measured); before, it costs ≈0.06 s. It cannot
    // wait until a page hangs: a page spinning in a loop never gets to `Debugger.enable`.
    const watch = await PageWatch.attach(context, page);
    // leaving the page by a popup or a download is an attempt, whatever the page says about it
    page.on('popup', (popup) => served.refused.push({ url: popup.url(), kind: 'popup' }));
    page.on('download', (download) => served.refused.push({ url: download.url(), kind: 'download' }));
    const loaded = await within(page.goto(PAGE_URL, { waitUntil: 'load', timeout: timeoutMs }).then(() => true), timeoutMs + GRACE_MS);
    if (loaded !== true) throw new Error('the validator page (harness + Phaser) did not load in time');
    const harness = await watch.takeHarness();
    const pageErrors: PageRecord[] = [];
    page.on('pageerror', (error) => {
      if (pageErrors.length >= MAX_PAGE_ERRORS) return;
      const at = /\/game(?:-replay)?\.js:(\d+):(\d+)/.exec(error.stack ?? '');
      const message = `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`.slice(0, MAX_MESSAGE);
      pageErrors.push({ message, where: 'uncaught', line: at ? Number(at[1]) : null, column: at ? Number(at[2]) : null });
    });
    return { context, page, served, watch, harness, pageErrors, crash, preparedMs: Date.now() - started };
  } catch (error) {
    await closeContext(context);
    throw error;
  }
}

/** Close a context; false when the browser did not answer within 5 s (it must be replaced). */
export async function closeContext(context: BrowserContext): Promise<boolean> {
  return (await within(context.close().then(() => true, () => true), 5000)) === true;
}

/**
 * Play one game on a prepared page, then close its context: boot the game, step it to the frame
 * target and through an input window without input (run 1, the verdict), then replay it with
 * the scripted player and compare pictures (run 2). Each phase is time-boxed in CPU time (the
 * page's main thread, plus its share of the GPU process's and its Workers'); a page that stops
 * answering is a hang, located with the debugger and killed with its context.
 */
/** What the pool's process watch knows of a game: CPU spent for it outside its main thread, its Workers. */
export interface GameProcesses {
  /** Its share of the GPU process's CPU ms plus its Workers' CPU ms, so far. */
  cpuMs(): number;
  /** Whether one of its Workers is running without a break now. */
  workersRunning(): Promise<boolean>;
  /** CPU ms of its renderer's main thread, read from outside the page (null: not known). */
  mainThreadMs(): number | null;
}
const NO_PROCESSES: GameProcesses = { cpuMs: () => 0, workersRunning: async () => false, mainThreadMs: () => null };

export async function playGame(prepared: PreparedPage, code: string, options: RunOptions, processes: GameProcesses = NO_PROCESSES): Promise<GameSignals> {
  const started = Date.now();
  const signals: GameSignals = {
    outcome: 'ran',
    phase: null,
    detail: null,
    gameCreated: false,
    hangAt: null,
    renderer: options.renderer,
    frames: 0,
    stepFps: 0,
    blank: true,
    animated: false,
    input: null,
    probes: null,
    replayProbes: null,
    errors: [],
    consoleErrors: [],
    network: [],
    limits: [],
    refused: prepared.served.refused,
    thumbnail: null,
    inputThumbnail: null,
    wallMs: 0,
    browserWedged: false,
    timings: { prepare: prepared.preparedMs },
  };
  let mark = started;
  const lap = (name: string) => {
    const now = Date.now();
    signals.timings[name] = now - mark;
    mark = now;
  };
  const harnessOptions: HarnessOptions = {
    renderer: options.renderer,
    frames: options.frames,
    bootTimeoutMs: options.bootTimeoutMs,
    frameTimeoutMs: options.frameTimeoutMs,
    wallFactor: options.wallFactor ?? WALL_FACTOR,
    maxBootFrames: 600,
    checkEvery: options.checkEvery,
    thumbnailWidth: options.thumbnailWidth,
    wrapperColumns: REPLAY_PREFIX.length,
  };
  const { page, watch, crash } = prepared;
  prepared.served.code = code;
  const wallFactor = harnessOptions.wallFactor;
  const clock = await PageClock.start(watch, prepared.harness, processes.cpuMs);
  // the page's CPU as read from outside it (its renderer's main thread, GPU share, Workers), for a page that answers nothing
  const outsideCpuMs = () => {
    const main = processes.mainThreadMs();
    return main === null ? null : main + processes.cpuMs();
  };
  /** Limits found from outside the page (its Workers), kept apart: each phase's records replace the page's. */
  const outside: LimitRecord[] = [];
  // One phase: its result, or null after recording a hang or a crash. While it runs, the page is
  // checked for being frozen (isFrozen) — a hang. One that answers but overruns its box is slow,
  // not stuck (the harness ends its own loops at their CPU boxes); it may run to the game box,
  // counted in the page's CPU time too, with its wall-clock ceiling.
  const call = async <T>(phase: NonNullable<GameSignals['phase']>, method: keyof HarnessApi, boxMs: number): Promise<T | null> => {
    const evaluation = Promise.race([
      watch.callHarness<T>(prepared.harness, method, harnessOptions).then(
        (value) => ({ value: value as T }),
        (error: Error) => ({ crash: `the page failed: ${error.message.split('\n')[0]}` }),
      ),
      crash,
    ]);
    let result = await within(evaluation, FIRST_PING_MS);
    while (result === TIMEOUT) {
      const frozen = await isFrozen(page, watch, crash, boxMs * wallFactor, options.hangCpuMs, { outsideCpuMs, wallFactor });
      const overall = clock.spent() > options.gameTimeoutMs || Date.now() - started > options.gameTimeoutMs * wallFactor;
      // the phase may have ended meanwhile (finished just in time, or the page crashed): that result stands
      const settled = await within(evaluation, 0);
      if (settled !== TIMEOUT) {
        result = settled;
        break;
      }
      if (frozen || overall) {
        const at = watch.outOfMemory ? null : await watch.locate();
        // the locator's pause may have met the page's own out-of-memory pause
        const outOfMemory = watch.outOfMemory;
        signals.outcome = outOfMemory ? 'crash' : 'hang';
        signals.phase = phase;
        signals.detail = outOfMemory ? 'the page ran out of memory' : (frozen ?? `it was still running after the ${options.gameTimeoutMs} CPU ms game time box`);
        signals.hangAt = outOfMemory ? outOfMemory.at : at;
        lap(phase);
        return null;
      }
      result = await within(evaluation, PING_EVERY_MS);
    }
    lap(phase);
    if ('crash' in result) {
      signals.outcome = 'crash';
      signals.phase = phase;
      signals.detail = result.crash;
      return null;
    }
    return result.value;
  };
  try {
    const boot = await call<BootResult>('boot', 'boot', options.bootTimeoutMs);
    if (!boot) return signals;
    absorb(signals, boot.records);
    backstop(signals, prepared.pageErrors);
    signals.gameCreated = boot.gameCreated === true;
    if (boot.renderer) signals.renderer = boot.renderer;
    if (!boot.booted) {
      signals.outcome = 'boot_failed';
      signals.detail = boot.reason ?? 'the game did not boot';
      return signals;
    }

    const playCpu0 = await clock.now();
    const play = await call<PlayResult>('frames', 'play', 2 * options.frameTimeoutMs);
    if (!play) return signals;
    const playCpu1 = await clock.now();
    absorb(signals, play.records);
    signals.frames = play.frames;
    signals.loop = play.loop ? { ...play.loop, stepped: play.stepped, alive: play.loopAlive, realMs: play.realMs } : null;
    // frames the game itself rendered per CPU second of its page (main thread and GPU share: a
    // busy machine does not lower it), per real second where the CPU cannot be read; a dead loop renders none
    const playCpuMs = playCpu0 !== null && playCpu1 !== null ? playCpu1 - playCpu0 : null;
    const perMs = playCpuMs !== null ? Math.max(1, playCpuMs) : play.realMs;
    signals.stepFps = perMs > 0 ? (Math.min(play.frames, play.stepped) * 1000) / perMs : 0;
    signals.blank = play.blank;
    signals.animated = play.animated;
    signals.thumbnail = play.thumbnail;
    signals.thumbnailFrom = 'canvas';
    const shot = await devtoolsThumbnail(watch, play.canvasRect, options.thumbnailWidth);
    if (shot) {
      signals.thumbnail = shot;
      signals.thumbnailFrom = 'devtools';
    }
    signals.probes = play.probes ?? null;
    backstop(signals, prepared.pageErrors);
    // a Worker left spinning once the frames are done: the game would keep a core busy for good
    if (await processes.workersRunning()) {
      outside.push({ kind: 'cpu', message: 'a Worker was still running without a break when the frames were done (it keeps a core busy)', line: null, column: null });
    }

    if (options.checkInput && signals.errors.length === 0 && !signals.blank) {
      const box = options.bootTimeoutMs + options.frameTimeoutMs;
      const run1PageErrors = prepared.pageErrors.length;
      const replay = await call<ReplayResult>('input', 'replayWithInput', box);
      if (replay) {
        // the replay's errors and attempts count as run 1's (page/runs.js says which)
        absorb(signals, replay.records);
        signals.input = replay.outcome;
        // kept only when the player's input is what changed the picture (a conclusive response)
        signals.inputThumbnail = replay.outcome.conclusive && replay.outcome.responds ? (replay.thumbnail ?? null) : null;
        if (replay.changes) signals.replayProbes = { probes: replay.probes ?? null, changes: replay.changes };
      }
      backstop(signals, prepared.pageErrors.slice(0, run1PageErrors));
      return signals;
    }
    return signals;
  } finally {
    if (outside.length) signals.limits = [...(signals.limits ?? []), ...outside];
    clock.stop();
    signals.cpuMs = Math.round(clock.spent());
    signals.browserWedged = !(await closeContext(prepared.context));
    lap('close');
    signals.wallMs = Date.now() - started + prepared.preparedMs;
  }
}

/**
 * The screenshot as DevTools reads it (what the page shows, drawn by the compositor), cut to the
 * game canvas and scaled to `width`; null when the browser cannot take one.
 */
async function devtoolsThumbnail(watch: PageWatch, rect: PlayResult['canvasRect'], width: number): Promise<string | null> {
  const png = await watch.screenshot();
  const image = png ? decodePng(png) : null;
  if (!image) return null;
  let view = image;
  if (rect && rect.width >= 1 && rect.height >= 1) {
    const x0 = Math.max(0, Math.floor(rect.x));
    const y0 = Math.max(0, Math.floor(rect.y));
    const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
    const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
    if (x1 > x0 && y1 > y0) {
      const data = Buffer.alloc((x1 - x0) * (y1 - y0) * 4);
      for (let y = y0; y < y1; y++) image.data.copy(data, (y - y0) * (x1 - x0) * 4, (y * image.width + x0) * 4, (y * image.width + x1) * 4);
      view = { width: x1 - x0, height: y1 - y0, data };
    }
  }
  return `data:image/png;base64,${encodePng(scaleDown(view, width)).toString('base64')}`;
}

function absorb(signals: GameSignals, records: PageRecords): void {
  signals.errors = records.errors;
  signals.consoleErrors = records.consoleErrors;
  signals.network = records.network;
  signals.limits = records.limits;
  signals.tampered = records.tampered;
}

/**
 * DevTools' own report of uncaught exceptions, a second source beside the harness's records:
 * should a game ever keep an error from the harness's listener, it is still an error.
 */
function backstop(signals: GameSignals, pageErrors: PageRecord[]): void {
  if (signals.errors.length === 0 && pageErrors.length > 0) signals.errors = pageErrors.slice();
}
