// `eval human import`: a filled review file is read back and the report shows the reviewers'
// verdicts beside the validator's and fidelity, with their agreement; a bad file ends with exit 2
// naming file:line and the field, and writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rubricFor } from '../../src/evaluation/humanSet.js';
import { importHumanScores, type HumanScoreRecord } from '../../src/evaluation/humanScores.js';
import { cohensKappa, humanAgreement, humanAgreementOf, spearman } from '../../src/evaluation/humanAgreement.js';
import { formatScoreTable, scoreModel } from '../../src/evaluation/scoreReport.js';
import type { EvalPromptRecord } from '../../src/evaluation/index.js';
import { runCli } from '../helpers/cli.js';
import { evalPromptRecord, evalScoredRecord } from '../helpers/records.js';
import { tempWorkspace } from '../helpers/workspace.js';

const prompts = [
  evalPromptRecord({ id: 'ev_snake', prompt: '做个贪吃蛇', lang: 'zh', genre: 'snake' }),
  evalPromptRecord({ id: 'ev_breakout', prompt: 'A breakout game with a paddle on the arrow keys', genre: 'breakout' }),
  evalPromptRecord({ id: 'ev_memory', prompt: 'A memory game: flip two cards', genre: 'memory', split: 'ood' }),
  evalPromptRecord({ id: 'ev_rhythm', prompt: '做一个节奏游戏，按键击中音符得分', lang: 'zh', genre: 'rhythm', split: 'ood' }),
];
// the machine: three games pass the gate, the memory game's fidelity is too low
const fidelity: Record<string, number> = { ev_snake: 0.8, ev_breakout: 0.6, ev_memory: 0.1, ev_rhythm: 0.9 };

function workspace(t: Parameters<typeof tempWorkspace>[0]) {
  return tempWorkspace(t, {
    evalPrompts: prompts,
    humanPrompts: prompts,
    evalScored: { student: prompts.map((p) => evalScoredRecord({ ...p, fidelity: fidelity[p.id] })) },
    evalReports: { student: { fidelity_threshold: 0.3, counts: { prompts: 4, generations: 4, parsed: 4, passed: 4, truncated: 0 }, pass_rate: 1, parse_rate: 1 } },
  });
}

/** A reviewer's line: every rubric item at `value`, `runs` at `runs`. */
function line(prompt: EvalPromptRecord, value: number, runs = value, extra: Record<string, unknown> = {}) {
  const scores = Object.fromEntries(rubricFor(prompt).map((item) => [item.id, item.id === 'runs' ? runs : value]));
  return JSON.stringify({ id: prompt.id, model: 'student', reviewer: 'Li Wei', scores, notes: '', reviewed_at: '2026-12-03T10:00:00.000Z', ...extra });
}

test('a filled review file is imported and the report shows agreement beside validation and fidelity', async (t) => {
  const ws = workspace(t);
  const file = join(ws.root, 'review_student.jsonl');
  // human: snake, breakout pass; memory fails (agrees); rhythm "does not run" (disagrees with the gate)
  writeFileSync(file, [line(prompts[0], 2), line(prompts[1], 1, 2), line(prompts[2], 0, 2, { notes: '不是翻牌游戏 <b>' }), line(prompts[3], 2, 1)].join('\n') + '\n');
  const imported = await runCli(['--workspace', ws.root, 'eval', 'human', 'import', file]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /4 added/);
  assert.match(imported.stdout, /agreement 75\.0%, kappa 0\.50/);
  assert.equal(readFileSync(ws.humanScoresFile('student'), 'utf8').trim().split('\n').length, 4);

  const report = await runCli(['--workspace', ws.root, 'report']);
  assert.equal(report.code, 0, report.stderr);
  const html = readFileSync(ws.htmlReportFile, 'utf8');
  const human = html.slice(html.indexOf('id="human-review"'));
  assert.match(human, /<td>student<\/td><td class="n">4<\/td><td>Li Wei<\/td><td class="n">50\.0%<\/td><td class="n">100\.0%<\/td><td class="n">75\.0%<\/td><td class="n">75\.0%<\/td><td class="n">0\.50<\/td>/);
  // the disagreeing prompt is marked, beside its validator verdict and fidelity; notes are escaped
  assert.match(human, /<tr class="weak"><td><code>ev_rhythm<\/code><\/td><td>zh<\/td><td>ood<\/td><td>pass<\/td><td class="n">0\.90<\/td><td>pass<\/td>/);
  assert.match(human, /不是翻牌游戏 &lt;b&gt;/);

  // eval score's table shows the same beside its own rows
  const score = { ...scoreModel('student', [], ['L1']), human: (await humanAgreementOf(ws, 'student', 0.3))! };
  assert.match(formatScoreTable([score]), /human agrees with the gate\s+75\.0%\n\s+Cohen's kappa\s+0\.50/);

  // importing the same reviewer's file again replaces, not duplicates
  const again = await importHumanScores(ws, file);
  assert.deepEqual(again.models.map((m) => [m.added, m.replaced, m.total]), [[0, 4, 4]]);
});

test('a bad review file: exit 2 naming file:line and the field, nothing written', async (t) => {
  const ws = workspace(t);
  const file = join(ws.root, 'bad.jsonl');
  writeFileSync(file, [line(prompts[0], 2), line(prompts[1], 2).replace('"runs":2', '"runs":3')].join('\n') + '\n');
  const result = await runCli(['--workspace', ws.root, 'eval', 'human', 'import', file]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /bad\.jsonl:2: field `scores\.runs`: expected 0, 1 or 2/);
  assert.equal(existsSync(ws.humanScoresFile('student')), false);
});

test('every kind of bad line names its line and field (table)', async (t) => {
  const ws = workspace(t);
  const ok = line(prompts[0], 2);
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"id": "ev_snake",\n', /:2: not valid JSON/],
    ['unknown prompt', line({ ...prompts[0], id: 'ev_nope' }, 2), /:2: field `id`: "ev_nope" is not a prompt/],
    ['an item not asked for', line(prompts[0], 2).replace('"runs":2', '"runs":2,"mechanic:timers":1'), /:2: field `scores\.mechanic:timers`: not an item of this prompt's rubric/],
    ['a missing item', line(prompts[0], 2).replace('"polish":2,', ''), /:2: field `scores\.polish`: missing/],
    ['no reviewer', line(prompts[1], 2, 2, { reviewer: '  ' }), /:2: field `reviewer`: empty/],
    ['the same prompt twice', ok, /:2: field `id`: "ev_snake" scored twice by Li Wei .*line 1/],
    ['an unknown field', line(prompts[1], 2, 2, { score: 1 }), /:2: Unrecognized key: "score"/],
    ['an unscored model', line(prompts[1], 2, 2, { model: 'other' }), /:2: field `model`: no scored games of model "other"/],
  ];
  for (const [name, second, expected] of cases) {
    const file = join(ws.root, 'bad.jsonl');
    writeFileSync(file, `${ok}\n${second}${second.endsWith('\n') ? '' : '\n'}`);
    await assert.rejects(importHumanScores(ws, file), (error: Error & { exitCode?: number }) => {
      assert.match(error.message, expected, name);
      assert.ok(error.message.startsWith(`${file}:2:`), `${name}: ${error.message}`);
      assert.equal(error.exitCode, 2, name);
      return true;
    });
    assert.equal(existsSync(ws.humanScoresFile('student')), false, `${name}: nothing written`);
  }
});

test("Cohen's kappa and Spearman's rho on known values", () => {
  assert.equal(cohensKappa([true, true, false, false], [true, true, false, true]), 0.5);
  assert.equal(cohensKappa([true, true], [true, true]), null, 'neither side varies');
  assert.equal(cohensKappa([true, false], [true, true]), 0, 'one side never varies');
  assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1);
  assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  assert.equal(spearman([1, 1, 2], [5, 6, 7]), 0.866, 'ties take their mean rank');
  assert.equal(spearman([1, 2, 3], [5, 5, 5]), null, 'a constant side');
});

test('two reviewers: their items are averaged, and their agreement with each other is reported', () => {
  const scored = prompts.slice(0, 2).map((p) => evalScoredRecord({ ...p, fidelity: fidelity[p.id] }));
  const record = (prompt: EvalPromptRecord, reviewer: string, value: number) => ({ ...(JSON.parse(line(prompt, value, 2)) as HumanScoreRecord), reviewer, imported_from: 'f', imported_at: 'now' });
  // Ann passes both; Bo fails the breakout (every item but runs at 0)
  const human = [record(prompts[0], 'Ann', 2), record(prompts[1], 'Ann', 2), record(prompts[0], 'Bo', 2), record(prompts[1], 'Bo', 0)];
  const result = humanAgreement('student', scored, human, 0.3);
  assert.deepEqual(result.reviewers, ['Ann', 'Bo']);
  assert.deepEqual(result.between_reviewers, { prompts: 2, agreement: 0.5, kappa: 0 });
  const breakout = result.prompts.find((p) => p.id === 'ev_breakout')!;
  assert.equal(breakout.items['matches_request'], 1, 'mean of 2 and 0');
  assert.equal(breakout.human_pass, true, 'runs 2 and a mean item of at least 1');
});
