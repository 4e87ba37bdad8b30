// The one watch over a browser's whole process tree (/proc, Linux; elsewhere it watches nothing),
// a few times a second:
// - memory: V8's `--max-old-space-size` covers only the page's own heap, not its Workers (threads
//   of the same process), ArrayBuffers or canvases; so every renderer's resident memory is read,
//   and a renderer past the limit is killed (its page crashes; the game gets `resource_limit`);
//   the whole tree's resident memory is summed for the benchmark;
// - the GPU process's CPU time, shared out among the games playing at the time: with software
//   rendering most of a game's drawing is done there (measured: 44 CPU s in the GPU process against
//   3.5 s on the page's main thread for a game drawing 500 growing circles), so a game's time
//   boxes count its share of it beside its own main thread's (PageClock, pageWatch.ts);
// - each game's Workers (threads of its renderer, found by the pool when it opens the page): their
//   CPU time counts in the game's clock too, a renderer whose Workers spend more than the Worker
//   CPU limit is killed (`resource_limit`), and a Worker still running without a break when the
//   game ends is reported (`workersRunning`);
// - the whole tree's resident memory: past its own limit (the renderer limit times the games at
//   once, plus the browser's share), the largest renderer is killed.
import { readFileSync } from 'node:fs';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { cpuMsOf, processTable, processTree, threadsOf, type ProcessInfo } from './processes.js';

/** Default resident-memory limit of one renderer (one game), in MiB; `PHASER_SFT_RENDERER_RSS_MB` overrides it. */
export const RENDERER_RSS_MB = 1536;
const POLL_MS = 200;
/** The process tree is listed again this often (new renderers appear with each game). */
const TREE_EVERY = 5;
const PAGE_SIZE = 4096;

/** Default CPU limit of one game's Workers together, in ms; `PHASER_SFT_WORKER_CPU_MS` overrides it. */
export const WORKER_CPU_MS = 3000;
/** What the browser, GPU and utility processes may hold besides the renderers (MiB). */
const BROWSER_SHARE_MB = 1024;
/** Chromium names a dedicated Worker's thread "DedicatedWorker thread" (cut to 15 characters in /proc). */
const WORKER_THREAD = /^DedicatedWorker/;

export function workerCpuLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.PHASER_SFT_WORKER_CPU_MS);
  return Number.isFinite(fromEnv) && fromEnv >= 100 ? fromEnv : WORKER_CPU_MS;
}

export function rendererRssLimitMb(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.PHASER_SFT_RENDERER_RSS_MB);
  return Number.isFinite(fromEnv) && fromEnv >= 64 ? fromEnv : RENDERER_RSS_MB;
}

/** Resident bytes of a process (statm's second field), or null once it is gone. */
export function residentBytes(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]) * PAGE_SIZE;
  } catch {
    return null;
  }
}

/** Chromium's process type (`renderer`, `gpu-process`, `utility`, `zygote`…), `browser` for its main process. */
function processType(pid: number): string | null {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    return /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
  } catch {
    return null;
  }
}

/** A renderer killed by the watch, with when and why; read by the pool to tell a kill from a crash. */
export type WatchKill =
  | { pid: number; at: number; kind: 'memory'; rssMb: number; tree: boolean }
  | { pid: number; at: number; kind: 'cpu'; cpuMs: number };

type KillRecord = WatchKill extends infer K ? (K extends WatchKill ? Omit<K, 'pid' | 'at'> : never) : never;

/** One game as the watch sees it, while it plays. */
export interface GameWatch {
  /** Its share of the GPU process's CPU ms so far. */
  readonly gpuMs: number;
  /** CPU ms its Workers have used so far (every Worker thread seen, ended ones included). */
  readonly workerMs: number;
  /** Whether one of its Workers is running without a break now (runnable in every one of a few samples). */
  workersRunning(): Promise<boolean>;
  /** CPU ms of its renderer's main thread, read from /proc (null: not known, or gone). */
  mainThreadMs(): number | null;
  end(): void;
}

interface Game {
  pid: number | null;
  gpuMs: number;
  /** CPU ms of each Worker thread seen, by tid (an ended thread keeps its last reading). */
  workers: Map<number, number>;
  workerMs: number;
}

export class ProcessWatch {
  readonly kills: WatchKill[] = [];
  /** The largest renderer RSS seen (MiB), for the benchmark. */
  peakMb = 0;
  /** The largest resident memory of the whole tree (browser, renderers, GPU, utilities) seen (MiB). */
  peakTreeMb = 0;
  private tree: ProcessInfo[] = [];
  private types = new Map<number, string>();
  private gpu: { pid: number; cpuMs: number } | null = null;
  private readonly games = new Set<Game>();
  private ticks = 0;
  private readonly timer: NodeJS.Timeout;

  /**
   * `limitMb`: one renderer's resident-memory limit; `workerCpuMs`: one game's Workers' CPU limit;
   * `treeLimitMb`: the whole tree's (default: the renderer limit per game at once, plus 1 GB).
   */
  constructor(
    private readonly root: () => ProcessInfo | null,
    private readonly limitMb: number,
    private readonly workerCpuMs = workerCpuLimitMs(),
    private readonly treeLimitMb = limitMb * 2 + BROWSER_SHARE_MB,
  ) {
    this.timer = setInterval(() => this.tick(), POLL_MS);
    this.timer.unref();
  }

  /** The renderer processes of the tree now (listed afresh). */
  renderers(): number[] {
    const root = this.root();
    if (!root) return [];
    return processTree(root.pid, processTable())
      .filter((info) => processType(info.pid) === 'renderer')
      .map((info) => info.pid);
  }

  /** Whether a renderer was killed at or after `since` (ms). */
  killedSince(since: number): WatchKill | null {
    return this.kills.find((kill) => kill.at >= since) ?? null;
  }

  /**
   * Start watching a game whose page runs in renderer `pid` (null: not known, then only its GPU
   * share is counted): its share of the GPU process's CPU, its Workers' CPU.
   */
  watchGame(pid: number | null): GameWatch {
    const game: Game = { pid, gpuMs: 0, workers: new Map(), workerMs: 0 };
    this.games.add(game);
    return {
      get gpuMs() {
        return game.gpuMs;
      },
      get workerMs() {
        return game.workerMs;
      },
      workersRunning: async () => {
        if (game.pid === null) return false;
        const pid = game.pid;
        const runnable = () => threadsOf(pid).filter((t) => WORKER_THREAD.test(t.name) && t.state === 'R').map((t) => t.tid);
        let running: number[] = runnable();
        for (let sample = 1; sample < 4 && running.length; sample++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const now = new Set(runnable());
          running = running.filter((tid) => now.has(tid));
        }
        return running.length > 0;
      },
      mainThreadMs: () => (game.pid === null ? null : cpuMsOf(game.pid, game.pid)),
      end: () => {
        this.games.delete(game);
      },
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private kill(pid: number, record: KillRecord): void {
    try {
      process.kill(pid, 'SIGKILL');
      this.kills.push({ pid, at: Date.now(), ...record } as WatchKill);
      if (this.kills.length > 100) this.kills.shift();
    } catch {
      // gone meanwhile
    }
  }

  private tick(): void {
    const root = this.root();
    if (!root) return;
    if (this.ticks++ % TREE_EVERY === 0) {
      this.tree = processTree(root.pid, processTable());
      const types = new Map<number, string>();
      for (const info of this.tree) {
        const type = this.types.get(info.pid) ?? processType(info.pid);
        if (type) types.set(info.pid, type);
      }
      this.types = types;
    }
    let treeMb = 0;
    let largest: { pid: number; mb: number } | null = null;
    for (const info of this.tree) {
      const bytes = residentBytes(info.pid);
      if (bytes === null) continue;
      const mb = bytes / 2 ** 20;
      treeMb += mb;
      const type = this.types.get(info.pid);
      if (type === 'gpu-process') this.chargeGpu(info.pid);
      if (type !== 'renderer') continue;
      if (mb > this.peakMb) this.peakMb = mb;
      if (mb > this.limitMb) this.kill(info.pid, { kind: 'memory', rssMb: Math.round(mb), tree: false });
      else if (!largest || mb > largest.mb) largest = { pid: info.pid, mb };
    }
    if (treeMb > this.peakTreeMb) this.peakTreeMb = treeMb;
    if (treeMb > this.treeLimitMb && largest) this.kill(largest.pid, { kind: 'memory', rssMb: Math.round(largest.mb), tree: true });
    for (const game of this.games) this.countWorkers(game);
  }

  /** A game's Workers' CPU time; past the limit its renderer is killed. */
  private countWorkers(game: Game): void {
    if (game.pid === null) return;
    for (const thread of threadsOf(game.pid)) if (WORKER_THREAD.test(thread.name)) game.workers.set(thread.tid, thread.cpuMs);
    let total = 0;
    for (const ms of game.workers.values()) total += ms;
    game.workerMs = total;
    if (total > this.workerCpuMs && !this.kills.some((kill) => kill.pid === game.pid)) this.kill(game.pid, { kind: 'cpu', cpuMs: Math.round(total) });
  }

  /** Split the GPU process's CPU time since the last tick among the games playing now. */
  private chargeGpu(pid: number): void {
    const cpuMs = cpuMsOf(pid);
    if (cpuMs === null) return;
    const last = this.gpu?.pid === pid ? this.gpu.cpuMs : cpuMs; // a new GPU process starts from now
    this.gpu = { pid, cpuMs };
    const spent = cpuMs - last;
    if (spent <= 0 || this.games.size === 0) return;
    for (const game of this.games) game.gpuMs += spent / this.games.size;
  }
}

/**
 * The most games this machine can run at once, whatever `--workers` asks: two per core, and
 * no more than fit in memory at the renderer limit (half of it: the rest of the machine lives
 * too). At least one.
 */
export function maxWorkers(limitMb = rendererRssLimitMb()): number {
  const byCpu = 2 * availableParallelism();
  const byMemory = Math.floor(Math.max(totalmem() / 2, freemem()) / (limitMb * 2 ** 20));
  return Math.max(1, Math.min(byCpu, byMemory));
}
