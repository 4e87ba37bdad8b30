// Retrieval benchmark: our BM25F (code-aware tokens + bilingual glossary + game prior) against
// plain BM25 (whitespace tokens, one field, no glossary) on the labelled set, in the same run.
// Run: npx tsx bench/retrieval.ts [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace, defaultConfig, distribution, logger, readJsonlSync } from '../src/core/index.js';
import { seedSchema } from '../src/schemas/index.js';
import { mechanicsCoverage } from '../src/requests/coverage.js';
import { Bm25Index, buildApiContext, buildApiIndex, loadApiIndex, whitespaceTokens, type ApiRecord } from '../src/apiIndex/index.js';
import { defaultRetrievalSetFile, loadRetrievalSet, meanMetrics, scoreRanking, type QueryMetrics, type RetrievalQuery } from '../src/apiIndex/retrievalSet.js';

const heldOutSetFile = join(dirname(defaultRetrievalSetFile), 'queries_heldout.jsonl');
const curatedSeedsFile = fileURLToPath(new URL('../assets/seeds/curated_seeds.jsonl', import.meta.url));

const RANKING_DEPTH = 50;
const LATENCY_REPEATS = 20;

interface System {
  name: string;
  rank(query: string): string[];
}

/** A one-field BM25 over all of a record's text, with the given tokenizer: the naive baselines. */
function singleFieldBm25(name: string, docs: ApiRecord[], tokens: (text: string) => string[]): System {
  const text = (d: ApiRecord) => `${d.id} ${d.name} ${d.memberof ?? ''} ${d.summary} ${d.description} ${d.params.map((p) => `${p.name} ${p.description}`).join(' ')}`;
  const index = new Bm25Index([{ name: 'all', weight: 1, b: 0.75 }], docs.map((d) => [tokens(text(d))]));
  return {
    name,
    rank: (query) => {
      const terms = new Map(tokens(query).map((t) => [t, 1]));
      return index.search(terms, RANKING_DEPTH).map((hit) => docs[hit.index].id);
    },
  };
}

/** Wall time and CPU time (user + system) of `fn` in ms; CPU time is what to trust on a shared, loaded machine. */
function timed(fn: () => void): { wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function evaluate(system: System, queries: RetrievalQuery[]): { byLang: Record<string, QueryMetrics>; latencies: number[]; cpuLatencies: number[] } {
  const perLang: Record<string, QueryMetrics[]> = { zh: [], en: [], all: [] };
  for (const q of queries) {
    const metrics = scoreRanking(q, system.rank(q.query));
    perLang[q.lang].push(metrics);
    perLang.all.push(metrics);
  }
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  for (let r = 0; r < LATENCY_REPEATS; r++) {
    for (const q of queries) {
      const { wallMs, cpuMs } = timed(() => system.rank(q.query));
      latencies.push(wallMs);
      cpuLatencies.push(cpuMs);
    }
  }
  return { byLang: Object.fromEntries(Object.entries(perLang).map(([lang, m]) => [lang, meanMetrics(m)])), latencies, cpuLatencies };
}

const fmt = (n: number) => n.toFixed(3);

async function main(): Promise<void> {
  logger.setQuiet(true);
  const json = process.argv.includes('--json');
  const workspaceDir = mkdtempSync(join(tmpdir(), 'phaser-sft-bench-'));
  try {
    let built!: ReturnType<typeof buildApiIndex>;
    const buildTime = timed(() => (built = buildApiIndex(new Workspace(workspaceDir), defaultConfig())));
    let index!: ReturnType<typeof loadApiIndex>;
    const loadTime = timed(() => (index = loadApiIndex(built.file)));
    const loadMs = loadTime.wallMs;
    const queries = loadRetrievalSet();

    const ours = (name: string, options: { prior?: boolean; glossary?: boolean }): System => ({
      name,
      rank: (query) => index.search(query, { k: RANKING_DEPTH, ...options }).map((hit) => hit.doc.id),
    });
    const systems: System[] = [
      ours('ours: BM25F + code tokens + glossary + prior', {}),
      ours('ours without prior', { prior: false }),
      ours('ours without glossary', { glossary: false }),
      singleFieldBm25('BM25 word tokens (\\w+), one field', index.docs, (t) => t.toLowerCase().match(/\w+/g) ?? []),
      singleFieldBm25('plain BM25 (whitespace tokens, no glossary)', index.docs, whitespaceTokens),
    ];
    const results = systems.map((system) => ({ system: system.name, ...evaluate(system, queries) }));
    // Written after the weights and glossary were tuned on queries.jsonl, and never tuned on.
    const heldOut = loadRetrievalSet(heldOutSetFile);
    const heldOutResults = [systems[0], systems[systems.length - 1]].map((system) => ({ system: system.name, ...evaluate(system, heldOut) }));

    const contextLatencies: number[] = [];
    const contextCpu: number[] = [];
    for (const q of queries) {
      const { wallMs, cpuMs } = timed(() => buildApiContext(index, { query: q.query, tokenBudget: 1500 }));
      contextLatencies.push(wallMs);
      contextCpu.push(cpuMs);
    }

    // Context coverage of the curated seeds' mechanics (the requests stage's own measure):
    // whole-query ranking only vs each mechanics tag interleaved with it.
    const seeds = readJsonlSync(curatedSeedsFile, { schema: seedSchema }).map((row) => row.value);
    const coverageOf = (perMechanic: number) => {
      let judged = 0;
      let covered = 0;
      let tokens = 0;
      for (const seed of seeds) {
        const context = buildApiContext(index, { query: seed.prompt, mechanics: seed.mechanics, tokenBudget: 1500, topK: 24, perMechanic });
        const coverage = mechanicsCoverage(seed.mechanics, context.api_refs);
        judged += coverage.judged.length;
        covered += coverage.covered.length;
        tokens += context.tokens;
      }
      return { perMechanic, coverage: Math.round((covered / Math.max(1, judged)) * 1000) / 1000, mean_tokens: Math.round(tokens / Math.max(1, seeds.length)) };
    };
    const mechanicsCoverageResults = [coverageOf(0), coverageOf(3)];

    // How much of the Chinese query text the glossary segmentation understands (terms + stopwords).
    let cjkChars = 0;
    let coveredChars = 0;
    for (const q of queries) {
      for (const run of q.query.match(/[\u3400-\u9fff]+/g) ?? []) {
        for (const segment of index.glossary.segment(run)) {
          cjkChars += segment.text.length;
          if (segment.term || segment.stopword) coveredChars += segment.text.length;
        }
      }
    }

    const [full] = results;
    const plain = results[results.length - 1];
    const summary = {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
      queries: { total: queries.length, zh: queries.filter((q) => q.lang === 'zh').length, en: queries.filter((q) => q.lang === 'en').length },
      load_average: loadavg().map((l) => Math.round(l * 100) / 100),
      index: { records: built.records, build_ms: built.timings_ms, build_cpu_ms: Math.round(buildTime.cpuMs), load_and_index_ms: Math.round(loadMs), load_and_index_cpu_ms: Math.round(loadTime.cpuMs) },
      results: results.map((r) => ({
        system: r.system,
        ...r.byLang,
        latency_ms: distribution(r.latencies.map((ms) => Math.round(ms * 1000) / 1000)),
        cpu_latency_ms: distribution(r.cpuLatencies.map((ms) => Math.round(ms * 1000) / 1000)),
      })),
      glossary: { entries: index.glossary.terms.length, zh_terms: index.glossary.size, zh_query_chars_covered: Math.round((coveredChars / Math.max(1, cjkChars)) * 1000) / 1000 },
      seeds_mechanics_coverage: { seeds: seeds.length, results: mechanicsCoverageResults },
      held_out: { queries: heldOut.length, results: heldOutResults.map((r) => ({ system: r.system, ...r.byLang })) },
      zh_recall10_ratio_vs_plain: plain.byLang.zh.recallAt10 > 0 ? full.byLang.zh.recallAt10 / plain.byLang.zh.recallAt10 : Infinity,
      context_builder_ms: distribution(contextLatencies.map((ms) => Math.round(ms * 100) / 100)),
      context_builder_cpu_ms: distribution(contextCpu.map((ms) => Math.round(ms * 100) / 100)),
    };
    if (json) {
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      return;
    }
    console.log(`machine: ${summary.machine}; load average ${summary.load_average.join(' ')}`);
    console.log(`queries: ${queries.length} (${summary.queries.zh} zh, ${summary.queries.en} en); glossary ${summary.glossary.entries} entries / ${summary.glossary.zh_terms} zh terms, segmentation covers ${(summary.glossary.zh_query_chars_covered * 100).toFixed(1)}% of the Chinese query characters`);
    console.log(`api-index build: ${built.timings_ms.total} ms wall, ${summary.index.build_cpu_ms} ms CPU (read ${built.timings_ms.read}, parse ${built.timings_ms.parse}, transform ${built.timings_ms.transform}, write ${built.timings_ms.write}); ${built.records} records`);
    console.log(`load jsonl + build BM25F index: ${Math.round(loadMs)} ms wall, ${summary.index.load_and_index_cpu_ms} ms CPU\n`);
    console.log(['system', 'lang', 'R@5', 'R@10', 'MRR'].join('\t'));
    for (const r of results) {
      for (const lang of ['zh', 'en', 'all']) console.log([r.system, lang, fmt(r.byLang[lang].recallAt5), fmt(r.byLang[lang].recallAt10), fmt(r.byLang[lang].reciprocalRank)].join('\t'));
    }
    console.log(`\nheld-out set (${heldOut.length} queries, never tuned on)`);
    for (const r of heldOutResults) {
      for (const lang of ['zh', 'en', 'all']) console.log([r.system, lang, fmt(r.byLang[lang].recallAt5), fmt(r.byLang[lang].recallAt10), fmt(r.byLang[lang].reciprocalRank)].join('\t'));
    }
    console.log('\nquery latency (ms)\twall p50\twall p95\tCPU p50\tCPU p95');
    for (const r of results) {
      const wall = distribution(r.latencies);
      const cpu = distribution(r.cpuLatencies);
      console.log(`${r.system}\t${wall.p50.toFixed(3)}\t${wall.p95.toFixed(3)}\t${cpu.p50.toFixed(3)}\t${cpu.p95.toFixed(3)}`);
    }
    console.log(`\nzh recall@10, ours / plain BM25: ${summary.zh_recall10_ratio_vs_plain === Infinity ? '∞ (plain = 0)' : summary.zh_recall10_ratio_vs_plain.toFixed(2) + '×'}`);
    for (const r of mechanicsCoverageResults) {
      console.log(`context mechanics coverage on ${seeds.length} curated seeds, ${r.perMechanic ? `${r.perMechanic} docs per mechanics tag interleaved` : 'whole-query ranking only'}: ${r.coverage} (mean ${r.mean_tokens} tokens of 1500)`);
    }
    console.log(`context builder (search + pack into 1500 tokens): wall p50 ${summary.context_builder_ms.p50} ms, p95 ${summary.context_builder_ms.p95} ms; CPU p50 ${summary.context_builder_cpu_ms.p50} ms`);
  } finally {
    rmSync(workspaceDir, { recursive: true, force: true });
  }
}

await main();
