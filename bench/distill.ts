// Benchmark of the teacher runner against the loopback mock provider.
//
//   npx tsx bench/distill.ts            # full run (≈3 min)
//   npx tsx bench/distill.ts --quick    # smaller sizes, for a smoke test
//   npx tsx bench/distill.ts --skip-memory   # throughput rows only (no 20,000-request run)
//
// 1. Throughput: N requests at a fixed latency, concurrency c; wall time / ideal ceil(N/c) × latency.
// 2. The naive way in the same run: Promise.all over chunks of c (each chunk waits for its
//    slowest call), against the runner's pool, both with jittered latency.
// 3. Cost of the runner: CPU ms per request and peak RSS at 1,000 vs 20,000 requests.
// Each measurement runs in a fresh child process (the mock stays in this one), so CPU and
// RSS are the runner's alone.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countTokens } from '../src/core/tokens.js';
import { startMockProvider, type MockProviderOptions } from '../test/helpers/mockProvider.js';

const KEY = 'sk-ant-bench-0000000000';
const self = fileURLToPath(import.meta.url);

interface WorkerTask {
  mode: 'runner' | 'naive';
  workspace: string;
  concurrency: number;
}

interface WorkerResult {
  answered: number;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  /** Heap still reachable at the end (after a full GC): what the run holds on to. */
  retainedHeapMb: number;
}

/** A workspace with `count` small requests (the runner's cost, not the tokenizer's, is measured). */
function makeWorkspace(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-bench-'));
  mkdirSync(join(dir, 'data', 'sft_distill'), { recursive: true });
  const system = 'You write Phaser 3 games as one self-contained file.\n'.repeat(20) + '### Phaser API reference (retrieved for this request)\nPhaser.Scene#add\n';
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(JSON.stringify({ request_id: `r${i}`, seed_id: `s${i >> 1}`, sample_index: i & 1, system, user: `Make game ${i}: a breakout clone.`, api_refs: [], api_context_tokens: 3 }));
  }
  writeFileSync(join(dir, 'data', 'sft_distill', 'requests.jsonl'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'phaser-sft.config.json'), JSON.stringify({ teacher: { retry_base_ms: 50 } }));
  return dir;
}

/** Run one measurement in a child process. */
function runWorker(task: WorkerTask, baseUrl: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--worker', JSON.stringify(task)], {
      env: { ...process.env, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: baseUrl, PHASER_SFT_LOG: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`worker exited ${code}`))));
  });
}

/** Child side: run the real stage function (or the naive loop) and report wall, CPU and peak RSS. */
async function worker(task: WorkerTask): Promise<void> {
  // Everything is imported before the clock starts: module loading is not the runner's cost.
  const { Workspace, loadConfig, readJsonlValues, writeJsonlAtomic } = await import('../src/core/index.js');
  const { requestSchema } = await import('../src/schemas/index.js');
  const { runDistill } = await import('../src/distill/index.js');
  const { createClaudeCaller } = await import('../src/llm/index.js');
  const workspace = new Workspace(task.workspace);
  const config = loadConfig(workspace.configFile);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let answered: number;
  if (task.mode === 'runner') {
    const result = await runDistill({ workspace, config, teacher: 'claude', concurrency: task.concurrency, quiet: true });
    answered = result.answered;
  } else {
    // The naive way: all requests in memory, Promise.all over fixed chunks, results written at the end.
    const requests = await readJsonlValues(workspace.requestsFile, { schema: requestSchema });
    const call = createClaudeCaller({ model: config.teacher.claude.model, maxTokens: config.teacher.claude.max_tokens });
    const results: unknown[] = [];
    for (let i = 0; i < requests.length; i += task.concurrency) {
      const chunk = requests.slice(i, i + task.concurrency);
      results.push(...(await Promise.all(chunk.map((request) => call(request, new AbortController().signal)))));
    }
    writeJsonlAtomic(workspace.rawOutputsFile('naive'), results);
    answered = results.length;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  globalThis.gc?.();
  const retainedHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  process.stdout.write(JSON.stringify({ answered, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb, retainedHeapMb } satisfies WorkerResult) + '\n');
}

async function measure(label: string, count: number, mode: WorkerTask['mode'], concurrency: number, mock: MockProviderOptions): Promise<WorkerResult & { label: string; count: number }> {
  const provider = await startMockProvider({ record: false, ...mock });
  const workspace = makeWorkspace(count);
  try {
    const result = await runWorker({ mode, workspace, concurrency }, provider.url);
    if (result.answered !== count) throw new Error(`${label}: ${result.answered} of ${count} answered`);
    return { label, count, ...result };
  } finally {
    await provider.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** The runner's scheduling alone: calls are timers, no HTTP and no SDK (in this process). */
async function schedulerOnly(count: number, concurrency: number, latencyMs: number): Promise<number> {
  const { JsonlAppender } = await import('../src/core/index.js');
  const { runJobs, sleep } = await import('../src/llm/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-bench-'));
  const journal = new JsonlAppender(join(dir, 'out.jsonl'), { fsync: false });
  const t0 = performance.now();
  await runJobs({
    jobs: Array.from({ length: count }, (_, i) => ({ id: `j${i}` })),
    call: (job) => sleep(latencyMs).then(() => job.id),
    toRecord: (job, result, meta) => ({ id: job.id, result, latency_ms: meta.latencyMs }),
    journal,
    concurrency,
  });
  const wall = performance.now() - t0;
  journal.close();
  rmSync(dir, { recursive: true, force: true });
  return wall;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const n = quick ? 200 : 1000;
  const big = quick ? 4000 : 20_000;
  const latency = 500;
  const c = 16;
  const jitter = () => ({ delayMs: Math.round(Math.random() * 500) }); // 250–750 ms around a 250 ms base
  countTokens('warm up'); // the mock's tokenizer loads here, not during the first measurement
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const schedulerWall = await schedulerOnly(n, c, latency);
  const fixed = await measure('runner, fixed 500 ms', n, 'runner', c, { latencyMs: latency });
  const naiveFixed = await measure('naive Promise.all chunks, fixed 500 ms', n, 'naive', c, { latencyMs: latency });
  const ideal = Math.ceil(n / c) * latency;
  const pool = await measure('runner, 250–750 ms', n, 'runner', c, { latencyMs: 250, fault: jitter });
  const naive = await measure('naive Promise.all chunks, 250–750 ms', n, 'naive', c, { latencyMs: 250, fault: jitter });
  const memory = !process.argv.includes('--skip-memory');
  const small = memory ? await measure(`runner, ${n} requests, 5 ms`, n, 'runner', 32, { latencyMs: 5 }) : undefined;
  const large = memory ? await measure(`runner, ${big} requests, 5 ms`, big, 'runner', 32, { latencyMs: 5 }) : undefined;

  const rows = [fixed, naiveFixed, pool, naive, ...(small && large ? [small, large] : [])].map((r) => ({
    run: r.label,
    requests: r.count,
    'wall s': (r.wallMs / 1000).toFixed(1),
    'req/s': (r.count / (r.wallMs / 1000)).toFixed(1),
    'CPU ms/req': (r.cpuMs / r.count).toFixed(2),
    'peak RSS MB': r.maxRssMb.toFixed(0),
    'retained heap MB': r.retainedHeapMb.toFixed(1),
  }));
  console.table(rows);
  console.log(`wall / ideal (ceil(${n}/${c}) × ${latency} ms = ${(ideal / 1000).toFixed(1)} s): runner ${(fixed.wallMs / ideal).toFixed(3)}, naive ${(naiveFixed.wallMs / ideal).toFixed(3)} (target ≤ 1.1)`);
  console.log(`runJobs scheduling alone (timer calls, no HTTP): ${(schedulerWall / 1000).toFixed(1)} s = ${(schedulerWall / ideal).toFixed(3)} × ideal`);
  console.log(`jittered latency: pool ${(pool.wallMs / 1000).toFixed(1)} s vs naive chunks ${(naive.wallMs / 1000).toFixed(1)} s (${(naive.wallMs / pool.wallMs).toFixed(2)}× slower)`);
  if (small && large) console.log(`${small.count} → ${large.count} requests: peak RSS ${small.maxRssMb.toFixed(0)} → ${large.maxRssMb.toFixed(0)} MB, retained heap ${small.retainedHeapMb.toFixed(1)} → ${large.retainedHeapMb.toFixed(1)} MB`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

const workerIndex = process.argv.indexOf('--worker');
if (workerIndex !== -1) await worker(JSON.parse(process.argv[workerIndex + 1]) as WorkerTask);
else await main();
