// `eval score --judge`: the select judges, settings and cache on a student's passing games. A
// working game that is not the one asked for (a platformer for a Breakout prompt) keeps its
// pass rate but loses the headline once the judge weighs in; the report shows both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Workspace, defaultConfig, logger, writeJsonlAtomic } from '../../src/core/index.js';
import { scoreModels } from '../../src/evaluation/score.js';
import { startMockProvider } from '../helpers/mockProvider.js';
import { textJudgeReply } from '../helpers/judgeReplies.js';
import { withTempDir } from '../helpers/tempDir.js';

const game = (name: string) => readFileSync(new URL(`../fixtures/games/probes/${name}.js`, import.meta.url), 'utf8');
const answer = (code: string) => `[PLAN]\n- Controls: as asked\n[/PLAN]\n\`\`\`javascript\n${code}\n\`\`\``;
const prompts = [
  { id: 'p1', prompt: 'Breakout with particles when the ball hits a brick: move the paddle with the arrow keys, bricks break and the score goes up.', lang: 'en', genre: 'breakout', split: 'iid', mechanics: [], difficulty: null, source: 'seed', seed_id: null, ood_kind: null },
  { id: 'p2', prompt: 'A platformer: arrow keys move the hero, who jumps between platforms under gravity and collects stars for points shown on screen.', lang: 'en', genre: 'platformer', split: 'ood', mechanics: [], difficulty: null, source: 'seed', seed_id: null, ood_kind: 'held_out_genre' },
];
const generation = (model: string, id: string, code: string) => ({ ...prompts.find((p) => p.id === id)!, model, text: answer(code), stop_reason: 'stop', truncated: false, usage: { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } });

test('eval score --judge: a wrong-but-working game scores low, the headline without the judge beside it, verdicts shared through the cache', async (t) => {
  // the mock judge is honest about one thing: a Breakout request wants a game whose code has bricks
  const codeOf = (user: string) => user.split('```javascript')[1] ?? '';
  const mock = await startMockProvider({ apiKey: 'test-key', answer: (user) => textJudgeReply(user, () => (/Breakout/.test(user) === /brick/.test(codeOf(user)) ? 'yes' : 'no')) });
  t.after(() => mock.close());
  const workspace = new Workspace(withTempDir(t));
  writeJsonlAtomic(workspace.evalPromptsFile, prompts);
  writeJsonlAtomic(workspace.generationsFile('good'), [generation('good', 'p1', game('breakout-particles')), generation('good', 'p2', game('arrows-platformer'))]);
  writeJsonlAtomic(workspace.generationsFile('wrong'), [generation('wrong', 'p1', game('arrows-platformer')), generation('wrong', 'p2', game('arrows-platformer'))]);
  const config = defaultConfig();
  config.select.judge = { ...config.select.judge, kind: 'text', fidelity_weight: 0.7 };
  // a lenient gate (the default 0.5 already turns this platformer down on code evidence alone):
  // the case where only the judge can tell
  config.select.min_fidelity = 0.3;
  const saved = { base: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };
  process.env.ANTHROPIC_BASE_URL = mock.url;
  process.env.ANTHROPIC_API_KEY = 'test-key';
  logger.setQuiet(true);
  try {
    const [good, wrong] = await scoreModels(workspace, config, ['good', 'wrong'], { levels: 'L1', workers: 1, quiet: true, judge: true });
    // the platformer answers p2 for both models: one verdict, paid once
    assert.equal(mock.calls.messages, 3);
    assert.equal(wrong!.pass_rate, 1);
    assert.equal(good!.asked_rate, 1);
    assert.equal(wrong!.judge!.asked_rate_without_judge, 1, 'the code heuristics alone take the platformer for a Breakout');
    assert.equal(wrong!.asked_rate, 0.5);
    assert.deepEqual(wrong!.judge!.gate_changes, { admitted: 0, rejected: 1 });
    assert.ok(wrong!.by_split.iid!.fidelity < 0.3 && good!.by_split.iid!.fidelity > 0.6, `${wrong!.by_split.iid!.fidelity} vs ${good!.by_split.iid!.fidelity}`);
    assert.equal(wrong!.judge!.text!.verdicts, 2);
    assert.equal(wrong!.judge!.text!.judged_now, 1, 'p2 came from the cache');

    const scored = readFileSync(workspace.evalValidatedFile('wrong'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const p1 = scored.find((r) => r.id === 'p1');
    assert.equal(p1.fidelity_parts.text, 0);
    assert.equal(p1.fidelity_parts.weight, 0.7);
    assert.ok(p1.fidelity_parts.heuristic >= 0.3);
    assert.equal(p1.fidelity, Math.round(0.3 * p1.fidelity_parts.heuristic * 1000) / 1000);
    assert.ok(p1.judge_checks.every((item: { verdict: string }) => item.verdict === 'no'));
    const report = JSON.parse(readFileSync(workspace.evalReportFile('wrong'), 'utf8'));
    assert.equal(report.judge.kind, 'text');

    // without --judge: the deterministic figures, no judge block, no call
    const [plain] = await scoreModels(workspace, config, ['wrong'], { levels: 'L1', workers: 1, quiet: true });
    assert.equal(plain!.asked_rate, 1);
    assert.equal(plain!.judge, undefined);
    assert.equal(mock.calls.messages, 3);
  } finally {
    for (const [name, value] of [['ANTHROPIC_BASE_URL', saved.base], ['ANTHROPIC_API_KEY', saved.key]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});
