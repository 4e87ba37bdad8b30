// The memory bound for a whole renderer: V8's `--max-old-space-size` covers only the page's own
// heap, not its Workers (threads of the same process), ArrayBuffers or canvases; so the
// resident memory of every renderer process of a browser is read from /proc a few times a
// second, and a renderer past the limit is killed (its page crashes; the game gets
// `resource_limit`). Linux only; elsewhere it watches nothing.
import { readFileSync } from 'node:fs';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { processTable, processTree, type ProcessInfo } from './processes.js';

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

function isRenderer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('--type=renderer');
  } catch {
    return false;
  }
}

/** Renderers killed for memory, with when; read by the pool to tell a kill from a crash. */
export interface MemoryKill {
  pid: number;
  at: number;
  rssMb: number;
}

export class MemoryWatch {
  readonly kills: MemoryKill[] = [];
  /** The largest renderer RSS seen (MiB), for the benchmark. */
  peakMb = 0;
  private renderers: ProcessInfo[] = [];
  private ticks = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: () => ProcessInfo | null,
    private readonly limitMb: number,
  ) {
    this.timer = setInterval(() => this.tick(), POLL_MS);
    this.timer.unref();
  }

  /** Whether a renderer was killed for memory at or after `since` (ms). */
  killedSince(since: number): MemoryKill | null {
    return this.kills.find((kill) => kill.at >= since) ?? null;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const root = this.root();
    if (!root) return;
    if (this.ticks++ % TREE_EVERY === 0) this.renderers = processTree(root.pid, processTable()).filter((info) => isRenderer(info.pid));
    for (const info of this.renderers) {
      const bytes = residentBytes(info.pid);
      if (bytes === null) continue;
      const mb = bytes / 2 ** 20;
      if (mb > this.peakMb) this.peakMb = mb;
      if (mb <= this.limitMb) continue;
      try {
        process.kill(info.pid, 'SIGKILL');
        this.kills.push({ pid: info.pid, at: Date.now(), rssMb: Math.round(mb) });
        if (this.kills.length > 100) this.kills.shift();
      } catch {
        // gone meanwhile
      }
    }
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
