import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace, defaultConfig, inShard, sha256, writeJsonAtomic, writeJsonlAtomic } from '../../src/core/index.js';
import { findShardSet, mergeShards } from '../../src/pipeline/mergeShards.js';
import { stageSpec } from '../../src/pipeline/stages.js';
import { runValidate } from '../../src/validate/stage.js';
import { tempDir } from '../helpers/cli.js';

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

test('validate shards merged equal the unsharded result', async () => {
  const whole = tempDir();
  const sharded = tempDir();
  try {
    const config = defaultConfig();
    const options = { levels: ['L1', 'L3'] as ('L1' | 'L3')[], workers: 1, quiet: true };
    const records = candidates();
    // Raw outputs give the input order parse follows; here the candidates file is the input.
    for (const dir of [whole.dir, sharded.dir]) writeJsonlAtomic(new Workspace(dir).candidatesFile(), records);

    const w1 = new Workspace(whole.dir);
    await runValidate(w1, config, options);

    const w2 = new Workspace(sharded.dir);
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
  } finally {
    whole.cleanup();
    sharded.cleanup();
  }
});

test('a missing shard stops the merge with the command to run', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const w = new Workspace(dir);
    writeJsonlAtomic(w.candidatesFile(), candidates());
    writeJsonlAtomic(w.validatedFile({ index: 1, count: 2 }), []);
    writeJsonAtomic(w.stageReportFile('filter', { index: 1, count: 2 }), { counts: {} });
    const set = findShardSet(w, 'validated')!;
    assert.deepEqual(set.missing, [2]);
    await assert.rejects(mergeShards({ workspace: w, config: defaultConfig() }, stageSpec('validate')!, set), /phaser-sft validate --shard 2\/2/);
  } finally {
    cleanup();
  }
});
