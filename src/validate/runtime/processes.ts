import { readdirSync, readFileSync } from 'node:fs';

/**
 * The processes of one browser, found through /proc (Linux): the main process carries a marker
 * argument of ours, its helpers (zygotes, renderers, GPU, network) descend from it. Chromium
 * does not pass its environment to helpers, so parentage is the reliable link. Elsewhere these
 * return nothing and the pool relies on Playwright's own shutdown.
 */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Start time in clock ticks since boot: tells a process from a later one with the same pid. */
  start: string;
}

/**
 * The fields of a /proc stat line after "pid (comm) ": `state` is [0], `ppid` [1], utime/stime
 * [11]/[12], starttime [19]; comm may contain spaces and parentheses, so it is cut at the last ')'.
 */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Clock ticks a second (`getconf CLK_TCK`): 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** User + system CPU ms of stat fields (statFields). */
const cpuMsOfFields = (fields: string[]) => ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;

function readStat(pid: string): ProcessInfo | null {
  try {
    const fields = statFields(readFileSync(`/proc/${pid}/stat`, 'latin1'));
    if (fields[0] === 'Z') return null; // exited, waiting to be reaped
    return { pid: Number(pid), ppid: Number(fields[1]), start: fields[19] ?? '' };
  } catch {
    return null;
  }
}

/** Every live process (empty where /proc does not exist). */
export function processTable(): ProcessInfo[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const table: ProcessInfo[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readStat(entry);
    if (info) table.push(info);
  }
  return table;
}

/** The process whose command line contains `marker` (our unique launch argument). */
export function findByArgument(marker: string, table = processTable()): ProcessInfo | null {
  for (const info of table) {
    try {
      if (readFileSync(`/proc/${info.pid}/cmdline`, 'latin1').split('\0').includes(marker)) return info;
    } catch {
      // gone
    }
  }
  return null;
}

/** `root` and all its descendants. */
export function processTree(rootPid: number, table = processTable()): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const info of table) {
    const list = children.get(info.ppid) ?? [];
    list.push(info);
    children.set(info.ppid, list);
  }
  const root = table.find((info) => info.pid === rootPid);
  if (!root) return [];
  const tree: ProcessInfo[] = [];
  const stack = [root];
  while (stack.length) {
    const info = stack.pop()!;
    tree.push(info);
    stack.push(...(children.get(info.pid) ?? []));
  }
  return tree;
}

/** Those of `processes` still alive (same pid and same start time). */
export function stillAlive(processes: ProcessInfo[]): ProcessInfo[] {
  return processes.filter((info) => readStat(String(info.pid))?.start === info.start);
}

/** SIGKILL those of `processes` still alive; never a process that merely reuses a pid. */
export function killSurvivors(processes: ProcessInfo[]): number {
  let killed = 0;
  for (const info of stillAlive(processes)) {
    try {
      process.kill(info.pid, 'SIGKILL');
      killed++;
    } catch {
      // exited meanwhile
    }
  }
  return killed;
}

/**
 * CPU milliseconds (user + system) a process has used, all its threads together, or only thread
 * `tid` of it; null once it is gone. Read from /proc, at the kernel's tick (10 ms) resolution.
 */
export function cpuMsOf(pid: number, tid?: number): number | null {
  try {
    return cpuMsOfFields(statFields(readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'latin1')));
  } catch {
    return null;
  }
}

/** One thread of a process: its name (`comm`, 15 characters at most), scheduler state and CPU ms. */
export interface ThreadInfo {
  tid: number;
  name: string;
  /** `R` running or runnable, `S` sleeping, `D` waiting on I/O… (proc(5)). */
  state: string;
  cpuMs: number;
}

/** The threads of a process (empty once it is gone). */
export function threadsOf(pid: number): ThreadInfo[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const threads: ThreadInfo[] = [];
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
      const fields = statFields(stat);
      threads.push({ tid: Number(tid), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), state: fields[0], cpuMs: cpuMsOfFields(fields) });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}
