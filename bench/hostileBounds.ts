// Worst cases of the hostile games for the machine: each case runs L4 in a child process (its own
// browser), and the child's whole process tree (Node, browser, GPU, renderers, utilities) is
// sampled every 50 ms from /proc: peak resident memory, peak thread count, wall time, the
// verdict's error codes. After the child exits, every browser process seen during the case is
// listed by pid: none may still be alive.
//
//   npx tsx bench/hostileBounds.ts                     # the default cases
//   npx tsx bench/hostileBounds.ts --cases spin,huge   # some of them
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { processTable, processTree, stillAlive, type ProcessInfo } from '../src/validate/runtime/processes.js';
import { residentBytes } from '../src/validate/runtime/processWatch.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const hostile = new URL('../test/fixtures/games/hostile/', import.meta.url).pathname;

if (args[0] === '--child') {
  // the validator side: one L4 level, `--workers` as asked (the level bounds it by the machine)
  const { defaultConfig, findPhaser } = await import('../src/core/index.js');
  const { createRuntimeLevel } = await import('../src/validate/runtime/index.js');
  const workers = Number(option('--workers') ?? 1);
  const files = args.slice(1).filter((arg, i, all) => arg !== '--workers' && all[i - 1] !== '--workers');
  const level = await createRuntimeLevel({ settings: defaultConfig().validate.runtime, workers, screenshotDir: null, workspaceRoot: null, phaserRuntimeFile: findPhaser().runtimeFile });
  const verdicts = await Promise.all(
    files.map(async (file) => {
      const { result } = await level.check({ code: readFileSync(hostile + file, 'utf8'), codeHash: file });
      return [file, result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code)] as const;
    }),
  );
  await level.close();
  process.stdout.write(JSON.stringify(Object.fromEntries(verdicts)));
  process.exit(0);
}

const CASES: Record<string, { files: string[]; workers: number }> = {
  worker_alloc: { files: ['memory_worker_slow_alloc.js'], workers: 1 },
  arraybuffer: { files: ['memory_arraybuffer_hoard.js'], workers: 1 },
  fork_bomb: { files: ['worker_fork_bomb.js'], workers: 1 },
  spin: { files: ['worker_spin.js', 'worker_busy_bursts.js'], workers: 1 },
  huge: { files: ['memory_worker_slow_alloc.js', 'memory_arraybuffer_hoard.js', 'worker_fork_bomb.js', 'worker_spin.js', 'worker_busy_bursts.js'], workers: 1_000_000_000 },
};
const chosen = (option('--cases') ?? Object.keys(CASES).join(',')).split(',');

function threadsOf(pid: number): number {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
function isBrowser(pid: number): boolean {
  try {
    return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
  } catch {
    return false;
  }
}

console.log(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
console.log('| case | --workers | wall s | peak tree RSS MB | peak threads | browser pids seen | alive after | errors |');
console.log('|---|---:|---:|---:|---:|---:|---|---|');
for (const name of chosen) {
  const spec = CASES[name];
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', ...spec.files, '--workers', String(spec.workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const seen = new Map<number, ProcessInfo>();
  let peakMb = 0;
  let peakThreads = 0;
  const sampler = setInterval(() => {
    const tree = processTree(child.pid!, processTable());
    let bytes = 0;
    let threads = 0;
    for (const info of tree) {
      bytes += residentBytes(info.pid) ?? 0;
      threads += threadsOf(info.pid);
      if (!seen.has(info.pid) && isBrowser(info.pid)) seen.set(info.pid, info);
    }
    peakMb = Math.max(peakMb, bytes / 2 ** 20);
    peakThreads = Math.max(peakThreads, threads);
  }, 50);
  await new Promise((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const wall = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const alive = stillAlive([...seen.values()]).map((info) => info.pid);
  let verdicts: Record<string, string[]> = {};
  try {
    verdicts = JSON.parse(out);
  } catch {
    verdicts = { '(no verdict)': [out.slice(0, 200)] };
  }
  const errors = Object.entries(verdicts)
    .map(([file, codes]) => `${file.replace(/\.js$/, '')}: ${[...new Set(codes)].join('+') || 'passes'}`)
    .join('; ');
  console.log(`| ${name} | ${spec.workers} | ${wall.toFixed(1)} | ${Math.round(peakMb)} | ${peakThreads} | ${seen.size} | ${alive.length ? alive.join(' ') : 'none'} | ${errors} |`);
}
console.log(`load average at end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
