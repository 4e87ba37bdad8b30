import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cliCommand, runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';
import { writeWorkspace } from '../helpers/workspace.js';
import { Workspace, defaultConfig, readJsonlSync, sha256 } from '../../src/core/index.js';
import { validatedSchema, validationSchema, type Candidate } from '../../src/schemas/index.js';
import { runValidate } from '../../src/validate/validate.js';

const fixture = (path: string) => new URL(`../fixtures/games/${path}`, import.meta.url);
const goodGames = readdirSync(fixture('good/')).sort();

function candidate(code: string, index: number): Candidate {
  const codeHash = sha256(code);
  return { candidate_id: `cand-${index}`, request_id: `req-${index}`, seed_id: `seed-${index % 5}`, plan: 'a plan', code, code_hash: codeHash, code_path: `data/sft_distill/codes/${codeHash}.js`, parse_errors: [] };
}

function writeCandidates(workspace: Workspace, codes: string[]): Candidate[] {
  const candidates = codes.map(candidate);
  writeWorkspace(workspace, { candidates });
  return candidates;
}

test('validate-file: exit 0 on a pass, 1 on a failure (with the JSON record), 2 on bad usage', async () => {
  const pass = await runCli(['validate-file', fixture('good/pong-duel.js').pathname, '--levels', 'L1,L2,L3']);
  assert.equal(pass.code, 0, pass.stderr);
  assert.match(pass.stdout, /pong-duel\.js: PASS/);
  assert.match(pass.stdout, /L2 API\s+pass/);

  const fail = await runCli(['validate-file', fixture('bad/api-misspelt-rectangle.js').pathname, '--levels', 'L1,L2,L3', '--json']);
  assert.equal(fail.code, 1, fail.stderr);
  const record = validationSchema.parse(JSON.parse(fail.stdout));
  assert.equal(record.passed, false);
  assert.equal(record.levels.L4, undefined);
  assert.ok(record.levels.L2!.issues.some((i) => i.code === 'api_misspelt_factory' && i.line === 5));

  const missing = await runCli(['validate-file', 'no/such/game.js', '--levels', 'L1']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no\/such\/game\.js: file not found/);
  const badLevels = await runCli(['validate-file', fixture('good/pong-duel.js').pathname, '--levels', 'L1,L7']);
  assert.equal(badLevels.code, 2);
  assert.match(badLevels.stderr, /--levels: unknown level "L7"/);
});

test('validate: every candidate with its verdict, a filter report, and a cache that makes reruns free', async (t) => {
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  const codes = [
    ...goodGames.slice(0, 4).map((name) => readFileSync(fixture(`good/${name}`), 'utf8')),
    readFileSync(fixture('bad/syntax-missing-brace.js'), 'utf8'),
    readFileSync(fixture('bad/network-fetch-scores.js'), 'utf8'),
    readFileSync(fixture('bad/api-tweens-animate.js'), 'utf8'),
    readFileSync(fixture('bad/api-math-random-int.js'), 'utf8'),
  ];
  codes.push(codes[0]); // the same game answered twice
  const candidates = writeCandidates(workspace, codes);
  const config = defaultConfig();
  const first = await runValidate(workspace, config, { levels: ['L1', 'L2', 'L3'], workers: 1, quiet: true });
  assert.equal(first.candidates, 9);
  assert.equal(first.unique_codes, 8);
  assert.equal(first.validated_now, 8);
  assert.equal(first.passed, 5);

  const rows = readJsonlSync(workspace.validatedFile(), { schema: validatedSchema }).map((r) => r.value);
  assert.deepEqual(rows.map((r) => r.candidate_id), candidates.map((c) => c.candidate_id));
  assert.equal(rows[8].passed, true);
  assert.equal(rows[4].levels.L1!.passed, false);
  assert.equal(rows[4].levels.L2!.skipped, true);

  const report = JSON.parse(readFileSync(workspace.stageReportFile('filter'), 'utf8'));
  assert.equal(report.stage, 'validate');
  assert.equal(report.counts.candidates, 9);
  assert.equal(report.pass_rate, 0.5556);
  assert.deepEqual([report.levels.L1.ran, report.levels.L1.passed, report.levels.L1.pass_rate], [9, 8, 0.8889]);
  assert.deepEqual([report.levels.L2.ran, report.levels.L2.passed, report.levels.L2.skipped], [8, 6, 1]);
  const unknown = report.levels.L2.top_issues.find((i: { code: string }) => i.code === 'api_unknown_member');
  assert.equal(unknown.count, 2);
  assert.equal(unknown.severity, 'error');
  assert.match(unknown.example.message, /does not exist on/);
  assert.ok(unknown.example.candidate_id.startsWith('cand-'));
  assert.equal(report.levels.L3.top_issues[0].code, 'network_call');
  assert.equal(report.settings.validator_version, first.validator_version);
  assert.equal('browser' in report.settings, false, 'no L4, no browser in the report');

  const second = await runValidate(workspace, config, { levels: ['L1', 'L2', 'L3'], workers: 1, quiet: true });
  assert.equal(second.validated_now, 0);
  assert.equal(second.cached, 8);
  assert.equal(second.passed, 5);
  // Other levels are another validator version: nothing reused, nothing clobbered.
  const l1Only = await runValidate(workspace, config, { levels: ['L1'], workers: 1, quiet: true });
  assert.equal(l1Only.validated_now, 8);
  assert.notEqual(l1Only.validator_version, first.validator_version);
  assert.equal(readJsonlSync(workspace.validatorCacheFile()).length, 16);
});

test('validate survives kill -9: the rerun finishes and re-validates nothing already cached', async (t) => {
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  const codes: string[] = [];
  for (let variant = 0; variant < 3; variant++) {
    for (const name of goodGames) codes.push(readFileSync(fixture(`good/${name}`), 'utf8') + `// variant ${variant}\n`);
  }
  writeCandidates(workspace, codes);
  const cacheFile = workspace.validatorCacheFile();
  const { command, args } = cliCommand(['validate', '--workspace', dir, '--levels', 'L1,L2,L3', '--workers', '1', '--quiet']);
  const child = spawn(command, args, { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const started = Date.now();
  while (Date.now() - started < 180_000) {
    await new Promise((r) => setTimeout(r, 50));
    if (existsSync(cacheFile) && readFileSync(cacheFile, 'utf8').split('\n').filter(Boolean).length > 0) break;
  }
  child.kill('SIGKILL');
  await exited;
  const before = readJsonlSync(cacheFile).length;
  assert.ok(before > 0 && before < codes.length, `killed mid-run (${before} of ${codes.length} cached)`);
  assert.ok(!existsSync(workspace.validatedFile()), 'no partial validated.jsonl');

  const rerun = await runCli(['validate', '--workspace', dir, '--levels', 'L1,L2,L3', '--workers', '1', '--json']);
  assert.equal(rerun.code, 0, rerun.stderr);
  const summary = JSON.parse(rerun.stdout);
  assert.equal(summary.cached, before);
  assert.equal(summary.validated_now, codes.length - before);
  assert.equal(summary.passed, codes.length);
  const keys = readJsonlSync(cacheFile, { schema: validationSchema }).map((r) => `${r.value.code_hash}/${r.value.validator_version}`);
  assert.equal(keys.length, codes.length);
  assert.equal(new Set(keys).size, keys.length, 'no duplicate cache lines for one key');
  assert.equal(readJsonlSync(workspace.validatedFile()).length, codes.length);
});
