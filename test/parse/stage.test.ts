import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';
import { runParse } from '../../src/parse/parse.js';
import { Workspace, readJsonlSync, sha256 } from '../../src/core/index.js';
import { candidateSchema } from '../../src/schemas/index.js';

const answer = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}.md`, import.meta.url), 'utf8');

const ANSWERS = ['plan-bracket-javascript', 'plan-heading-js', 'html-wrapper', 'several-blocks', 'truncated-unclosed', 'no-code'];

function raw(requestId: string, teacher: string, text: string, stopReason = 'end_turn') {
  return {
    request_id: requestId,
    teacher,
    model: `${teacher}-model`,
    text,
    stop_reason: stopReason,
    usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    cost_usd: 0.001,
    latency_ms: 5,
    attempts: 1,
    created_at: '2026-01-01T00:00:00.000Z',
  };
}

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** A workspace with requests and two teachers' raw outputs (one orphan answer among them). */
function makeWorkspace(dir: string): Workspace {
  const workspace = new Workspace(dir);
  mkdirSync(workspace.distillDir, { recursive: true });
  const requests = ANSWERS.map((name, i) => ({ request_id: `req-${i}`, seed_id: `seed-${name}`, sample_index: 0, system: 'sys', user: name, api_refs: [], api_context_tokens: 0 }));
  writeFileSync(workspace.requestsFile, jsonl(requests));
  const claude = ANSWERS.map((name, i) => raw(`req-${i}`, 'claude', answer(name), name === 'truncated-unclosed' ? 'max_tokens' : 'end_turn'));
  claude.push(raw('req-unknown', 'claude', answer('plan-heading-js')));
  writeFileSync(workspace.rawOutputsFile('claude'), jsonl(claude));
  writeFileSync(workspace.rawOutputsFile('openai'), jsonl([raw('req-0', 'openai', answer('plan-bracket-javascript')), raw('req-1', 'openai', answer('no-plan'))]));
  return workspace;
}

test('parse: candidates with seed ids, content-addressed codes, and a report of parse errors', async (t) => {
  const dir = withTempDir(t);
  const workspace = makeWorkspace(dir);
  const run = await runCli(['parse', '--workspace', dir, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const summary = JSON.parse(run.stdout);
  assert.equal(summary.raw_outputs, 9);
  assert.equal(summary.orphans, 1);
  assert.equal(summary.no_code, 1);
  // req-0 from both teachers has the same code: two candidates, one code file.
  assert.equal(summary.candidates, 7);
  const candidates = readJsonlSync(workspace.candidatesFile(), { schema: candidateSchema }).map((r) => r.value);
  assert.equal(candidates.length, 7);
  assert.equal(new Set(candidates.map((c) => c.candidate_id)).size, 7);
  for (const candidate of candidates) {
    assert.equal(candidate.code_hash, sha256(candidate.code));
    assert.equal(readFileSync(join(dir, candidate.code_path), 'utf8'), candidate.code);
    assert.match(candidate.seed_id, /^seed-/);
    assert.ok(candidate.teacher === 'claude' || candidate.teacher === 'openai');
  }
  const byTeacher = (t: string, r: string) => candidates.find((c) => c.teacher === t && c.request_id === r)!;
  assert.equal(byTeacher('claude', 'req-0').code_hash, byTeacher('openai', 'req-0').code_hash);
  assert.notEqual(byTeacher('claude', 'req-0').candidate_id, byTeacher('openai', 'req-0').candidate_id);
  assert.deepEqual(byTeacher('claude', 'req-2').parse_errors, ['html_wrapper']);
  assert.deepEqual([...byTeacher('claude', 'req-4').parse_errors].sort(), ['truncated', 'unclosed_fence']);

  const report = JSON.parse(readFileSync(workspace.stageReportFile('parse'), 'utf8'));
  assert.equal(report.stage, 'parse');
  assert.equal(report.counts.candidates, 7);
  assert.equal(report.parse_errors.no_code, 1);
  assert.equal(report.parse_errors.html_wrapper, 1);
  assert.equal(report.parse_errors.several_games, 1);
  assert.equal(report.parse_errors.truncated, 1);
  assert.equal(report.parse_errors.no_plan, 1);
  assert.equal(report.code_bytes.count, 7);
  assert.ok(report.code_bytes.max >= report.code_bytes.min && report.code_bytes.min > 0);
  assert.deepEqual(report.per_teacher.openai, { raw_outputs: 2, candidates: 2, no_code: 0 });

  // A rerun writes the same candidates and leaves the code files alone (written once).
  const codeFile = join(dir, candidates[0].code_path);
  const before = statSync(codeFile).mtimeMs;
  const again = await runParse(workspace, { quiet: true });
  assert.equal(again.codes_written, 0);
  assert.equal(statSync(codeFile).mtimeMs, before);
  assert.deepEqual(readJsonlSync(workspace.candidatesFile()).map((r) => r.value), candidates);
});

test('parse --teacher and --shard: shards partition the candidates by request', async (t) => {
  const dir = withTempDir(t);
  const workspace = makeWorkspace(dir);
  const only = await runParse(workspace, { teacher: 'openai', quiet: true });
  assert.equal(only.candidates, 2);

  const ids: string[] = [];
  for (const index of [1, 2]) {
    const count = 2;
    await runParse(workspace, { shard: { index, count }, quiet: true });
    const file = workspace.candidatesFile({ index, count });
    assert.ok(existsSync(file));
    assert.ok(existsSync(workspace.stageReportFile('parse', { index, count })));
    ids.push(...readJsonlSync(file).map((r) => (r.value as { candidate_id: string }).candidate_id));
  }
  await runParse(workspace, { quiet: true });
  const all = readJsonlSync(workspace.candidatesFile()).map((r) => (r.value as { candidate_id: string }).candidate_id);
  assert.deepEqual([...ids].sort(), [...all].sort());
});

test('parse: missing inputs are bad input (exit 2) naming the file', async (t) => {
  const dir = withTempDir(t);
  const none = await runCli(['parse', '--workspace', dir]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /raw_outputs_<teacher>\.jsonl.*no raw outputs/);
  const workspace = makeWorkspace(dir);
  await assert.rejects(runParse(workspace, { teacher: 'gemini' }), /raw_outputs_gemini\.jsonl/);
  writeFileSync(new Workspace(dir).rawOutputsFile('claude'), '{"request_id": "x"}\n');
  const bad = await runCli(['parse', '--workspace', dir, '--teacher', 'claude']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /raw_outputs_claude\.jsonl:1: field `teacher`/);
});
