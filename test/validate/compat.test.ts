// `validate --phaser 3,4`: every game checked on both lines, `compat` on each record; the
// record's own verdict is its line's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { withTempDir } from '../helpers/tempDir.js';
import { writeWorkspace } from '../helpers/workspace.js';
import { Workspace, defaultConfig, parsePhaserLines, readJsonlSync, sha256 } from '../../src/core/index.js';
import { validatedSchema, type Candidate } from '../../src/schemas/index.js';
import { runValidate } from '../../src/validate/validate.js';

const read = (path: string) => readFileSync(new URL(`../fixtures/games/${path}`, import.meta.url), 'utf8');

function candidate(code: string, index: number, line: '3' | '4'): Candidate {
  const codeHash = sha256(code);
  return { candidate_id: `cand-${index}`, request_id: `req-${index}`, seed_id: `seed-${index}`, plan: 'a plan', code, code_hash: codeHash, code_path: `data/sft_distill/codes/${codeHash}.js`, parse_errors: [], phaser_version: line };
}

test('validate --phaser 3,4: compat per line, first failing level and code; the own verdict follows the record line', async (t) => {
  const workspace = new Workspace(withTempDir(t));
  // breakout-classic uses Group#children.each: fine in 3.90, removed in Phaser 4
  const v3only = read('good/breakout-classic.js');
  const both = read('good/pong-duel.js');
  const broken = read('bad/syntax-missing-brace.js');
  const candidates = [candidate(v3only, 0, '3'), candidate(v3only, 1, '4'), candidate(both, 2, '4'), candidate(broken, 3, '3')];
  writeWorkspace(workspace, { candidates });
  const config = defaultConfig();
  const result = await runValidate(workspace, config, { levels: ['L1', 'L2', 'L3'], workers: 1, quiet: true, phaserLines: ['3', '4'] });
  const records = readJsonlSync(workspace.validatedFile(), { schema: validatedSchema }).map((r) => r.value);
  const [asked3, asked4, pong, syntax] = records;
  assert.equal(asked3.compat?.['3']?.result, 'pass');
  assert.deepEqual({ ...asked3.compat?.['4'], validator_version: undefined }, { result: 'fail', failed_level: 'L2', code: 'api_removed_in_v4', validator_version: undefined });
  assert.notEqual(asked3.compat?.['3']?.validator_version, asked3.compat?.['4']?.validator_version);
  assert.equal(asked3.passed, true);
  assert.equal(asked3.phaser_version, '3');
  // the same code asked for Phaser 4 gets the v4 verdict as its own
  assert.equal(asked4.passed, false);
  assert.equal(asked4.phaser_version, '4');
  assert.equal(asked4.levels.L2?.passed, false);
  assert.equal(pong.passed, true);
  assert.equal(pong.compat?.['3']?.result, 'pass');
  assert.equal(pong.compat?.['4']?.result, 'pass');
  assert.deepEqual([syntax.compat?.['3']?.failed_level, syntax.compat?.['4']?.failed_level], ['L1', 'L1']);
  assert.deepEqual(result.compat && { 3: result.compat['3']?.passed, 4: result.compat['4']?.passed }, { 3: 3, 4: 1 });
  const report = JSON.parse(readFileSync(workspace.path('data/reports/filter_report.json'), 'utf8'));
  assert.deepEqual(report.settings.phaser_lines, ['3', '4']);

  // without the flag: one line, no compat
  await runValidate(workspace, config, { levels: ['L1', 'L2', 'L3'], workers: 1, quiet: true });
  assert.ok(readJsonlSync(workspace.validatedFile(), { schema: validatedSchema }).every((r) => r.value.compat === undefined));
});

test('--phaser: a bad list is a usage error naming the flag (exit 2)', async () => {
  assert.deepEqual(parsePhaserLines('4, 3,4', '--phaser'), ['4', '3']);
  assert.throws(() => parsePhaserLines('3,5', '--phaser'), /--phaser: unknown Phaser line "5"/);
  const cli = await runCli(['validate', '--phaser', '2']);
  assert.equal(cli.code, 2);
  assert.match(cli.stderr, /--phaser: unknown Phaser line "2"/);
});
