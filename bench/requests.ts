// Benchmark of `requests`: 10,000 generated seeds (× 2 samples) through the real stage, and the
// naive way on a slice of them in the same run.
//
//   npx tsx bench/requests.ts                            # 10,000 seeds, naive and ours on all of them
//   npx tsx bench/requests.ts --seeds 2000 --slice 200   # a quicker smoke run (naive on the first 200)
//
// Ours: one retrieval + context packing per seed, reused by its samples; records streamed to a
// temp file and renamed. Naive: retrieval per request, the whole system prompt re-tokenised per
// request (for its token count), every record held in memory and written at the end. Both write
// requests.jsonl for the same seeds; the bench checks the bytes agree. Each measurement runs in a
// fresh child process so its wall time, CPU and peak RSS are its own.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApiContext, buildApiIndex, loadApiIndex } from '../src/apiIndex/index.js';
import { Workspace, countTokens, defaultConfig, logger, writeJsonlAtomic } from '../src/core/index.js';
import { buildRequests, loadSeeds, requestRecord, type RequestRecord } from '../src/requests/build.js';
import { fillTemplate, loadSystemTemplate, resolveTemplateFile } from '../src/requests/template.js';
import { buildSeeds } from '../src/seeds/build.js';

const self = fileURLToPath(import.meta.url);

interface Measurement {
  variant: string;
  seeds: number;
  requests: number;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** The naive stage: same records, but context and token counts recomputed per request, all in memory. */
function naiveRequests(workspace: Workspace): number {
  const config = defaultConfig();
  const template = loadSystemTemplate(resolveTemplateFile(workspace, config));
  const index = loadApiIndex(workspace.apiIndexFile);
  const settings = { samples: config.requests.samples_per_seed, maxTokens: config.requests.max_tokens ?? null, temperature: config.requests.temperature ?? null };
  const records: RequestRecord[] = [];
  let systemTokens = 0;
  for (const seed of loadSeeds(workspace)) {
    for (let sample = 0; sample < settings.samples; sample++) {
      const context = buildApiContext(index, { query: seed.prompt, mechanics: seed.mechanics, tokenBudget: config.api_index.context_token_budget, topK: config.api_index.top_k });
      const system = fillTemplate(template, context.text);
      systemTokens += countTokens(system);
      records.push(requestRecord(seed, context, system, sample, settings));
    }
  }
  logger.debug(`naive: ${systemTokens} system tokens`);
  return writeJsonlAtomic(workspace.requestsFile, records);
}

/** Child process: run one variant in a workspace, print its measurement as JSON. */
function child(variant: string, root: string): void {
  logger.setQuiet(true);
  const workspace = new Workspace(root);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const requests = variant === 'naive' ? naiveRequests(workspace) : buildRequests(workspace, defaultConfig(), { quiet: true }).counts.requests;
  const cpu = process.cpuUsage(cpuStart);
  const seeds = readFileSync(workspace.seedsFile, 'utf8').split('\n').filter(Boolean).length;
  const result: Measurement = {
    variant,
    seeds,
    requests,
    wallMs: Math.round(performance.now() - started),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

function measure(variant: string, root: string): Measurement {
  const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', variant, root], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${variant} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

/** A workspace holding the first `count` seeds of `from` and the same API index. */
function slice(from: Workspace, count: number, root: string): Workspace {
  const to = new Workspace(root);
  mkdirSync(dirname(to.apiIndexFile), { recursive: true });
  copyFileSync(from.apiIndexFile, to.apiIndexFile);
  mkdirSync(dirname(to.seedsFile), { recursive: true });
  writeFileSync(to.seedsFile, readFileSync(from.seedsFile, 'utf8').split('\n').slice(0, count).join('\n') + '\n');
  return to;
}

function main(): void {
  const total = flag('seeds', 10_000);
  const sliceSize = flag('slice', total);
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-bench-requests-'));
  logger.setQuiet(true);
  try {
    const full = new Workspace(join(dir, 'full'));
    buildApiIndex(full, defaultConfig());
    const seedsStarted = performance.now();
    const curated = buildSeeds(full, { count: 0, randomSeed: 42, inputs: [], curated: true, threshold: 0.7 }).counts.written;
    const seeds = buildSeeds(full, { count: total - curated, randomSeed: 42, inputs: [], curated: true, threshold: 0.7 });
    const seedsMs = performance.now() - seedsStarted;

    const small = slice(full, sliceSize, join(dir, 'slice'));
    const naive = measure('naive', small.root);
    const naiveBytes = readFileSync(small.requestsFile);
    const oursSlice = measure('per-seed', small.root);
    const same = Buffer.compare(naiveBytes, readFileSync(small.requestsFile)) === 0;
    const oursFull = sliceSize < total ? measure('per-seed', full.root) : oursSlice;

    const row = (m: Measurement) =>
      `| ${m.variant.padEnd(27)} | ${String(m.seeds).padStart(6)} | ${String(m.requests).padStart(8)} | ${(m.wallMs / 1000).toFixed(1).padStart(7)} | ${(m.cpuMs / 1000).toFixed(1).padStart(7)} | ${(m.cpuMs / m.seeds).toFixed(1).padStart(11)} | ${String(m.maxRssMb).padStart(11)} |`;
    const lines = [
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
      `seeds build: ${seeds.counts.written} seeds (${seeds.counts.curated} curated + ${seeds.counts.generated} generated, ${seeds.counts.generator_collisions} generator near-duplicates dropped) in ${(seedsMs / 1000).toFixed(1)} s`,
      '',
      '| variant                     |  seeds | requests |  wall s |   CPU s | CPU ms/seed | peak RSS MB |',
      '|-----------------------------|-------:|---------:|--------:|--------:|------------:|------------:|',
      row({ ...naive, variant: 'naive (context per request)' }),
      row({ ...oursSlice, variant: 'ours (context per seed)' }),
      ...(sliceSize < total ? [row({ ...oursFull, variant: 'ours (context per seed)' })] : []),
      '',
      `same seeds, naive vs ours: CPU ${(naive.cpuMs / oursSlice.cpuMs).toFixed(2)}× less, peak RSS ${naive.maxRssMb} → ${oursSlice.maxRssMb} MB; requests.jsonl byte-identical: ${same ? 'yes' : 'NO'}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (!same) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3], process.argv[4]);
else main();
