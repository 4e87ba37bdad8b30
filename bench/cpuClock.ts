// Which clock to time-box a page by: a page that works in 40 ms slices (a busy game's frames) and
// yields between them is read, every 200 ms, through DevTools' Performance.getMetrics (ThreadTime:
// the page's main thread; ProcessTime: its whole renderer) and through /proc (the renderer's main
// thread, and the whole renderer process), idle and then with the machine made busy by spinning
// child processes; against the page's own count of work done (iterations of a fixed loop).
//
//   npx tsx bench/cpuClock.ts [--spinners 8] [--seconds 6]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { launchBrowser, closeBrowser } from '../src/validate/runtime/browser.js';
import { findBrowser } from '../src/validate/runtime/index.js';
import { cpuMsOf, findByArgument, processTable, processTree } from '../src/validate/runtime/processes.js';


const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const SPINNERS = option('--spinners', 8);
const SECONDS = option('--seconds', 6);

const lookup = findBrowser();
if (!lookup.found) throw new Error(lookup.reason);
const marker = `--phaser-sft-browser=cpuclock-${process.pid}`;
const browser = await launchBrowser(lookup.executable, marker);
const context = await browser.newContext();
const page = await context.newPage();
const session = await context.newCDPSession(page);
await session.send('Performance.enable');
await page.goto('data:text/html,<p>cpu</p>');
const main = findByArgument(marker)!;
const renderer = processTree(main.pid, processTable()).find((info) => readFileSync(`/proc/${info.pid}/cmdline`, 'latin1').includes('--type=renderer'))!;

async function metrics(): Promise<{ thread: number; process: number }> {
  const { metrics } = await session.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return { thread: get('ThreadTime'), process: get('ProcessTime') };
}

async function measure(label: string): Promise<void> {
  // the page: 40 ms slices of a fixed loop, a yield between; counts the work it did
  await page.evaluate(`window.work = 0; window.stop = false; (function slice() { var end = performance.now() + 40; while (performance.now() < end) { for (var i = 0; i < 10000; i++) Math.sqrt(i); window.work++; } if (!window.stop) setTimeout(slice, 0); })()`);
  const wall0 = Date.now();
  const m0 = await metrics();
  const p0 = { thread: cpuMsOf(renderer.pid, renderer.pid), process: cpuMsOf(renderer.pid) };
  const samples: number[] = [];
  let last = m0.thread;
  while (Date.now() - wall0 < SECONDS * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const m = await metrics();
    samples.push(m.thread - last);
    last = m.thread;
  }
  const m1 = await metrics();
  const p1 = { thread: cpuMsOf(renderer.pid, renderer.pid), process: cpuMsOf(renderer.pid) };
  const work = Number(await page.evaluate('window.stop = true, window.work'));
  const wall = Date.now() - wall0;
  const thread = m1.thread - m0.thread;
  const row = {
    label,
    load1: loadavg()[0].toFixed(2),
    wall_ms: wall,
    cdp_thread_ms: Math.round(thread),
    cdp_process_ms: Math.round(m1.process - m0.process),
    proc_main_thread_ms: Math.round((p1.thread ?? 0) - (p0.thread ?? 0)),
    proc_process_ms: Math.round((p1.process ?? 0) - (p0.process ?? 0)),
    work_units: work,
    work_per_cdp_thread_s: Math.round((work * 1000) / thread),
    samples_min_max_ms: [Math.round(Math.min(...samples)), Math.round(Math.max(...samples))],
  };
  console.log(JSON.stringify(row));
}

await measure('idle');
const spinners: ChildProcess[] = [];
for (let i = 0; i < SPINNERS; i++) spinners.push(spawn('timeout', ['60', 'sh', '-c', 'while :; do :; done'], { detached: true, stdio: 'ignore' }));
await new Promise((resolve) => setTimeout(resolve, 1000));
try {
  await measure(`${SPINNERS} spinners`);
} finally {
  for (const spinner of spinners) {
    try {
      process.kill(-spinner.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
await measure('idle again');
await closeBrowser(browser, marker, main);
