// Static validation (L1–L3) throughput, warm, against the naive way: one `tsc` process per file.
// Also the false-alarm and miss rates on the fixture corpus (test/fixtures/games).
//   npx tsx bench/validate-static.ts [--copies 3] [--naive 6]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, findPhaser, sha256 } from '../src/core/index.js';
import { Validator } from '../src/validate/validator.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const copies = flag('copies', 4);
const naiveCount = flag('naive', 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = (kind: string) => readdirSync(join(root, 'test/fixtures/games', kind)).filter((f) => f.endsWith('.js')).sort().map((name) => ({ kind, name, code: readFileSync(join(root, 'test/fixtures/games', kind, name), 'utf8') }));
const corpus = [...fixtures('good'), ...fixtures('bad')];

/** Distinct files (a trailing comment makes each copy a new code hash, so nothing is cached). */
function variants(round: string): string[] {
  const codes: string[] = [];
  for (let copy = 0; copy < copies; copy++) for (const game of corpus) codes.push(`${game.code}// ${round} copy ${copy}\n`);
  return codes;
}

/** CPU seconds used by finished child processes (Linux /proc; 0 elsewhere). */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

interface Measure {
  files: number;
  filesPerSecond: number;
  cpuMsPerFile: number;
  warmupMs?: number;
}

async function measureValidator(workers: number): Promise<Measure> {
  const validator = await Validator.create({ config: defaultConfig(), levels: ['L1', 'L2', 'L3'], workers });
  try {
    const warmStart = performance.now();
    await Promise.all(variants(`warm-${workers}`).slice(0, corpus.length).map((code) => validator.validate({ code, codeHash: sha256(code) })));
    const warmupMs = performance.now() - warmStart;
    const codes = variants(`timed-${workers}`);
    const start = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(codes.map((code) => validator.validate({ code, codeHash: sha256(code) })));
    const used = process.cpuUsage(cpu);
    return { filesPerSecond: codes.length / ((performance.now() - start) / 1000), files: codes.length, cpuMsPerFile: (used.user + used.system) / 1000 / codes.length, warmupMs };
  } finally {
    await validator.close();
  }
}

/** The naive way: `tsc --allowJs --checkJs --noEmit` over the Phaser declarations and one game, a process per file. */
function measureNaive(): Measure {
  const phaser = findPhaser();
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-naive-'));
  try {
    const games = fixtures('good').slice(0, naiveCount);
    const start = performance.now();
    const cpuBefore = childCpuSeconds();
    for (const game of games) {
      const file = join(dir, game.name);
      writeFileSync(file, game.code);
      const run = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--allowJs', '--checkJs', '--noEmit', '--skipLibCheck', '--target', 'es2022', '--lib', 'es2022,dom', file, phaser.dtsFile, phaser.matterDtsFile], { encoding: 'utf8' });
      // tsc exits non-zero on the games' loose-typing errors too; only a usage error means it did not check.
      if (/error TS[56]\d{3}:/.test(run.stdout)) throw new Error(`naive tsc did not run: ${run.stdout.slice(0, 300)}`);
    }
    return { filesPerSecond: games.length / ((performance.now() - start) / 1000), files: games.length, cpuMsPerFile: ((childCpuSeconds() - cpuBefore) * 1000) / games.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** False alarms: correct games that fail L1–L3. Misses: broken games without their labelled error. */
async function corpusRates(): Promise<{ good: number; falseAlarms: string[]; bad: number; misses: string[] }> {
  const validator = await Validator.create({ config: defaultConfig(), levels: ['L1', 'L2', 'L3'], workers: 1 });
  try {
    const verdicts = await Promise.all(corpus.map((g) => validator.validate({ code: g.code, codeHash: sha256(g.code) })));
    const falseAlarms: string[] = [];
    const misses: string[] = [];
    corpus.forEach((game, i) => {
      const verdict = verdicts[i];
      if (game.kind === 'good') {
        if (!verdict.passed) falseAlarms.push(game.name);
        return;
      }
      const [, level, code] = /expect: (L\d) (\w+)/.exec(game.code) ?? [];
      const result = verdict.levels[level as 'L1'];
      if (!result?.issues.some((issue) => issue.code === code && issue.severity === 'error')) misses.push(game.name);
    });
    return { good: corpus.filter((g) => g.kind === 'good').length, falseAlarms, bad: corpus.filter((g) => g.kind === 'bad').length, misses };
  } finally {
    await validator.close();
  }
}

const load = loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`# validate-static — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; load average at start: ${load}`);
const rates = await corpusRates();
const oneThread = await measureValidator(1);
const twoWorkers = await measureValidator(2);
const naive = measureNaive();
// The machine is shared: wall time depends on the others' load, CPU time per file does not.
// "idle estimate" = cores used / CPU time per file (the static levels are CPU-bound): one core
// for the single thread and for the naive sequential tsc processes, two for two workers.
const row = (way: string, m: Measure, cores: number) =>
  console.log(`| ${way} | ${m.files} | ${m.filesPerSecond.toFixed(2)} | ${m.cpuMsPerFile.toFixed(1)} | ${((cores * 1000) / m.cpuMsPerFile).toFixed(1)} | ${m.warmupMs === undefined ? '–' : `${(m.warmupMs / 1000).toFixed(1)} s`} |`);
console.log('');
console.log('| way | files | files/s (wall, loaded machine) | CPU ms / file | files/s, idle estimate | warm-up |');
console.log('|---|---:|---:|---:|---:|---:|');
row('phaser-sft L1–L3, warm, 1 thread (L2 batched)', oneThread, 1);
row('phaser-sft L1–L3, warm, 2 worker threads', twoWorkers, 2);
row('naive: one `tsc --allowJs --checkJs` process per file (L2 only)', naive, 1);
console.log('');
console.log(`speed-up over naive: ${(oneThread.filesPerSecond / naive.filesPerSecond).toFixed(0)}× / ${(twoWorkers.filesPerSecond / naive.filesPerSecond).toFixed(0)}× wall (1 thread / 2 workers), ${(naive.cpuMsPerFile / oneThread.cpuMsPerFile).toFixed(0)}× CPU per file`);
console.log(`false alarms: ${rates.falseAlarms.length}/${rates.good} correct games fail L1–L3 (${((100 * rates.falseAlarms.length) / rates.good).toFixed(1)}%)${rates.falseAlarms.length ? ': ' + rates.falseAlarms.join(', ') : ''}`);
console.log(`misses: ${rates.misses.length}/${rates.bad} broken games lack their labelled error (${((100 * rates.misses.length) / rates.bad).toFixed(1)}%)${rates.misses.length ? ': ' + rates.misses.join(', ') : ''}`);
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
