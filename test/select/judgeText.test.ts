// `select --judge` with the text judge, end to end through the real CLI on a tiny workspace and
// the loopback mock provider: the judge's verdicts move `fidelity` (select.judge.fidelity_weight),
// the gates follow, and the selection report counts what the judge changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readJsonlSync, writeJsonAtomic, writeJsonlAtomic } from '../../src/core/index.js';
import { selectedSchema } from '../../src/schemas/index.js';
import { runCli } from '../helpers/cli.js';
import { startMockProvider } from '../helpers/mockProvider.js';
import { textJudgeReply } from '../helpers/judgeReplies.js';
import { withTempDir } from '../helpers/tempDir.js';
import { writeTinyWorkspace } from './workspace.js';

test('select --judge (text): judged request + plan + code lifts a game the heuristics missed, records keep both parts, a rerun pays nothing', async (t) => {
  // the judge says yes to everything about seed-000's game (its prompt: "第0号"), no to the rest
  const mock = await startMockProvider({ apiKey: 'test-key', answer: (user) => textJudgeReply(user, () => (user.includes('第0号') ? 'yes' : 'no')) });
  t.after(() => mock.close());
  const dir = withTempDir(t);
  const tiny = writeTinyWorkspace(dir, 3);
  // requests for keys and particles: the synthetic games show neither, so the heuristic fidelity is 0
  writeJsonlAtomic(tiny.workspace.seedsFile, tiny.seeds.map((seed) => ({ ...seed, mechanics: ['keyboard', 'particles'] })));
  writeJsonAtomic(tiny.workspace.configFile, { select: { judge: { kind: 'text', fidelity_weight: 1 } } });
  const env = { ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: 'test-key' };

  const run = await runCli(['select', '--judge', '--json', '--workspace', dir], { env });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(readFileSync(tiny.workspace.stageReportFile('selection'), 'utf8'));
  // 6 answers, all pass; every one below min_fidelity on the heuristic alone, so every one is judged
  assert.equal(mock.calls.messages, 6);
  assert.equal(report.judge.kind, 'text');
  assert.equal(report.judge.text.model, 'claude-haiku-5-5');
  assert.deepEqual([report.judge.text.verdicts, report.judge.text.unreadable, report.judge.text.off], [6, 0, false]);
  assert.ok(report.judge.cost_usd > 0);
  assert.deepEqual(report.judge.gate_changes, { admitted: 2, rejected: 0 });
  assert.equal(report.ineligible.below_min_fidelity, 4);

  const selected = readJsonlSync(tiny.workspace.selectedFile(), { schema: selectedSchema }).map((r) => r.value);
  assert.deepEqual([...new Set(selected.map((r) => r.seed_id))], ['seed-000']);
  for (const record of selected) {
    assert.deepEqual(record.fidelity_parts, { heuristic: 0, judge: 1, text: 1, weight: 1 });
    assert.equal(record.fidelity, 1);
    assert.equal(record.score_parts.judge, 1);
    assert.equal(record.judge_checks?.length, 3, 'the opening statement, keys, particles');
    assert.ok(record.judge_checks!.every((item) => item.verdict === 'yes'));
    assert.equal(record.fidelity_checks?.length, 2, 'the deterministic checks are kept');
  }

  const again = await runCli(['select', '--judge', '--workspace', dir], { env });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(mock.calls.messages, 6, 'every verdict from the cache');
  assert.match(again.stdout, /judge: text \(claude-haiku-5-5\) 6 verdicts, 0 new; \$0\.0000 this run; gates: 2 admitted, 0 turned away/);
});
