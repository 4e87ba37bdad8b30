import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, Workspace, defaultConfig, inShard, logger, sha256, writeJsonAtomic, writeJsonlAtomic } from '../../src/core/index.js';
import { findShardSet, mergeShards } from '../../src/pipeline/mergeShards.js';
import { stageSpec } from '../../src/pipeline/stages.js';
import { runValidate } from '../../src/validate/validate.js';
import { withTempDir } from '../helpers/tempDir.js';

const GOOD = join(import.meta.dirname, '..', 'fixtures', 'games', 'good');
const BAD = join(import.meta.dirname, '..', 'fixtures', 'games', 'bad');

/** Candidates from the fixture games (good and broken), in a fixed order. */
function candidates(): Record<string, unknown>[] {
  const files = [...readdirSync(GOOD).slice(0, 8).map((f) => join(GOOD, f)), ...readdirSync(BAD).filter((f) => f.endsWith('.js')).slice(0, 6).map((f) => join(BAD, f))];
  return files.map((file, i) => {
    const code = readFileSync(file, 'utf8');
    const hash = sha256(code);
    return { candidate_id: `cand-${i}`, request_id: `req-${i}`, seed_id: `seed-${i % 5}`, plan: 'plan', code, code_hash: hash, code_path: `data/sft_distill/codes/${hash}.js`, parse_errors: [] };
  });
}

const read = (file: string) => readFileSync(file, 'utf8');

test('validate shards merged equal the unsharded result', async (t) => {
  const whole = withTempDir(t);
  const sharded = withTempDir(t);
  const config = defaultConfig();
  const options = { levels: ['L1', 'L3'] as ('L1' | 'L3')[], workers: 1, quiet: true };
  const records = candidates();
  // Raw outputs give the input order parse follows; here the candidates file is the input.
  for (const dir of [whole, sharded]) writeJsonlAtomic(new Workspace(dir).candidatesFile(), records);

  const w1 = new Workspace(whole);
  await runValidate(w1, config, options);

  const w2 = new Workspace(sharded);
  const count = 3;
  for (let index = 1; index <= count; index++) await runValidate(w2, config, { ...options, shard: { index, count } });
  // Each shard validated only its own slice.
  for (let index = 1; index <= count; index++) {
    const lines = read(w2.validatedFile({ index, count })).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    for (const line of lines) assert.ok(inShard(line.request_id, { index, count }));
  }
  const spec = stageSpec('validate')!;
  const set = findShardSet(w2, 'validated');
  assert.ok(set);
  assert.deepEqual(set.missing, []);
  const merged = await mergeShards({ workspace: w2, config }, spec, set);
  assert.equal(merged.records, records.length);
  assert.equal(read(w2.validatedFile()), read(w1.validatedFile()), 'merged validated.jsonl is byte-identical to the unsharded one');
  const mergedReport = JSON.parse(read(w2.stageReportFile('filter')));
  const wholeReport = JSON.parse(read(w1.stageReportFile('filter')));
  assert.equal(mergedReport.counts.candidates, wholeReport.counts.candidates);
  assert.equal(mergedReport.counts.passed, wholeReport.counts.passed);
  assert.equal(mergedReport.merged_from_shards, count);
  // The shard caches were folded into the main cache.
  const cacheLines = read(w2.validatorCacheFile()).trim().split('\n').length;
  assert.equal(cacheLines, new Set(records.map((r) => r.code_hash)).size);
});

test('a missing shard stops the merge with the command to run', async (t) => {
  const dir = withTempDir(t);
  const w = new Workspace(dir);
  writeJsonlAtomic(w.candidatesFile(), candidates());
  writeJsonlAtomic(w.validatedFile({ index: 1, count: 2 }), []);
  writeJsonAtomic(w.stageReportFile('filter', { index: 1, count: 2 }), { counts: {} });
  const set = findShardSet(w, 'validated')!;
  assert.deepEqual(set.missing, [2]);
  await assert.rejects(mergeShards({ workspace: w, config: defaultConfig() }, stageSpec('validate')!, set), /phaser-sft validate --shard 2\/2/);
});

test('parse shards merged equal the unsharded result', async (t) => {
  const { runParse } = await import('../../src/parse/parse.js');
  const whole = withTempDir(t);
  const sharded = withTempDir(t);
  const games = readdirSync(GOOD).slice(0, 10).map((f) => readFileSync(join(GOOD, f), 'utf8'));
  const requests = games.map((_, i) => ({ request_id: `req-${i}`, seed_id: `seed-${i}`, sample_index: 0, system: 's', user: `u${i}`, api_refs: [], api_context_tokens: 0 }));
  const usage = { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  // Answers in an order unlike the requests', some without a plan or code.
  const raw = games
    .map((code, i) => ({ request_id: `req-${i}`, teacher: 'replay', model: 'm', text: i % 4 === 3 ? 'no game here' : `${i % 3 ? '[PLAN]\nplan\n' : ''}\`\`\`javascript\n${code}\n\`\`\``, stop_reason: 'end_turn', usage, cost_usd: 0, latency_ms: 1, attempts: 1, created_at: '2026-01-01T00:00:00Z' }))
    .reverse();
  for (const dir of [whole, sharded]) {
    const w = new Workspace(dir);
    writeJsonlAtomic(w.requestsFile, requests);
    writeJsonlAtomic(w.rawOutputsFile('replay'), raw);
  }
  const w1 = new Workspace(whole);
  await runParse(w1, { quiet: true });
  const w2 = new Workspace(sharded);
  for (let index = 1; index <= 3; index++) await runParse(w2, { shard: { index, count: 3 }, quiet: true });
  const set = findShardSet(w2, 'candidates')!;
  assert.deepEqual(set.missing, []);
  await mergeShards({ workspace: w2, config: defaultConfig() }, stageSpec('parse')!, set);
  assert.equal(read(w2.candidatesFile()), read(w1.candidatesFile()), 'merged candidates.jsonl is byte-identical to the unsharded one');
  const mergedCounts = JSON.parse(read(w2.stageReportFile('parse'))).counts;
  const wholeCounts = JSON.parse(read(w1.stageReportFile('parse'))).counts;
  assert.ok(Object.keys(wholeCounts).length > 0);
  for (const [key, value] of Object.entries(wholeCounts)) assert.equal(mergedCounts[key], value, `parse report count ${key}`);
});

test('damaged lines in the main or a shard validator cache are named with file:line and skipped by the merge; a damaged shard report is exit 2 naming it', async (t) => {
  const w = new Workspace(withTempDir(t));
  const shard = (index: number) => ({ index, count: 2 });
  const verdict = (hash: string) => JSON.stringify({ code_hash: hash, validator_version: 'v1', passed: true, levels: {}, runtime: null });
  writeJsonlAtomic(w.candidatesFile(), candidates());
  for (const index of [1, 2]) {
    writeJsonlAtomic(w.validatedFile(shard(index)), []);
    writeJsonAtomic(w.stageReportFile('filter', shard(index)), { counts: { candidates: 0 } });
  }
  writeFileSync(w.validatorCacheFile(), `${verdict('m1')}\n{"code_hash":"m2","validator_version":"v1","passed":"yes"}\n`);
  writeFileSync(w.validatorCacheFile(shard(1)), `${verdict('a1')}\n{"code_hash": torn\n${verdict('a2')}\n${verdict('m1')}\n`);
  writeFileSync(w.validatorCacheFile(shard(2)), `${verdict('b1')}\n`);
  const warnings: string[] = [];
  const warn = logger.warn;
  logger.warn = (message: string) => void warnings.push(message);
  try {
    await mergeShards({ workspace: w, config: defaultConfig() }, stageSpec('validate')!, findShardSet(w, 'validated')!);
  } finally {
    logger.warn = warn;
  }
  assert.ok(warnings.some((m) => m.startsWith(`${w.validatorCacheFile()}:2: field \`passed\``)), warnings.join('\n'));
  assert.ok(warnings.some((m) => m.startsWith(`${w.validatorCacheFile(shard(1))}:2: not valid JSON`)), warnings.join('\n'));
  assert.ok(warnings.some((m) => /validator caches \(merging shards\): 2 damaged lines skipped; those games are validated again/.test(m)), warnings.join('\n'));
  const cached = read(w.validatorCacheFile()).split('\n').filter((l) => l.startsWith('{"code_hash":"'));
  assert.deepEqual(cached.map((l) => (JSON.parse(l) as { code_hash: string }).code_hash).filter((h) => h !== 'm2'), ['m1', 'a1', 'a2', 'b1'], 'every whole verdict once, in order');

  writeFileSync(w.stageReportFile('filter', shard(2)), '{"counts": ');
  await assert.rejects(mergeShards({ workspace: w, config: defaultConfig() }, stageSpec('validate')!, findShardSet(w, 'validated')!), (error: Error) => {
    assert.ok(error instanceof InputError, String(error));
    assert.match(error.message, new RegExp(`^${w.stageReportFile('filter', shard(2)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
    return true;
  });
});
