// The text judge's prompt and reply, and how a judge's score blends into fidelity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendFidelity, judgeChecklist, parseTextVerdicts, textPrompt, textScore, type TextItem } from '../../src/judge/index.js';
import { requestedElements } from '../../src/validate/index.js';
import { judgeStatements, textJudgeReply } from '../helpers/judgeReplies.js';

const request = { prompt: 'Breakout with particles when the ball hits a brick; arrow keys move the paddle; show the score' };
const checklist = judgeChecklist('text', request);

test('text checklist: "is the game asked for", then one statement per requested element; the prompt carries request, plan and code', () => {
  assert.equal(checklist.length, 1 + requestedElements(request).length);
  assert.match(checklist[0]!, /the game that was asked for/);
  assert.ok(checklist.some((s) => /Particle/.test(s)) && checklist.some((s) => /keyboard/.test(s)));
  const prompt = textPrompt(request.prompt, '- Scenes: one', 'new Phaser.Game({});', checklist);
  for (const part of [request.prompt, '- Scenes: one', 'new Phaser.Game({});']) assert.ok(prompt.includes(part), part);
  assert.deepEqual(judgeStatements(prompt), checklist);
  assert.match(textPrompt(request.prompt, '', 'x', checklist), /\(no plan given\)/);
  assert.match(textPrompt(request.prompt, '', 'x'.repeat(50_000), checklist), /cut: 2000 more characters/);
});

const items = (verdicts: string[]) => JSON.stringify({ items: verdicts.map((verdict, i) => ({ n: i + 1, verdict, evidence: `e${i}` })) });
const three = ['a', 'b', 'c'];

test('text judge replies are checked with zod: one valid item per statement, in order, or unreadable (null)', () => {
  const cases: [string, string, TextItem['verdict'][] | null][] = [
    ['plain JSON', items(['yes', 'partly', 'no']), ['yes', 'partly', 'no']],
    ['in a fence, after prose', `Here you go:\n\`\`\`json\n${items(['no', 'no', 'yes'])}\n\`\`\``, ['no', 'no', 'yes']],
    ['evidence left out', JSON.stringify({ items: [{ n: 1, verdict: 'yes' }, { n: 2, verdict: 'yes' }, { n: 3, verdict: 'no' }] }), ['yes', 'yes', 'no']],
    ['one item short', items(['yes', 'no']), null],
    ['items out of order', JSON.stringify({ items: [{ n: 2, verdict: 'yes' }, { n: 1, verdict: 'yes' }, { n: 3, verdict: 'yes' }] }), null],
    ['a verdict off the scale', items(['yes', 'maybe', 'no']), null],
    ['booleans (the vision format)', '{"answers": [true, false, true]}', null],
    ['not JSON', 'It looks like a fine game.', null],
    ['broken JSON', '{"items": [{"n": 1, "verdict": "yes"', null],
  ];
  for (const [name, reply, expected] of cases) {
    const parsed = parseTextVerdicts(reply, three);
    assert.deepEqual(parsed?.map((item) => item.verdict) ?? null, expected, name);
    if (parsed) assert.deepEqual(parsed.map((item) => item.statement), three, name);
  }
  assert.deepEqual(parseTextVerdicts(textJudgeReply(textPrompt('x', '', 'y', three)), three)?.length, 3);
});

test('text score: yes 1, partly 0.5, no 0, averaged', () => {
  const of = (verdicts: TextItem['verdict'][]) => textScore(verdicts.map((verdict) => ({ statement: 's', verdict, evidence: '' })));
  assert.equal(of(['yes', 'yes']), 1);
  assert.equal(of(['yes', 'partly', 'no', 'no']), 0.375);
  assert.equal(of([]), 0);
});

test('blend: fidelity = (1 − w) × heuristic + w × judge (mean of the kinds); without a judge score, the heuristic alone', () => {
  const cases: [string, number, { text?: number; vision?: number }, number, number, number | null][] = [
    // name, heuristic, scores, weight → fidelity, judge
    ['weight 0: heuristic only', 0.8, { text: 0.2 }, 0, 0.8, 0.2],
    ['half and half', 0.8, { text: 0.2 }, 0.5, 0.5, 0.2],
    ['judge only', 0.8, { text: 0.2 }, 1, 0.2, 0.2],
    ['both kinds averaged', 0.6, { text: 1, vision: 0.5 }, 0.5, 0.675, 0.75],
    ['no judge score', 0.6, {}, 0.5, 0.6, null],
  ];
  for (const [name, heuristic, scores, weight, fidelity, judge] of cases) {
    const blended = blendFidelity(heuristic, scores, weight);
    assert.equal(blended.fidelity, fidelity, name);
    assert.equal(blended.parts.heuristic, heuristic, name);
    assert.equal(blended.parts.judge, judge, name);
    assert.equal(blended.parts.weight, judge === null ? 0 : weight, name);
  }
});
