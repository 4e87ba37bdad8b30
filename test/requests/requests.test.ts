import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApiIndex } from '../../src/apiIndex/index.js';
import { InputError, Workspace, configSchema, defaultConfig, readJsonlSync } from '../../src/core/index.js';
import { requestSchema } from '../../src/schemas/index.js';
import { buildRequests, requestId } from '../../src/requests/build.js';
import { bundledTemplateFile, fillTemplate, loadSystemTemplate } from '../../src/requests/template.js';
import { buildSeeds } from '../../src/seeds/build.js';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';

const fixtures = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const root = withTempDir({ after }, 'phaser-sft-requests-');
let apiIndexFile = '';
let seedsFile = '';

/** A workspace with the shared API index and seeds (8 of them) and, optionally, a template. */
function workspace(name: string, template?: string): Workspace {
  const ws = new Workspace(join(root, name));
  for (const [from, to] of [[apiIndexFile, ws.apiIndexFile], [seedsFile, ws.seedsFile]]) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  if (template !== undefined) {
    mkdirSync(dirname(ws.systemPromptFile), { recursive: true });
    writeFileSync(ws.systemPromptFile, template);
  }
  return ws;
}

before(() => {
  // One real index from the installed phaser package, shared by every test here.
  const base = new Workspace(join(root, 'base'));
  apiIndexFile = buildApiIndex(base, defaultConfig()).file;
  buildSeeds(base, { count: 0, randomSeed: 1, inputs: [join(fixtures, 'user_seeds.jsonl'), join(fixtures, 'demo_like.jsonl')], curated: false, threshold: 0.7 });
  seedsFile = base.seedsFile;
});

test('requests: seeds × samples, context injected, byte-identical on a rerun, stable request ids', () => {
  const a = workspace('a');
  const b = workspace('b');
  const config = configSchema.parse({ api_index: { context_token_budget: 600, top_k: 12 } });
  const result = buildRequests(a, config, { quiet: true });
  buildRequests(b, config, { quiet: true });
  const bytes = readFileSync(a.requestsFile, 'utf8');
  assert.equal(bytes, readFileSync(b.requestsFile, 'utf8'));
  // A rerun in the same workspace rewrites the same bytes.
  buildRequests(a, config, { quiet: true });
  assert.equal(readFileSync(a.requestsFile, 'utf8'), bytes);

  const requests = readJsonlSync(a.requestsFile, { schema: requestSchema.loose() }).map((row) => row.value as Record<string, unknown> & ReturnType<typeof requestSchema.parse>);
  assert.equal(result.counts.seeds, 8);
  assert.equal(requests.length, 16);
  assert.deepEqual(requests.slice(0, 2).map((r) => r.sample_index), [0, 1]);
  assert.equal(new Set(requests.map((r) => r.request_id)).size, 16, 'samples of one seed differ by sample_index');
  const template = readFileSync(bundledTemplateFile(), 'utf8');
  const [head] = template.split('{API_TOOLKIT}');
  for (const r of requests) {
    assert.equal(r.request_id, requestId({ system: r.system, user: r.user, sample_index: r.sample_index, max_tokens: null, temperature: null }));
    assert.ok(r.system.startsWith(head), 'the bundled template is used when the workspace has none');
    assert.ok(!r.system.includes('{API_CONTEXT}') && !r.system.includes('{API_TOOLKIT}'));
    // The core toolkit: in the static part (before the retrieved reference), its ids first in api_refs.
    const toolkitAt = r.system.indexOf('core toolkit');
    assert.ok(toolkitAt > 0 && toolkitAt < r.system.indexOf('### Phaser API reference'), 'the toolkit precedes the per-request reference');
    assert.ok(r.api_refs.includes('Phaser.GameObjects.Graphics#generateTexture') && r.api_refs.includes('Phaser.GameObjects.GameObjectFactory#text'));
    assert.ok(r.system.trimEnd().endsWith('Do not add any text after the code block.'), 'the final instruction comes after the API reference');
    assert.ok(r.api_refs.length > 0 && r.api_context_tokens > 0 && r.api_context_tokens <= 600);
    for (const id of r.api_refs) assert.ok(r.system.includes(id.split(/[#.]/).pop()!.replace(/^event:/, '')), `${id} appears in the system prompt`);
  }
  const snake = requests.find((r) => r.user === '做一个贪吃蛇游戏，吃到食物变长，撞墙游戏结束')!;
  assert.equal(snake.lang, 'zh');
  assert.equal(snake.genre, 'snake');
  assert.ok(snake.api_refs.some((id) => id.includes('Keyboard')), `keyboard APIs for a zh snake request: ${snake.api_refs.join(', ')}`);

  // Everything sent is in the id: another temperature gives other ids.
  const warmer = workspace('warmer');
  buildRequests(warmer, configSchema.parse({ api_index: { context_token_budget: 600, top_k: 12 }, requests: { temperature: 1 } }), { quiet: true });
  const warmIds = readJsonlSync(warmer.requestsFile).map((row) => (row.value as { request_id: string }).request_id);
  assert.equal(warmIds.filter((id) => requests.some((r) => r.request_id === id)).length, 0);

  const report = JSON.parse(readFileSync(a.stageReportFile('distill_requests'), 'utf8'));
  assert.equal(report.counts.requests, 16);
  assert.equal(report.api_context_tokens.count, 8);
  assert.ok(report.api_context_tokens.max <= 600);
  assert.ok(report.most_injected_apis.length > 0 && report.least_injected_apis.length > 0);
  assert.ok(report.coverage.mechanics.collisions.seeds >= 5);
  assert.equal(report.coverage.toolkit.presence, 1, 'every request carries the toolkit');
  assert.ok(report.coverage.noise.share <= 0.05, `noise share ${report.coverage.noise.share}`);
  assert.ok(['ok', 'warn'].includes(report.coverage.status) && Array.isArray(report.coverage.warnings));
  assert.ok(Array.isArray(report.weak_retrieval) && Array.isArray(report.empty_retrieval));
});

const bad = (name: string, text: string) => {
  const file = join(root, name);
  writeFileSync(file, text);
  return file;
};

test('templates: the workspace one wins; missing or unknown placeholders are errors naming file and line', () => {
  const ws = workspace('custom', 'You write Phaser games.\n## API\n{API_CONTEXT}\n');
  buildRequests(ws, configSchema.parse({ requests: { samples_per_seed: 1 }, api_index: { context_token_budget: 300, top_k: 6 } }), { quiet: true });
  const first = readJsonlSync(ws.requestsFile).map((row) => row.value as { system: string })[0];
  // A template without {API_TOOLKIT} gets the toolkit before the heading above {API_CONTEXT}.
  assert.match(first.system, /^You write Phaser games\.\n### Phaser [\d.]+ core toolkit [^\n]*\n\/\/ Phaser\.[\s\S]*\n\n## API\n\/\/ Phaser\./);
  const placed = loadSystemTemplate(bad('placed.txt', 'Rules.\n{API_TOOLKIT}\n## API\n{API_CONTEXT}\nGo.\n'));
  assert.equal(fillTemplate(placed, 'CTX', 'KIT'), 'Rules.\nKIT\n## API\nCTX\nGo.\n');
  const bare = loadSystemTemplate(bad('bare.txt', 'Rules.\n{API_CONTEXT}\n'));
  assert.equal(fillTemplate(bare, 'CTX', 'KIT'), 'Rules.\nKIT\n\nCTX\n');
  assert.equal(fillTemplate(bare, 'CTX'), 'Rules.\nCTX\n', 'no toolkit, nothing inserted');
  assert.throws(() => loadSystemTemplate(bad('lower-kit.txt', '{api_toolkit}\n{API_CONTEXT}\n')), /lower-kit\.txt:1: .*did you mean \{API_TOOLKIT\}/);

  assert.throws(() => loadSystemTemplate(bad('none.txt', 'no placeholder here\n')), (e: InputError) => e.exitCode === 2 && /none\.txt: the template has no \{API_CONTEXT\}/.test(e.message));
  assert.throws(
    () => loadSystemTemplate(bad('unknown.txt', 'line one\n{API_CONTEXT}\nGenre: {SEED_GENRE}\n')),
    (e: InputError) => e.exitCode === 2 && /unknown\.txt:3: field `SEED_GENRE`: unknown placeholder \{SEED_GENRE\}/.test(e.message),
  );
  assert.throws(() => loadSystemTemplate(bad('lower.txt', '{api_context}\n')), /lower\.txt:1: .*did you mean \{API_CONTEXT\}/);
  // Code in a template is not a placeholder: `${score}`, `{ x: 0 }`, `{score}`.
  const ok = loadSystemTemplate(bad('code.txt', 'use `${score}` and { x: 0 } and {score}\n{API_CONTEXT}\n'));
  // Replacement text is inserted literally, `$&` and all.
  assert.equal(fillTemplate(ok, 'a $& b $1'), 'use `${score}` and { x: 0 } and {score}\na $& b $1\n');

  const config = configSchema.parse({ requests: { system_prompt_file: 'prompts/mine.txt' } });
  assert.throws(() => buildRequests(workspace('missing-template'), config, { quiet: true }), /mine\.txt: field `requests\.system_prompt_file`: system prompt template not found/);
});

test('requests: a missing API index or seeds file says which command to run (exit 2), old output kept', async () => {
  const ws = workspace('no-index', 'T\n{API_CONTEXT}\n');
  mkdirSync(dirname(ws.requestsFile), { recursive: true });
  writeFileSync(ws.requestsFile, 'previous\n');
  rmSync(ws.apiIndexFile);
  assert.throws(() => buildRequests(ws, defaultConfig(), { quiet: true }), (e: InputError) => e.exitCode === 2 && /api-index build/.test(e.message));
  rmSync(ws.seedsFile);
  assert.throws(() => buildRequests(ws, defaultConfig(), { quiet: true }), /seeds build/);
  assert.equal(readFileSync(ws.requestsFile, 'utf8'), 'previous\n');

  // Through the real CLI: a bad template is exit 2 with file:line, the old requests stay.
  writeFileSync(ws.systemPromptFile, 'Hello {NAME}\n{API_CONTEXT}\n');
  const result = await runCli(['requests', '--workspace', ws.root]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /teacher_system_prompt\.txt:1: field `NAME`: unknown placeholder \{NAME\}/);
  assert.equal(readFileSync(ws.requestsFile, 'utf8'), 'previous\n');
});

test('requests: seeds of the held-out OOD genres get no request (counted); distill_ood_genres sends them', () => {
  const ws = workspace('ood');
  const seeds = readJsonlSync(ws.seedsFile).map((row) => row.value as { id: string; genre: string });
  const snakes = seeds.filter((seed) => seed.genre === 'snake').length;
  assert.ok(snakes > 0 && snakes < seeds.length, 'the fixture has snake seeds and others');
  const base = { requests: { samples_per_seed: 1 }, api_index: { context_token_budget: 300, top_k: 6 }, eval: { ood_genres: ['snake'] } };
  const result = buildRequests(ws, configSchema.parse(base), { quiet: true });
  const sent = readJsonlSync(ws.requestsFile).map((row) => row.value as { genre: string });
  assert.equal(sent.length, seeds.length - snakes);
  assert.ok(sent.every((r) => r.genre !== 'snake'), 'no OOD seed is sent');
  assert.equal(result.counts.held_out_ood, snakes);
  assert.equal(result.counts.seeds, seeds.length - snakes);
  const report = JSON.parse(readFileSync(ws.stageReportFile('distill_requests'), 'utf8'));
  assert.equal(report.counts.held_out_ood, snakes);
  assert.deepEqual(report.held_out_ood.by_genre, { snake: snakes });

  // The switch turns it back on; so does a dataset that trains on those genres anyway.
  for (const on of [{ requests: { ...base.requests, distill_ood_genres: true } }, { dataset: { hold_out_ood_genres: false } }]) {
    const again = buildRequests(ws, configSchema.parse({ ...base, ...on }), { quiet: true });
    assert.equal(again.counts.held_out_ood, 0);
    assert.equal(again.counts.requests, seeds.length);
  }
});
