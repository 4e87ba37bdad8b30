// What the API context teaches (issue 18), measured the same way before and after a change:
// over the default seeds' requests (a fresh workspace: api-index build → seeds build → requests,
// run through the real CLI), and on the labelled retrieval sets.
//
//   npx tsx bench/apictx.ts [--json] [--workspace DIR]   # DIR: reuse a built workspace
//
// - toolkit presence: seeds whose request carries each API every game here needs;
// - noise: requests carrying the APIs a game cannot or does not use (a fixed list below, kept
//   independent of the retrieval rules it judges), and their share of all injected ids;
// - particles: seeds asking for particles that get the 3.60+ `add.particles(x, y, key, config)`;
// - context tokens p50/p95; the static (cacheable) prefix of the system prompt;
// - retrieval: recall@10 en/zh on assets/retrieval/queries*.jsonl, ours vs plain BM25;
// - dry-run cost per request for the default teacher.
// The CLI runs as a child process (tsx), so the figures are those a user gets.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as apiIndexModule from '../src/apiIndex/index.js';
import { Bm25Index, loadApiIndex, whitespaceTokens, type ApiIndex, type ApiRecord } from '../src/apiIndex/index.js';
import { defaultRetrievalSetFile, loadRetrievalSet, meanMetrics, scoreRanking, type RetrievalQuery } from '../src/apiIndex/retrievalSet.js';
import { countTokens, distribution, logger } from '../src/core/index.js';
import { splitSystemPrompt } from '../src/llm/systemPrompt.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cliEntry = join(root, 'test', 'helpers', 'cliEntry.ts');
const heldOutFile = join(dirname(defaultRetrievalSetFile), 'queries_heldout.jsonl');

/** The APIs every game here must use (drawn textures, visible text, arcade bodies): issue 18. */
const TOOLKIT_PROBES: Record<string, RegExp> = {
  'Graphics#generateTexture': /^Phaser\.GameObjects\.Graphics#generateTexture$/,
  'add.graphics': /^Phaser\.GameObjects\.GameObjectFactory#graphics$/,
  'physics.add.sprite': /^Phaser\.Physics\.Arcade\.Factory#sprite$/,
  'physics.add.image': /^Phaser\.Physics\.Arcade\.Factory#image$/,
  setCollideWorldBounds: /#setCollideWorldBounds$/,
  'add.text': /^Phaser\.GameObjects\.GameObjectFactory#text$/,
  'physics.add.collider': /^Phaser\.Physics\.Arcade\.Factory#collider$/,
  'time.delayedCall': /^Phaser\.Time\.Clock#delayedCall$/,
  'tweens.add': /^Phaser\.Tweens\.TweenManager#add$/,
  'input.keyboard.createCursorKeys': /^Phaser\.Input\.Keyboard\.KeyboardPlugin#createCursorKeys$/,
};

/** The noise the issue counted, by id. */
const NOISE_PROBES: Record<string, RegExp> = {
  'KeyboardPlugin#resetKeys': /^Phaser\.Input\.Keyboard\.KeyboardPlugin#resetKeys$/,
  'BitmapText#text': /^Phaser\.GameObjects\.BitmapText#text$/,
  'Pointer#locked': /^Phaser\.Input\.Pointer#locked$/,
  'TweenManager (class)': /^Phaser\.Tweens\.TweenManager$/,
};

/**
 * Noise families (what a game cannot or does not use): manager/plugin/system classes, pointer
 * lock, font-file text, loader/file APIs, renderer hooks and lifecycle members, constructors of
 * objects games make through factories. Judged by id and kind only.
 */
function noiseFamily(id: string, record: ApiRecord | undefined): string | undefined {
  if (/pointerlock|#locked$|PointerLock/i.test(id)) return 'pointer_lock';
  if (/BitmapText|RetroFont|BitmapFont/.test(id)) return 'font_file';
  if (/^Phaser\.Loader\.|#load\b|^Phaser\.Textures\.Parsers|^Phaser\.Cache\./.test(id)) return 'loader';
  if (/#(?:preUpdate|postUpdate|preRender|render(?:WebGL|Canvas)?|willRender|preDestroy|addedToScene|removedFromScene|boot|start|shutdown|destroy|resetKeys|step|postStep|sleep|wake)$/.test(id) && !/^Phaser\.(Scene|Scenes\.ScenePlugin)#/.test(id)) return 'lifecycle';
  if (/^Phaser\.Renderer|Pipeline|WebGL|Shader/.test(id)) return 'renderer';
  if (record?.kind === 'class') {
    if (/(Manager|Plugin|System|Factory|Creator|World|Clock)$/.test(id)) return 'manager_class';
    if (!CONSTRUCTED_CLASSES.has(id)) return 'constructor';
  }
  return undefined;
}

/** Classes games construct or extend themselves (everything else comes from a factory). */
const CONSTRUCTED_CLASSES = new Set([
  'Phaser.Game',
  'Phaser.Scene',
  'Phaser.GameObjects.Sprite',
  'Phaser.GameObjects.Image',
  'Phaser.GameObjects.Container',
  'Phaser.Physics.Arcade.Sprite',
  'Phaser.Physics.Arcade.Image',
  'Phaser.Math.Vector2',
  'Phaser.Geom.Rectangle',
  'Phaser.Geom.Circle',
  'Phaser.Geom.Line',
  'Phaser.Geom.Point',
  'Phaser.Geom.Triangle',
  'Phaser.Geom.Polygon',
  'Phaser.Display.Color',
  'Phaser.Curves.Path',
  'Phaser.Curves.Line',
]);

interface RequestLine {
  seed_id: string;
  sample_index: number;
  system: string;
  user: string;
  api_refs: string[];
  api_context_tokens: number;
  mechanics: string[];
  lang: string;
}

function cli(workspace: string, args: string[]): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', cliEntry, ...args, '--workspace', workspace], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`phaser-sft ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

function buildWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-apictx-'));
  cli(dir, ['init', dir]);
  cli(dir, ['api-index', 'build']);
  cli(dir, ['seeds', 'build']);
  cli(dir, ['requests']);
  return dir;
}

const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 1000 : 0);

/** Requests and seeds figures over a workspace's requests.jsonl. */
function requestFigures(index: ApiIndex, requests: RequestLine[]) {
  const seeds = [...new Map(requests.map((r) => [r.seed_id, r])).values()];
  const presence = (probes: Record<string, RegExp>, rows: RequestLine[]) =>
    Object.fromEntries(Object.entries(probes).map(([name, re]) => [name, rows.filter((r) => r.api_refs.some((id) => re.test(id))).length]));
  const families: Record<string, number> = Object.create(null) as Record<string, number>;
  let injected = 0;
  let noisy = 0;
  for (const r of requests) {
    for (const id of r.api_refs) {
      injected++;
      const family = noiseFamily(id, index.get(id));
      if (family) {
        noisy++;
        families[family] = (families[family] ?? 0) + 1;
      }
    }
  }
  const particleSeeds = seeds.filter((s) => s.mechanics.includes('particles'));
  const { prefix } = splitSystemPrompt(requests[0]?.system ?? '');
  return {
    requests: requests.length,
    seeds: seeds.length,
    toolkit_presence_seeds: presence(TOOLKIT_PROBES, seeds),
    noise_requests: presence(NOISE_PROBES, requests),
    noise_share: share(noisy, injected),
    noise_by_family: families,
    api_refs_per_request: distribution(requests.map((r) => r.api_refs.length)),
    particles: { seeds: particleSeeds.length, with_add_particles: particleSeeds.filter((s) => s.api_refs.includes('Phaser.GameObjects.GameObjectFactory#particles')).length },
    context_tokens: distribution(seeds.map((s) => s.api_context_tokens)),
    system_tokens: distribution(seeds.map((s) => countTokens(s.system))),
    static_prefix_tokens: countTokens(prefix),
  };
}

/** A one-field BM25 over all of a record's text with whitespace tokens: the naive baseline. */
function plainBm25(docs: ApiRecord[]): (query: string) => string[] {
  const text = (d: ApiRecord) => `${d.id} ${d.name} ${d.memberof ?? ''} ${d.summary} ${d.description} ${d.params.map((p) => `${p.name} ${p.description}`).join(' ')}`;
  const bm25 = new Bm25Index([{ name: 'all', weight: 1, b: 0.75 }], docs.map((d) => [whitespaceTokens(text(d))]));
  return (query) => bm25.search(new Map(whitespaceTokens(query).map((t) => [t, 1])), 10).map((hit) => docs[hit.index].id);
}

/** Ours: the ranking a request's context is drawn from (game-facing when the build has it). */
function oursRanking(index: ApiIndex): (query: string) => string[] {
  const rank = (apiIndexModule as Record<string, unknown>).rankForGame as ((index: ApiIndex, query: string, k: number) => string[]) | undefined;
  return rank ? (query) => rank(index, query, 10) : (query) => index.search(query, { k: 10 }).map((hit) => hit.doc.id);
}

function recallByLang(queries: RetrievalQuery[], rank: (query: string) => string[]) {
  const out: Record<string, number> = {};
  for (const lang of ['en', 'zh']) {
    const metrics = queries.filter((q) => q.lang === lang).map((q) => scoreRanking(q, rank(q.query)));
    out[lang] = Math.round(meanMetrics(metrics).recallAt10 * 1000) / 1000;
  }
  return out;
}

function retrievalFigures(index: ApiIndex) {
  const ours = oursRanking(index);
  const plain = plainBm25(index.docs);
  const sets = { tuned: loadRetrievalSet(), held_out: loadRetrievalSet(heldOutFile) };
  return Object.fromEntries(
    Object.entries(sets).map(([name, queries]) => {
      const o = recallByLang(queries, ours);
      const p = recallByLang(queries, plain);
      return [name, { queries: queries.length, ours: o, plain_bm25: p, zh_over_en: share(o.zh, o.en), en_over_plain: share(o.en, p.en) }];
    }),
  );
}

/** `distill --dry-run` for the default teacher, per request. */
function dryRunFigures(workspace: string) {
  const result = JSON.parse(cli(workspace, ['distill', '--dry-run', '--teacher', 'claude', '--json'])) as {
    model: string;
    estimate: { requests: number; input_tokens: number; usage: Record<string, number>; estimated_cost_usd: number } & Record<string, unknown>;
  };
  const { estimate } = result;
  const n = Math.max(1, estimate.requests);
  return {
    model: result.model,
    requests: estimate.requests,
    input_tokens_per_request: Math.round(estimate.input_tokens / n),
    usage: estimate.usage,
    cost_per_request_usd: Math.round((estimate.estimated_cost_usd / n) * 1e6) / 1e6,
    estimated_cost_usd: estimate.estimated_cost_usd,
    ...Object.fromEntries(Object.entries(estimate).filter(([key]) => key.startsWith('cache'))),
  };
}

async function main(): Promise<void> {
  logger.setQuiet(true);
  const json = process.argv.includes('--json');
  const at = process.argv.indexOf('--workspace');
  const given = at === -1 ? undefined : process.argv[at + 1];
  const workspace = given ?? buildWorkspace();
  try {
    const requestsFile = join(workspace, 'data', 'sft_distill', 'requests.jsonl');
    if (!existsSync(requestsFile)) throw new Error(`${requestsFile}: not found (build the workspace first)`);
    const index = loadApiIndex(join(workspace, 'data', 'api_index', 'phaser_api.jsonl'));
    const requests = readFileSync(requestsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RequestLine);
    const summary = {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      requests: requestFigures(index, requests),
      retrieval: retrievalFigures(index),
      dry_run: dryRunFigures(workspace),
    };
    if (json) {
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      return;
    }
    const r = summary.requests;
    console.log(`machine: ${summary.machine}`);
    console.log(`${r.requests} requests, ${r.seeds} seeds; static prefix ${r.static_prefix_tokens} tokens; context tokens p50 ${r.context_tokens.p50}, p95 ${r.context_tokens.p95}; system p50 ${r.system_tokens.p50}, p95 ${r.system_tokens.p95}`);
    console.log(`toolkit presence (seeds of ${r.seeds}): ${Object.entries(r.toolkit_presence_seeds).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`noise (requests of ${r.requests}): ${Object.entries(r.noise_requests).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`noise share of injected ids: ${r.noise_share} (${Object.entries(r.noise_by_family).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    console.log(`particles: ${r.particles.with_add_particles} of ${r.particles.seeds} particle seeds get add.particles`);
    for (const [name, set] of Object.entries(summary.retrieval)) {
      console.log(`retrieval ${name} (${set.queries} queries) recall@10: ours en ${set.ours.en} zh ${set.ours.zh} (zh/en ${set.zh_over_en}); plain BM25 en ${set.plain_bm25.en} zh ${set.plain_bm25.zh}; ours/plain en ${set.en_over_plain}×`);
    }
    const d = summary.dry_run;
    console.log(`dry run (${d.model}): ${d.requests} requests, ${d.input_tokens_per_request} input tokens each, $${d.cost_per_request_usd} per request ($${d.estimated_cost_usd} total); usage ${JSON.stringify(d.usage)}`);
  } finally {
    if (!given) rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
