// eval score's headline: passes validation AND does what was asked. A model that answers every
// prompt with the same unrelated (but working) game passes everything and does almost nothing asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreModel, type ScoredGeneration } from '../../src/evaluation/scoreReport.js';
import { measureFidelity } from '../../src/validate/index.js';
import type { Validation } from '../../src/schemas/index.js';

const pass = { passed: true, skipped: false, issues: [] };
const validation: Validation = { code_hash: 'h', validator_version: 'v', passed: true, levels: { L1: pass, L2: pass, L3: pass }, runtime: null };
const prompts = [
  { id: 'a', prompt: 'A platformer: arrow keys move the hero, jump under gravity, score shown on screen', lang: 'en' as const, genre: 'platformer', split: 'iid' as const, mechanics: [], difficulty: null, source: 'template' as const, seed_id: null, ood_kind: null },
  { id: 'b', prompt: '打砖块：球碰到砖块时有粒子特效，用方向键移动挡板，显示分数', lang: 'zh' as const, genre: 'breakout', split: 'ood' as const, mechanics: [], difficulty: null, source: 'template' as const, seed_id: null, ood_kind: null },
];
const matched: Record<string, string> = {
  a: "this.cursors = this.input.keyboard.createCursorKeys(); this.physics.world.gravity.y = 300; this.player.setVelocityY(-300); this.physics.add.collider(p, g); this.add.text(0, 0, 'Score: 0'); score += 1;",
  b: "this.physics.add.collider(ball, bricks, hit); this.add.particles(0, 0, 'spark'); this.input.keyboard.createCursorKeys(); this.add.text(0,0,'Score'); score += 10;",
};
const random = 'this.add.circle(100, 100, 20, 0xffffff); this.add.rectangle(1, 2, 3, 4);';

function items(code: (id: string) => string): ScoredGeneration[] {
  return prompts.map((prompt) => ({ prompt, answered: true, parsed: true, truncated: false, output_tokens: 10, validation, fidelity: measureFidelity({ prompt: prompt.prompt, genre: prompt.genre }, code(prompt.id), null) }));
}

test('a random working game for every prompt: 100% pass rate, a low headline rate and fidelity', () => {
  const good = scoreModel('good', items((id) => matched[id]), ['L1', 'L2', 'L3']);
  const bad = scoreModel('random', items(() => random), ['L1', 'L2', 'L3']);
  assert.equal(bad.pass_rate, 1);
  assert.equal(bad.asked_rate, 0);
  assert.equal(good.asked_rate, 1);
  assert.ok(good.fidelity > 2 * bad.fidelity, `${good.fidelity} vs ${bad.fidelity}`);
  assert.ok(good.by_split.ood.fidelity > bad.by_split.ood.fidelity && good.by_lang.zh.asked_rate === 1);
  assert.ok(good.by_genre.breakout.fidelity > 0);
});
