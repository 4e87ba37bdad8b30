// Token counter benchmark: o200k counts of one run without spaces — "AAAA…" (base64 of zeros;
// 10 KB to 50 MB), random base64 and random lower-case letters (one pre-tokenizer piece for the
// whole run, the worst case; 10 KB to 1 MB by default, --random-sizes for more) — with js-tiktoken's own encode (before: quadratic in a piece's length)
// and countTokens (after: pieces over 64 bytes counted in 64-byte chunks). Each "before" runs in
// a child process killed after --cap seconds. Also the exactness on ordinary text (must be 0 %).
// Run: npx tsx bench/tokens.ts [--sizes 10000,100000,1000000,50000000] [--random-sizes 10000,100000,1000000] [--cap 120]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { countTokens } from '../src/core/tokens.js';
import { run } from './tokenRuns.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};

if (args[0] === '--child') {
  // before: js-tiktoken's encode, in its own process so it can be stopped
  const encoder = new Tiktoken(o200kBase);
  const text = run(args[1] as 'base64' | 'lower' | 'zeros', Number(args[2]));
  const t0 = performance.now();
  const tokens = encoder.encode(text).length;
  process.stdout.write(JSON.stringify({ tokens, ms: performance.now() - t0 }));
  process.exit(0);
}

const sizes = flag('sizes', '10000,100000,1000000,50000000').split(',').map(Number);
/** Sizes for the random runs (each distinct chunk is merged: ~25 s/MB on a loaded 2-core box). */
const randomSizes = flag('random-sizes', '10000,100000,1000000').split(',').map(Number);
const capSeconds = Number(flag('cap', '120'));
const self = fileURLToPath(import.meta.url);

console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (shared: times are indicative)`);
countTokens('warm up');
console.log('| run | size | before (js-tiktoken encode) | after (countTokens) | tokens before / after |');
console.log('|---|---:|---:|---:|---:|');
for (const kind of ['zeros', 'base64', 'lower'] as const) {
  for (const n of kind === 'zeros' ? sizes : randomSizes) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', kind, String(n)], { timeout: capSeconds * 1000, encoding: 'utf8', maxBuffer: 1 << 20 });
    const before = child.status === 0 ? (JSON.parse(child.stdout) as { tokens: number; ms: number }) : undefined;
    const text = run(kind, n);
    const t0 = performance.now();
    const tokens = countTokens(text);
    const ms = performance.now() - t0;
    const fmt = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`);
    console.log(`| ${kind} | ${n.toLocaleString('en')} B | ${before ? fmt(before.ms) : `> ${capSeconds} s (stopped)`} | ${fmt(ms)} | ${before ? before.tokens : '—'} / ${tokens} |`);
  }
}

// Exactness on ordinary text: the repository's sources and README, and the demo's answers.
const encoder = new Tiktoken(o200kBase);
const files = ['README.md', 'src/core/atomic.ts', 'src/core/tokens.ts', 'assets/replay/demo_answers.jsonl'];
let exact = 0;
let ours = 0;
for (const file of files) {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  exact += encoder.encode(text, [], []).length; // special-token text as ordinary text, as countTokens does
  ours += countTokens(text);
}
console.log(`\nordinary text (${files.join(', ')}): js-tiktoken ${exact} tokens, countTokens ${ours} (${(((ours - exact) / exact) * 100).toFixed(3)} %)`);
