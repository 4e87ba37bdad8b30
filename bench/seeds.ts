// Benchmark of `seeds build` at scale and of the generated seeds' diversity (issue 16 targets):
//   npx tsx bench/seeds.ts [--count 20000] [--seed 42] [--samples FILE]
// 1. `seeds build --count N` through the real CLI in a temporary workspace (curated + N
//    generated), timed wall-clock;
// 2. the issue's figures on the N generated seeds alone and on the curated set alone:
//    near-duplicates (same language, char 4-gram Jaccard ≥ 0.6, exact), openings (first four
//    words / six characters) shared by more than 1% of a language's seeds and the share they
//    cover, seeds of enemy-free genres asking for enemies, distinct concepts and repeats;
// 3. the honest limit: asking one genre for far more than it can make;
// 4. with --samples FILE: 50 generated seeds per language picked at random (seeded) into FILE.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Workspace, readJsonlSync } from '../src/core/index.js';
import { seedSchema, type Seed } from '../src/schemas/index.js';
import { buildSeeds } from '../src/seeds/build.js';
import { loadCuratedSeeds } from '../src/seeds/input.js';
import { gramJaccard, promptGrams } from '../src/seeds/nearDup.js';
import { Random } from '../src/seeds/random.js';
import { seedStats, type SeedStats } from '../src/seeds/stats.js';
import { runCli } from '../test/helpers/cli.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const count = Number(arg('count', '20000'));
const randomSeed = Number(arg('seed', '42'));
const samplesFile = arg('samples', '');

const ENEMY_FREE = ['match3', 'puzzle', 'clicker', 'memory', 'snake'];

function figures(label: string, stats: SeedStats): string[] {
  const d = stats.diversity;
  const enemies = d.incoherent.pairs.filter((p) => p.element === 'enemies' && ENEMY_FREE.includes(p.genre)).reduce((s, p) => s + p.count, 0);
  const lines = [
    `## ${label}: ${stats.total} seeds (${Object.entries(stats.by_lang).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `near-duplicates (same language, char 4-gram Jaccard ≥ ${d.near_duplicates.threshold}): ${d.near_duplicates.count} = ${(d.near_duplicates.share * 100).toFixed(2)}% of seeds`,
  ];
  for (const [lang, o] of Object.entries(d.openings)) {
    const top = o.top[0];
    lines.push(`openings ${lang}: ${o.distinct} distinct; shared by > 1% of ${lang} seeds: cover ${(o.common_share * 100).toFixed(2)}%; most shared ${top ? `${JSON.stringify(top.text)} ${(top.share * 100).toFixed(2)}%` : '—'}`);
  }
  lines.push(`seeds of enemy-free genres (${ENEMY_FREE.join(', ')}) asking for enemies: ${enemies}; incoherent seeds in all: ${d.incoherent.seeds}`);
  lines.push(`concepts: ${d.concepts.distinct} distinct; repeats per concept max ${d.concepts.max_repeats}, median ${d.concepts.median_repeats}`);
  for (const [lang, list] of Object.entries(d.phrases)) lines.push(`most reused phrase ${lang}: ${list[0] ? `${JSON.stringify(list[0].text)} ${(list[0].share * 100).toFixed(2)}%` : '—'}`);
  lines.push(`thin cells: ${stats.thin_cells.length} of ${stats.cells.length}`);
  return lines;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-seeds-'));
  try {
    const out: string[] = [];
    const started = performance.now();
    const cli = await runCli(['seeds', 'build', '--workspace', dir, '--count', String(count), '--seed', String(randomSeed), '--json'], { timeoutMs: 1_800_000 });
    const wallMs = performance.now() - started;
    if (cli.code !== 0) throw new Error(`seeds build failed (${cli.code}): ${cli.stderr}`);
    const result = JSON.parse(cli.stdout);
    // CPU time of the same build in this process (the machine is shared: wall time depends on the load).
    const cpuBefore = process.cpuUsage();
    const inProcess = buildSeeds(new Workspace(join(dir, 'cpu')), { count, randomSeed, inputs: [], curated: true, threshold: 0.7 });
    const cpu = process.cpuUsage(cpuBefore);
    out.push(
      `seeds build --count ${count} --seed ${randomSeed} (CLI, curated included): ${(wallMs / 1000).toFixed(1)} s wall, the same build in-process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s; ` +
        `made ${result.counts.generated} of ${result.counts.requested}; candidates turned down: ${JSON.stringify(result.counts.generator_rejected)}`,
    );
    if (inProcess.counts.generated !== result.counts.generated) throw new Error('the in-process build differs from the CLI one');
    const all = readJsonlSync(new Workspace(dir).seedsFile, { schema: seedSchema }).map((r) => r.value);
    const generated = all.filter((s) => s.source === 'generated');
    const t0 = performance.now();
    const genStats = seedStats(generated);
    out.push(`(seedStats over ${generated.length} seeds: ${((performance.now() - t0) / 1000).toFixed(1)} s)`, '');
    out.push(...figures('generated', genStats), '');
    out.push(...figures('curated', seedStats(loadCuratedSeeds().map((r) => r.seed))), '');
    out.push(...figures('curated + generated (the written file)', seedStats(all)), '');

    // Recall of the near-duplicate index: every same-language pair within each genre, by brute force.
    const brute = bruteForceNearDuplicates(generated, 0.6);
    out.push(`near-duplicates by brute force (every pair within language × genre): ${brute} seeds with an earlier one at ≥ 0.6 (the index found ${genStats.diversity.near_duplicates.count})`);

    // The honest limit: one genre at concept cap 1, far more than it can make distinct.
    const limitCpu = process.cpuUsage();
    const limit = buildSeeds(new Workspace(join(dir, 'limit')), { count: 100000, randomSeed, inputs: [], curated: false, threshold: 0.7, genres: ['memory'], conceptCap: 1 });
    const limitUsed = process.cpuUsage(limitCpu);
    out.push(`honest limit: --genres memory --concept-cap 1 --count 100000 → made ${limit.counts.generated}, ${limit.exhausted_cells.length} of 6 cells exhausted, ${((limitUsed.user + limitUsed.system) / 1e6).toFixed(1)} CPU s`);
    console.log(out.join('\n'));

    if (samplesFile) writeFileSync(samplesFile, samples(generated, 20261203));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seeds with an earlier seed of the same language and genre at or above `threshold`, comparing every pair. */
function bruteForceNearDuplicates(seeds: readonly Seed[], threshold: number): number {
  const groups = new Map<string, Uint32Array[]>();
  let count = 0;
  for (const s of seeds) {
    const key = `${s.lang}/${s.genre}`;
    const earlier = groups.get(key) ?? [];
    const grams = promptGrams(s.prompt);
    if (earlier.some((other) => gramJaccard(grams, other) >= threshold)) count++;
    earlier.push(grams);
    groups.set(key, earlier);
  }
  return count;
}

/** 50 generated seeds per language, picked by a seeded shuffle. */
function samples(seeds: readonly Seed[], pickSeed: number): string {
  const random = new Random(pickSeed);
  const lines = [
    '# 50 generated seeds per language, picked at random',
    '',
    `\`npx tsx bench/seeds.ts --count ${count} --seed ${randomSeed} --samples …\`: the ${seeds.length} generated seeds of \`seeds build --count ${count} --seed ${randomSeed}\`,`,
    `shuffled with \`new Random(${pickSeed})\` (src/seeds/random.ts), the first 50 of each language. Each line: genre / difficulty, then the prompt.`,
  ];
  for (const lang of ['zh', 'en']) {
    lines.push('', `## ${lang}`, '');
    const picked = random.shuffle(seeds.filter((s) => s.lang === lang)).slice(0, 50);
    picked.forEach((s, i) => lines.push(`${i + 1}. \`${s.genre}/${s.difficulty}\` ${s.prompt.replace(/\n/g, ' ⏎ ')}`));
  }
  return lines.join('\n') + '\n';
}

await main();
