// The one watch over a browser's whole process tree (/proc, Linux; elsewhere it watches nothing),
// a few times a second:
// - memory: V8's `--max-old-space-size` covers only the page's own heap, not its Workers (threads
//   of the same process), ArrayBuffers or canvases; so every renderer's resident memory is read,
//   and a renderer past the limit is killed (its page crashes; the game gets `resource_limit`);
//   the whole tree's resident memory is summed for the benchmark;
// - the GPU process's CPU time, shared out among the games playing at the time: with software
//   rendering most of a game's drawing is done there (measured: 44 CPU s in the GPU process against
//   3.5 s on the page's main thread for a game drawing 500 growing circles), so a game's time
//   boxes count its share of it beside its own main thread's (PageClock, pageWatch.ts).
import { readFileSync } from 'node:fs';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { cpuMsOf, processTable, processTree, type ProcessInfo } from './processes.js';

/** Default resident-memory limit of one renderer (one game), in MiB; `PHASER_SFT_RENDERER_RSS_MB` overrides it. */
export const RENDERER_RSS_MB = 1536;
const POLL_MS = 200;
/** The process tree is listed again this often (new renderers appear with each game). */
const TREE_EVERY = 5;
const PAGE_SIZE = 4096;

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
export interface WatchKill {
  pid: number;
  at: number;
  kind: 'memory';
  rssMb: number;
}

/** One game's share of the GPU process's CPU time, while it plays. */
export interface GpuShare {
  /** CPU ms charged to this game so far. */
  readonly ms: number;
  end(): void;
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
  private readonly shares = new Set<{ ms: number }>();
  private ticks = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: () => ProcessInfo | null,
    private readonly limitMb: number,
  ) {
    this.timer = setInterval(() => this.tick(), POLL_MS);
    this.timer.unref();
  }

  /** Whether a renderer was killed at or after `since` (ms). */
  killedSince(since: number): WatchKill | null {
    return this.kills.find((kill) => kill.at >= since) ?? null;
  }

  /** Start charging a game its share of the GPU process's CPU time (split evenly among the games playing). */
  shareGpu(): GpuShare {
    const share = { ms: 0 };
    this.shares.add(share);
    return {
      get ms() {
        return share.ms;
      },
      end: () => {
        this.shares.delete(share);
      },
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private kill(pid: number, record: Omit<WatchKill, 'pid' | 'at'>): void {
    try {
      process.kill(pid, 'SIGKILL');
      this.kills.push({ pid, at: Date.now(), ...record });
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
    for (const info of this.tree) {
      const bytes = residentBytes(info.pid);
      if (bytes === null) continue;
      const mb = bytes / 2 ** 20;
      treeMb += mb;
      const type = this.types.get(info.pid);
      if (type === 'gpu-process') this.chargeGpu(info.pid);
      if (type !== 'renderer') continue;
      if (mb > this.peakMb) this.peakMb = mb;
      if (mb > this.limitMb) this.kill(info.pid, { kind: 'memory', rssMb: Math.round(mb) });
    }
    if (treeMb > this.peakTreeMb) this.peakTreeMb = treeMb;
  }

  /** Split the GPU process's CPU time since the last tick among the games playing now. */
  private chargeGpu(pid: number): void {
    const cpuMs = cpuMsOf(pid);
    if (cpuMs === null) return;
    const last = this.gpu?.pid === pid ? this.gpu.cpuMs : cpuMs; // a new GPU process starts from now
    this.gpu = { pid, cpuMs };
    const spent = cpuMs - last;
    if (spent <= 0 || this.shares.size === 0) return;
    for (const share of this.shares) share.ms += spent / this.shares.size;
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
