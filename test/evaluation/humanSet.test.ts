// The reviewer's rubric asks only about what the request asked for (the elements fidelity
// checks), and every item says what 0, 1 and 2 look like in the prompt's own language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rubricFor } from '../../src/evaluation/humanSet.js';
import { requestOf } from '../../src/evaluation/records.js';
import { requestedElements } from '../../src/validate/index.js';
import { evalPromptRecord } from '../helpers/records.js';

const CJK = /[\u4e00-\u9fff]/;
const ids = (prompt: Parameters<typeof rubricFor>[0]) => rubricFor(prompt).map((item) => item.id);

const cases = [
  { name: 'a bare zh snake request', prompt: evalPromptRecord({ prompt: '做个贪吃蛇', lang: 'zh', genre: 'snake' }), has: ['runs', 'matches_request', 'mechanic:keyboard', 'mechanic:grid_logic'], lacks: ['mechanic:timers', 'controls', 'mechanic:lives'] },
  { name: 'a zh snake request with a time limit', prompt: evalPromptRecord({ prompt: '贪吃蛇，限时60秒，时间到就结束', lang: 'zh', genre: 'snake' }), has: ['mechanic:timers'], lacks: [] },
  { name: 'an en request listing its mechanics', prompt: evalPromptRecord({ prompt: 'A breakout with particles', genre: 'breakout', mechanics: ['collisions', 'particles'] }), has: ['mechanic:collisions', 'mechanic:particles', 'controls'], lacks: ['mechanic:keyboard', 'mechanic:timers'] },
];

for (const c of cases) {
  test(`rubric follows the request: ${c.name}`, () => {
    const items = ids(c.prompt);
    for (const id of c.has) assert.ok(items.includes(id), `${id} in ${items.join(',')}`);
    for (const id of c.lacks) assert.ok(!items.includes(id), `${id} not in ${items.join(',')}`);
    // one source of truth: the mechanic items are exactly what fidelity checks
    assert.deepEqual(items.filter((id) => id.startsWith('mechanic:')).map((id) => id.slice('mechanic:'.length)), requestedElements(requestOf(c.prompt)));
  });
}

test('every item has three anchors, in the prompt language', () => {
  for (const lang of ['zh', 'en'] as const) {
    const prompt = evalPromptRecord({ prompt: lang === 'zh' ? '做个贪吃蛇，有三条命，吃到道具会加速' : 'A snake with 3 lives and power-ups', lang, genre: 'snake' });
    for (const item of rubricFor(prompt)) {
      assert.equal(item.anchors.length, 3, item.id);
      assert.equal(new Set(item.anchors).size, 3, `${item.id}: 0, 1 and 2 differ`);
      for (const text of [item.question, ...item.anchors]) assert.equal(CJK.test(text), lang === 'zh', `${lang} ${item.id}: ${text}`);
    }
  }
});
