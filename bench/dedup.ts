// Near-duplicate removal benchmark: the `dataset` dedup (MinHash over hashed code-token 5-grams,
// 112 permutations, LSH 14 bands × 8 rows, estimate ≥ 0.8) on 10,000 and 100,000 synthetic
// 3–6 KB games with planted near-duplicates, against naive pairwise exact Jaccard on a subset
// (extrapolated, O(n²)) in the same run; plus precision/recall of the planted duplicates and the
// detection rate by true similarity (the measured threshold behaviour).
// Run: npx tsx bench/dedup.ts [--sizes 10000,100000] [--json]
import { cpus, loadavg } from 'node:os';
import { codeTokens, jaccard, logger, tokenShingles } from '../src/core/index.js';
import { dedupSamples, lshCandidateProbability, type Sample } from '../src/dataset/index.js';
import { nearCopy, prng, syntheticGame } from '../test/fixtures/dataset/syntheticCode.js';

const SETTINGS = { threshold: 0.8, shingleSize: 5, permutations: 112, bands: 14 };
/** Share of each corpus that is a planted near-copy of an earlier game. */
const PLANTED_SHARE = 0.2;
/** Line-edit rates of the planted copies: true Jaccard from ≈ 0.98 down to ≈ 0.5. */
const EDIT_RATES = [0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3];
const NAIVE_SUBSET = 250;
/** Planted pairs whose true Jaccard is computed for the accuracy figures (exact sets are slow to build). */
const TRUTH_SAMPLE = 3000;

interface Corpus {
  samples: Sample[];
  /** Planted copy id → the base it was copied from. */
  plantedBase: Map<string, string>;
  codeOf: Map<string, string>;
  generateMs: number;
}

function sample(id: string, code: string): Sample {
  return {
    conversation: { system: '', turns: [{ user: id, assistant: code }] },
    meta: { source: 'distilled', group: id, seed_id: id, candidate_id: id, genre: 'g', lang: 'en', difficulty: 'easy', id },
  };
}

function buildCorpus(size: number): Corpus {
  const started = performance.now();
  const random = prng(size);
  const baseCount = Math.round(size * (1 - PLANTED_SHARE));
  const samples: Sample[] = [];
  const plantedBase = new Map<string, string>();
  const codeOf = new Map<string, string>();
  for (let i = 0; i < baseCount; i++) {
    const code = syntheticGame(i, 3000 + Math.floor(random() * 3000));
    samples.push(sample(`b${i}`, code));
    codeOf.set(`b${i}`, code);
  }
  for (let i = 0; i < size - baseCount; i++) {
    const base = Math.floor(random() * baseCount);
    const code = nearCopy(codeOf.get(`b${base}`)!, i, EDIT_RATES[i % EDIT_RATES.length]);
    samples.push(sample(`p${i}`, code));
    plantedBase.set(`p${i}`, `b${base}`);
    codeOf.set(`p${i}`, code);
  }
  return { samples, plantedBase, codeOf, generateMs: performance.now() - started };
}

const shingles = (code: string) => tokenShingles(codeTokens(code), SETTINGS.shingleSize);

/**
 * Naive: exact Jaccard of every pair among the first `n` samples. Extrapolated to `size`:
 * building the shingle sets grows with n, comparing them with the n(n-1)/2 pairs.
 */
function naive(corpus: Corpus, n: number, size: number) {
  const buildStarted = performance.now();
  const sets = corpus.samples.slice(0, n).map((s) => shingles(s.conversation.turns[0].assistant));
  const buildMs = performance.now() - buildStarted;
  const compareStarted = performance.now();
  let pairs = 0;
  for (let i = 0; i < sets.length; i++) {
    for (let j = 0; j < i; j++) {
      pairs++;
      jaccard(sets[i], sets[j]);
    }
  }
  const compareMs = performance.now() - compareStarted;
  const totalPairs = (size * (size - 1)) / 2;
  const extrapolatedMs = (buildMs / n) * size + (compareMs / pairs) * totalPairs;
  return { subset: n, subsetMs: Math.round(buildMs + compareMs), extrapolatedS: Math.round(extrapolatedMs / 1000) };
}

function run(size: number) {
  const corpus = buildCorpus(size);
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = dedupSamples(corpus.samples, SETTINGS);
  const dedupMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuS = Math.round((cpu.user + cpu.system) / 1e5) / 10;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

  // Accuracy on a sample of planted pairs: true Jaccard to the base vs removed or not.
  const removedAs = new Map(result.removed.map((r) => [r.item.meta.id, r.duplicateOf.meta.id]));
  const planted = [...corpus.plantedBase].slice(0, TRUTH_SAMPLE);
  const buckets = new Map<string, { pairs: number; removed: number; lshCandidate: number }>();
  let truePositives = 0;
  let positives = 0;
  for (const [id, base] of planted) {
    const truth = jaccard(shingles(corpus.codeOf.get(id)!), shingles(corpus.codeOf.get(base)!));
    const removed = removedAs.has(id);
    if (truth >= SETTINGS.threshold) {
      positives++;
      if (removed) truePositives++;
    }
    const low = Math.min(0.95, Math.floor(truth * 20) / 20);
    const key = `${low.toFixed(2)}–${(low + 0.05).toFixed(2)}`;
    const bucket = buckets.get(key) ?? { pairs: 0, removed: 0, lshCandidate: 0 };
    bucket.pairs++;
    if (removed) bucket.removed++;
    bucket.lshCandidate += lshCandidateProbability(truth, SETTINGS.permutations, SETTINGS.bands);
    buckets.set(key, bucket);
  }
  // Precision: every removed pair checked against the exact Jaccard of the two codes.
  let removedTrue = 0;
  let removedAbove07 = 0;
  const removedNear = result.removed.filter((r) => r.kind === 'near');
  for (const r of removedNear) {
    const truth = jaccard(shingles(corpus.codeOf.get(r.item.meta.id)!), shingles(corpus.codeOf.get(r.duplicateOf.meta.id)!));
    if (truth >= SETTINGS.threshold) removedTrue++;
    if (truth >= 0.7) removedAbove07++;
  }
  const baseRemoved = result.removed.filter((r) => r.item.meta.id.startsWith('b')).length;
  return {
    size,
    generateS: Math.round(corpus.generateMs / 100) / 10,
    meanBytes: Math.round(corpus.samples.reduce((n, s) => n + s.conversation.turns[0].assistant.length, 0) / size),
    dedupS: Math.round(dedupMs / 100) / 10,
    /** CPU time of the dedup: the figure that holds on a shared machine, where wall time waits for a core. */
    cpuS,
    perSampleUs: Math.round((dedupMs * 1000) / size),
    heapMb: Math.round(heapMb),
    removed: { exact: result.removed.length - removedNear.length, near: removedNear.length, distinctBasesRemoved: baseRemoved },
    recallAt08: positives ? Math.round((truePositives / positives) * 1000) / 1000 : null,
    precisionAt08: removedNear.length ? Math.round((removedTrue / removedNear.length) * 1000) / 1000 : null,
    precisionAt07: removedNear.length ? Math.round((removedAbove07 / removedNear.length) * 1000) / 1000 : null,
    truthSample: planted.length,
    byTrueJaccard: Object.fromEntries(
      [...buckets]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, b]) => [key, { pairs: b.pairs, removed: Math.round((b.removed / b.pairs) * 1000) / 1000, lshCandidateTheory: Math.round((b.lshCandidate / b.pairs) * 1000) / 1000 }]),
    ),
    naive: naive(corpus, NAIVE_SUBSET, size),
  };
}

function main(): void {
  logger.setQuiet(true);
  const json = process.argv.includes('--json');
  const sizesFlag = process.argv[process.argv.indexOf('--sizes') + 1];
  const sizes = process.argv.includes('--sizes') ? sizesFlag.split(',').map(Number) : [10_000, 100_000];
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavgAtStart: loadavg().map((l) => Math.round(l * 100) / 100) };
  const results = sizes.map(run);
  if (json) {
    process.stdout.write(JSON.stringify({ machine, settings: SETTINGS, results }, null, 2) + '\n');
    return;
  }
  console.log(`machine: ${machine.cpus} × ${machine.cpu}, node ${machine.node}, load average at start ${machine.loadavgAtStart.join(' ')}`);
  console.log(`settings: ${SETTINGS.shingleSize}-gram code tokens, ${SETTINGS.permutations} permutations, LSH ${SETTINGS.bands} × ${SETTINGS.permutations / SETTINGS.bands}, threshold ${SETTINGS.threshold}\n`);
  console.log('| samples | mean bytes | MinHash LSH dedup (wall) | CPU | per sample (wall) | heap | removed (exact/near) | recall@0.8 | precision@0.8 | precision@0.7 | naive pairwise (extrapolated) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.size.toLocaleString('en')} | ${r.meanBytes} | ${r.dedupS} s | ${r.cpuS} s | ${r.perSampleUs} µs | ${r.heapMb} MB | ${r.removed.exact}/${r.removed.near} | ${r.recallAt08} | ${r.precisionAt08} | ${r.precisionAt07} | ${r.naive.extrapolatedS.toLocaleString('en')} s (${r.naive.subset} in ${r.naive.subsetMs} ms) |`,
    );
  }
  const last = results[results.length - 1];
  console.log(`\nDetection by true Jaccard (${last.size.toLocaleString('en')} samples, ${last.truthSample} planted pairs):`);
  console.log('| true Jaccard | pairs | removed | LSH candidate (theory) |');
  console.log('|---|---:|---:|---:|');
  for (const [bucket, b] of Object.entries(last.byTrueJaccard)) console.log(`| ${bucket} | ${b.pairs} | ${b.removed} | ${b.lshCandidateTheory} |`);
  if (results.length > 1) {
    const [a, b] = [results[0], results[results.length - 1]];
    console.log(`\nscaling ${a.size} → ${b.size} (×${b.size / a.size}): dedup wall ×${(b.dedupS / a.dedupS).toFixed(1)}, CPU ×${(b.cpuS / a.cpuS).toFixed(1)}; naive ×${(b.naive.extrapolatedS / Math.max(1, a.naive.extrapolatedS)).toFixed(0)}`);
  }
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main();
