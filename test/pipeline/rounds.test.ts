import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { readJsonlSync, writeJsonAtomic, type Workspace } from '../../src/core/index.js';
import { defaultConfig } from '../../src/core/config/index.js';
import { REPAIR_MAX_ISSUES, repairIssues } from '../../src/requests/index.js';
import { planNextRound, roundFigures, type RoundsReport } from '../../src/pipeline/rounds.js';
import { rawOutputSchema, repairPairSchema, requestSchema, resampleSchema, seedSchema, validatedSchema, type TeacherRequest } from '../../src/schemas/index.js';
import { cliCommand, projectRoot, runCli } from '../helpers/cli.js';
import { startMockProvider } from '../helpers/mockProvider.js';
import { BROKEN_ANSWER, flakyTeacher, roundsWorkspace } from '../helpers/rounds.js';
import { withTempDir } from '../helpers/tempDir.js';

const KEY = 'sk-ant-test-rounds-0123456789';
const rows = <T>(file: string, schema: { parse: (v: unknown) => T }) => (existsSync(file) ? readJsonlSync(file, { schema: schema as never }).map((r) => r.value as T) : []);
const report = (ws: Workspace) => JSON.parse(readFileSync(ws.stageReportFile('rounds'), 'utf8')) as RoundsReport;
const runArgs = (ws: Workspace, rounds: number) => ['--workspace', ws.root, 'run', '--from', 'requests', '--to', 'validate', '--rounds', String(rounds), '--teacher', 'claude', '--no-report', '--json'];

/** Each request answered at most once, and every answer is of a request that is there. */
function assertPaidOnce(ws: Workspace): void {
  const raw = rows(ws.rawOutputsFile('claude'), rawOutputSchema);
  const ids = raw.map((o) => o.request_id);
  assert.equal(new Set(ids).size, ids.length, 'no request paid twice');
  const requests = new Set(rows(ws.requestsFile, requestSchema).map((r) => r.request_id));
  assert.ok(ids.every((id) => requests.has(id)));
}

test('run --rounds 3 with repair: failed seeds re-asked with their code and issues, yield per round, nothing sent twice, OOD never sent, validated code not validated again', async (t) => {
  const ws = await roundsWorkspace(withTempDir(t, 'phaser-sft-rounds-'), 10, { max_samples_per_seed: 3, repair: true });
  const teacher = flakyTeacher(0.5);
  const mock = await startMockProvider({ apiKey: KEY, answer: teacher.answer });
  t.after(() => mock.close());
  const env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: mock.url };
  const run = await runCli(runArgs(ws, 3), { env, timeoutMs: 600_000 });
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { stages: { stage: string; round?: number; counts?: Record<string, number> }[]; rounds: RoundsReport };

  const requests = rows(ws.requestsFile, requestSchema);
  const validated = rows(ws.validatedFile(), validatedSchema);
  const seeds = new Set(requests.map((r) => r.seed_id));
  const rounds = report(ws);
  assert.deepEqual(result.rounds.rounds, rounds.rounds, 'the run prints the report it wrote');
  assert.equal(rounds.counts.seeds, seeds.size);
  assert.ok(rounds.rounds.length >= 2 && rounds.rounds.length <= 3, `${rounds.rounds.length} rounds`);
  // Round 1 is one sample per seed; each later round asks exactly the seeds still failing, at their next sample.
  assert.equal(rounds.rounds[0].requests, seeds.size);
  const passedBy = (round: number) => new Set(validated.filter((v) => v.passed && (requests.find((r) => r.request_id === v.request_id)?.round ?? 1) <= round).map((v) => v.seed_id));
  for (const figures of rounds.rounds.slice(1)) {
    const asked = requests.filter((r) => r.round === figures.round);
    const failing = [...seeds].filter((s) => !passedBy(figures.round - 1).has(s));
    assert.deepEqual(asked.map((r) => r.seed_id).sort(), failing.sort(), `round ${figures.round} asks the failing seeds`);
    for (const r of asked) assert.equal(r.sample_index, figures.round - 1);
    assert.equal(figures.new_passing_seeds, passedBy(figures.round).size - passedBy(figures.round - 1).size);
    assert.equal(figures.yield, Math.round((passedBy(figures.round).size / seeds.size) * 1e4) / 1e4);
  }
  // Repair requests quote the failed code and the validator's issues, and say what they repair.
  const repairs = requests.filter((r) => r.round);
  assert.ok(repairs.length > 0);
  for (const r of repairs) {
    assert.ok(r.repair_of, 'a later-round request with repair on repairs');
    const broken = validated.find((v) => v.candidate_id === r.repair_of!.candidate_id)!;
    assert.equal(broken.passed, false);
    assert.equal(broken.seed_id, r.seed_id);
    assert.ok(r.user.includes('this.add.rectangle(400, 300, 80, 16, 0xffffff;'), 'the broken code is quoted');
    assert.ok(r.repair_of!.issues.length > 0 && r.repair_of!.issues.every((i) => r.user.includes(i.code) && /^L[1-4]$/.test(i.level)));
  }
  // (broken → fixed) pairs for the repairs that passed.
  const pairs = rows(ws.repairPairsFile, repairPairSchema);
  const passedRepairs = repairs.filter((r) => validated.some((v) => v.request_id === r.request_id && v.passed));
  assert.equal(pairs.length, passedRepairs.length);
  assert.equal(rounds.counts.repair_pairs, pairs.length);
  // Paid once; the provider got exactly the answered requests; the OOD genres' seeds never.
  assertPaidOnce(ws);
  assert.equal(mock.calls.messages, requests.length);
  assert.equal(rounds.counts.paid_twice, 0);
  const ood = rows(ws.seedsFile, seedSchema).filter((s) => ['rhythm', 'sports'].includes(s.genre));
  assert.ok(mock.received.every((r) => !ood.some((s) => r.user!.startsWith(s.prompt))), 'no OOD seed sent');
  // A game already validated is not validated again: over all rounds, each distinct code once.
  const validateRuns = result.stages.filter((s) => s.stage === 'validate' && s.counts);
  assert.ok(validateRuns.length >= 2);
  const checked = validateRuns.reduce((sum, s) => sum + (s.counts!.validated_now ?? 0), 0);
  assert.equal(checked, new Set(validated.map((v) => v.code_hash)).size);
  // The cost figures add up from the raw outputs.
  const spent = rows(ws.rawOutputsFile('claude'), rawOutputSchema).reduce((sum, o) => sum + o.cost_usd, 0);
  assert.ok(Math.abs(rounds.rounds.at(-1)!.cumulative_cost_usd - spent) < 1e-5);

  // status shows the rounds; a rerun of the same command sends nothing.
  const status = await runCli(['--workspace', ws.root, 'status', '--json']);
  assert.equal(JSON.parse(status.stdout).rounds.rounds.length, rounds.rounds.length);
  const text = await runCli(['--workspace', ws.root, 'status']);
  assert.match(text.stdout, /rounds \(\d of 3 asked/);
  const again = await runCli(runArgs(ws, 3), { env, timeoutMs: 600_000 });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(mock.calls.messages, requests.length, 'nothing sent again');
});

test('kill -9 in round 2, rerun: round 2 continues where it stopped, nothing recorded is sent again, round 3 follows', async (t) => {
  const ws = await roundsWorkspace(withTempDir(t, 'phaser-sft-rounds-kill-'), 12, { max_samples_per_seed: 4 });
  const config = JSON.parse(readFileSync(ws.configFile, 'utf8'));
  writeJsonAtomic(ws.configFile, { ...config, teacher: { ...config.teacher, concurrency: 1 } });
  const teacher = flakyTeacher(0.5);
  const mockOptions = { apiKey: KEY, answer: teacher.answer, latencyMs: 600 };
  const mock = await startMockProvider(mockOptions);
  t.after(() => mock.close());
  const env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: mock.url };
  const { command, args } = cliCommand(runArgs(ws, 3));
  const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const inRound2 = () => rows(ws.rawOutputsFile('claude'), rawOutputSchema).filter((o) => (o.sample_index ?? 0) >= 1).length >= 1;
  const end = Date.now() + 400_000;
  while (!(existsSync(ws.roundsPlanFile) && inRound2())) {
    if (Date.now() > end) throw new Error('timed out waiting for round 2');
    await delay(50);
  }
  child.kill('SIGKILL');
  await exited;
  const plan = rows(ws.roundsPlanFile, resampleSchema);
  assert.ok(plan.length > 1 && plan.every((e) => e.round === 2), 'killed in round 2');
  const before = rows(ws.rawOutputsFile('claude'), rawOutputSchema);
  assert.ok(before.filter((o) => o.sample_index === 1).length < plan.length, 'round 2 not finished');
  const seen = mock.received.length;
  mockOptions.latencyMs = 5;

  const rerun = await runCli(runArgs(ws, 3), { env, timeoutMs: 600_000 });
  assert.equal(rerun.code, 0, rerun.stderr);
  assertPaidOnce(ws);
  const requests = rows(ws.requestsFile, requestSchema);
  const sentAfter = mock.received.slice(seen);
  // Only what was not recorded before the kill is sent (the call in flight at the kill among it).
  const answeredBefore = new Set(before.map((o) => o.request_id));
  const round2Left = requests.filter((r) => r.round === 2 && !answeredBefore.has(r.request_id)).length;
  const round3 = requests.filter((r) => r.round === 3).length;
  assert.ok(round2Left > 0);
  assert.equal(sentAfter.length, round2Left + round3, 'only what was not recorded is sent');
  const final = report(ws);
  assert.equal(final.rounds[1].requests, plan.length, 'round 2 kept its plan');
  assert.ok(final.rounds.length <= 3);
  assert.equal(final.counts.paid_twice, 0);
});

test('repair issues are capped, errors first; a truncated batch answer is asked again next round with a larger max_tokens', () => {
  const issues = Array.from({ length: 30 }, (_, i) => ({ code: `c${i}`, message: 'x'.repeat(1000), line: i, column: null, severity: i % 2 ? ('error' as const) : ('warning' as const) }));
  const capped = repairIssues({ levels: { L2: { passed: false, skipped: false, issues } } });
  assert.equal(capped.length, REPAIR_MAX_ISSUES);
  assert.ok(capped.every((i) => i.code.match(/c\d+/) && Number(i.code.slice(1)) % 2 === 1), 'errors before warnings');
  assert.ok(capped.every((i) => i.message.length <= 300 && i.level === 'L2'));

  const config = defaultConfig();
  const request = (seed: string, sample: number): TeacherRequest & { round: number } => ({ request_id: `${seed}-${sample}`, seed_id: seed, sample_index: sample, system: 's', user: 'u', api_refs: [], api_context_tokens: 0, max_tokens: null, phaser_version: '3', round: 1 });
  const raw = (seed: string, sample: number, truncated: boolean) => ({ request_id: `${seed}-${sample}`, seed_id: seed, sample_index: sample, teacher: 'claude', model: 'm', text: BROKEN_ANSWER, stop_reason: truncated ? 'max_tokens' : 'end_turn', truncated, usage: { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, cost_usd: 0.01, latency_ms: 1, attempts: 1, created_at: '' });
  const data = { requests: [request('a', 0), request('b', 0)], raw: [raw('a', 0, true), raw('b', 0, false)], validated: [] };
  const next = planNextRound(data, config, 'claude');
  assert.deepEqual(next.entries.map((e) => [e.seed_id, e.sample_index, e.round, e.max_tokens]), [['a', 1, 2, config.teacher.claude.max_tokens * 2], ['b', 1, 2, undefined]]);
  assert.deepEqual(planNextRound(data, config, 'replay').entries.map((e) => e.max_tokens), [undefined, undefined], 'replay: the same answer would come back');
  assert.equal(roundFigures(data)[0].cost_usd, 0.02);
});
