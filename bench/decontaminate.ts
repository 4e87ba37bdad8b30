// Eval decontamination benchmark: 80 eval prompts checked against N synthetic training
// samples (prompt + a 3–6 KB answer), both ways (eval prompt vs train prompts, train answers vs
// eval prompts). Ours: the eval side indexed once, the training side streamed with a rolling
// hash over token hashes, hits confirmed on tokens, plus MinHash LSH on prompts. Naive, in the
// same run (n-gram part only, the same tokens): every 13-gram of every training text built as a string and looked up in a set of
// the eval prompts' 13-grams (the usual script), on a subset, extrapolated.
// Run: npx tsx bench/decontaminate.ts [--sizes 10000,100000] [--json]
import { cpus, loadavg } from 'node:os';
import { defaultConfig, logger } from '../src/core/index.js';
import { findContamination, type TrainingText } from '../src/evaluation/decontaminate.js';
import { NgramOverlapIndex, overlapTokens } from '../src/evaluation/ngramOverlap.js';
import { prng, syntheticGame } from '../test/fixtures/dataset/syntheticCode.js';

const EVAL_PROMPTS = 80;
const NAIVE_SUBSET = 5000;
const GAME_WORDS = 'player jumps over platforms collects coins avoids spikes enemies patrol level timer score lives boss door key bridge lava water wind'.split(' ');
/** A vocabulary like real requests': a few game words and many others. */
const WORDS = [...GAME_WORDS, ...Array.from({ length: 3000 }, (_, i) => `w${(i * 7919).toString(36)}`)];

function prompt(random: () => number, i: number): string {
  const words = Array.from({ length: 18 + Math.floor(random() * 20) }, () => WORDS[Math.floor(random() * WORDS.length)]);
  return `Request ${i}: make a game where the ${words.join(' ')}.`;
}

function corpus(size: number, evalPrompts: string[]): TrainingText[] {
  const random = prng(size);
  return Array.from({ length: size }, (_, i) => {
    // 1 in 1,000 training answers quotes an eval prompt in its plan (planted contamination).
    const quote = i % 1000 === 7 ? `[PLAN]\nAs asked: ${evalPrompts[i % evalPrompts.length]}\n` : '[PLAN]\nA plan.\n';
    return { prompt: prompt(random, i + 1_000_000), answer: quote + syntheticGame(i, 3000 + Math.floor(random() * 3000)), where: `train.jsonl:${i + 1}` };
  });
}

function naive(evalPrompts: string[], texts: TrainingText[], n = 13): number {
  const grams = new Set<string>();
  for (const p of evalPrompts) {
    const t = overlapTokens(p);
    for (let i = 0; i + n <= t.length; i++) grams.add(t.slice(i, i + n).join(' '));
  }
  let hits = 0;
  for (const text of texts) {
    for (const part of [text.prompt, text.answer]) {
      const t = overlapTokens(part);
      for (let i = 0; i + n <= t.length; i++) if (grams.has(t.slice(i, i + n).join(' '))) hits++;
    }
  }
  return hits;
}

async function main(): Promise<void> {
  logger.setQuiet(true);
  const args = process.argv.slice(2);
  const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '10000,100000').split(',').map(Number);
  const random = prng(1);
  const evalPrompts = Array.from({ length: EVAL_PROMPTS }, (_, i) => prompt(random, i));
  const settings = defaultConfig().eval.decontamination;
  const rows: Record<string, unknown>[] = [];
  for (const size of sizes) {
    const texts = corpus(size, evalPrompts);
    const bytes = texts.reduce((s, t) => s + t.prompt.length + t.answer.length, 0);
    const t0 = performance.now();
    const found = await findContamination(evalPrompts, texts, settings);
    const oursMs = performance.now() - t0;
    const index = new NgramOverlapIndex(evalPrompts, () => 13);
    const t2 = performance.now();
    for (const text of texts) {
      index.matches(text.prompt);
      index.matches(text.answer);
    }
    const ngramMs = performance.now() - t2;
    const subset = texts.slice(0, Math.min(NAIVE_SUBSET, size));
    const t1 = performance.now();
    naive(evalPrompts, subset);
    const naiveMs = ((performance.now() - t1) * size) / subset.length;
    const planted = new Set(texts.filter((t) => t.answer.startsWith('[PLAN]\nAs asked')).map((t) => evalPrompts.indexOf(t.answer.split('\n')[1].slice('As asked: '.length))));
    rows.push({
      samples: size,
      mb: Math.round(bytes / 1e6),
      full_check_s: +(oursMs / 1000).toFixed(2),
      ngram_ours_s: +(ngramMs / 1000).toFixed(2),
      ngram_naive_s: +(naiveMs / 1000).toFixed(2),
      ngram_speedup: +(naiveMs / ngramMs).toFixed(1),
      planted_contaminated: planted.size,
      found: found.size,
      planted_found: [...planted].filter((i) => found.has(i)).length,
      rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    });
  }
  if (args.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    console.log(`decontamination: ${EVAL_PROMPTS} eval prompts vs N training samples, both ways; ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.table(rows);
  }
}

await main();
