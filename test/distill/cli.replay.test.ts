import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { MAX_ANSWER_BYTES } from '../../src/core/index.js';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { distillIn } from './inProcess.js';
import { makeWorkspace, readLines } from './workspace.js';

test('replay: recorded demo answers matched by (seed_id, sample_index), labels kept, offline and free; a missing answer is an error, not an empty one', async (t) => {
  const ws = makeWorkspace(t, 4); // seeds seed-0 (samples 0, 1) and seed-1 (samples 0, 1)
  const answers = join(ws.dir, 'answers.jsonl');
  writeFileSync(
    answers,
    [
      { seed_id: 'seed-0', sample_index: 0, text: 'new Phaser.Game({})', label: 'good' },
      { seed_id: 'seed-0', sample_index: 1, text: 'new Phaser.Game({ scene: { create() { this.add.sprit(1) } } })', label: 'flawed:unknown-api' },
      { seed_id: 'seed-1', sample_index: 0, text: 'new Phaser.Game({ width: 640 })', label: 'good' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n') + '\n',
  );
  // No key, no network: replay never needs either.
  const result = await runCli(['distill', '--teacher', 'replay', '--from', answers, '--workspace', ws.dir], { env: { ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '' } });
  assert.equal(result.code, 1, 'one request has no recorded answer');
  assert.match(result.stderr, /1 of 4 requests are still unanswered/);
  const outputs = readLines(ws.file('raw_outputs_replay.jsonl'));
  assert.equal(outputs.length, 3);
  assert.ok(outputs.every((o) => o.teacher === 'replay' && o.model === 'replay:answers.jsonl' && o.cost_usd === 0));
  assert.equal(outputs.find((o) => o.request_id === 'req00001')?.label, 'flawed:unknown-api');
  const errors = readLines(ws.file('errors_replay.jsonl'));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].request_id, 'req00003');
  assert.equal(errors[0].error_type, 'no_recorded_answer');

  // Raw outputs of an earlier run replay by request_id into a fresh workspace.
  const other = makeWorkspace(t, 4);
  const again = await distillIn(other.dir, { teacher: 'replay', from: ws.file('raw_outputs_replay.jsonl') });
  const replayed = readLines(other.file('raw_outputs_replay.jsonl'));
  assert.deepEqual(replayed.map((o) => o.text).sort(), outputs.map((o) => o.text).sort());
  assert.equal(again.unanswered, 1);
});

test('--from with a remote teacher is a usage error; a bad requests line names file:line and field (exit 2)', async (t) => {
  const ws = makeWorkspace(t, 2);
  const from = await runCli(['distill', '--teacher', 'claude', '--from', 'x.jsonl', '--workspace', ws.dir]);
  assert.equal(from.code, 2);
  assert.match(from.stderr, /--from only goes with --teacher replay/);
  writeFileSync(ws.file('requests.jsonl'), '{"request_id":"a","seed_id":"s","sample_index":0,"system":"","user":"u","api_refs":[],"api_context_tokens":0}\n{"request_id":"b","seed_id":"s","sample_index":"one","system":"","user":"u","api_refs":[],"api_context_tokens":0}\n');
  const bad = await runCli(['distill', '--teacher', 'claude', '--workspace', ws.dir, '--dry-run']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /requests\.jsonl:2: field `sample_index`/);
});

test('an answer over the size cap is stored as its head with answer_bytes and counted as answer_too_large in the distill report', async (t) => {
  const ws = makeWorkspace(t, 2);
  const answers = join(ws.dir, 'answers.jsonl');
  const huge = '[PLAN]\nbig\n```javascript\nconst s = "' + 'x'.repeat(MAX_ANSWER_BYTES) + '";\n```\n';
  writeFileSync(answers, [{ seed_id: 'seed-0', sample_index: 0, text: huge, label: 'good' }, { seed_id: 'seed-0', sample_index: 1, text: 'new Phaser.Game({})', label: 'good' }].map((line) => JSON.stringify(line)).join('\n') + '\n');
  const result = await distillIn(ws.dir, { teacher: 'replay', from: answers });
  assert.equal(result.answered, 2);
  const capped = readLines(ws.file('raw_outputs_replay.jsonl')).filter((o) => o.answer_bytes !== undefined);
  assert.equal(capped.length, 1);
  assert.equal(capped[0].answer_bytes, Buffer.byteLength(huge));
  const report = JSON.parse(readFileSync(result.report_file!, 'utf8')) as { counts: Record<string, number> };
  assert.equal(report.counts.answer_too_large, 1);
  assert.equal(report.counts.answered, 2);
});
