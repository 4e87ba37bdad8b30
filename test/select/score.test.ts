import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/index.js';
import { combineScore, effectiveWeights, ineligibleReason, scoreParts, sizeScore } from '../../src/select/index.js';
import { apiUsage, codeIdentifiers, mechanicsCoverage, planConsistency, planShape } from '../../src/select/signals.js';
import { PLAN, makeRequest, makeSeed, makeValidated } from './records.js';

const settings = defaultConfig().select;
const seed = makeSeed('s1', { mechanics: ['score', 'timer', 'teleport'] });
const request = makeRequest(seed, 0, ['Phaser.GameObjects.GameObjectFactory#rectangle', 'Phaser.Physics.Arcade.Sprite#setVelocity', 'Phaser.Time.Clock#addEvent']);

test('a failed record is never eligible; L4 skipped is rejected by default, allowed on request', () => {
  const failed = makeValidated(request, 1, { passed: false, levels: { L1: { passed: false, skipped: false, issues: [] } } });
  assert.equal(ineligibleReason(failed, settings), 'failed_validation');
  const skipped = makeValidated(request, 2, { runtime: null, levels: { L1: { passed: true, skipped: false, issues: [] }, L4: { passed: true, skipped: true, issues: [] } } });
  assert.equal(ineligibleReason(skipped, settings), 'l4_skipped');
  assert.equal(ineligibleReason(skipped, { ...settings, on_l4_skipped: 'allow' }), undefined);
  const staticOnly = makeValidated(request, 3, { runtime: null, levels: { L1: { passed: true, skipped: false, issues: [] } } });
  assert.equal(ineligibleReason(staticOnly, settings), undefined, 'a run without L4 at all is eligible');
  assert.equal(ineligibleReason(makeValidated(request, 4, { code: '  ' }), settings), 'empty_code');
});

test('score parts reward runtime evidence, and unmeasured runtime scores 0', () => {
  const weights = effectiveWeights(settings);
  const good = makeValidated(request, 1);
  const staticOnly = makeValidated(request, 1, { runtime: null, levels: { L1: good.levels.L1, L2: good.levels.L2, L3: good.levels.L3 } });
  const goodParts = scoreParts(good, { seed, request }, settings);
  const staticParts = scoreParts(staticOnly, { seed, request }, settings);
  assert.equal(goodParts.levels, 1);
  assert.equal(staticParts.levels, 0.75);
  assert.equal(staticParts.fps, 0);
  assert.equal(staticParts.animated, 0);
  assert.ok(combineScore(goodParts, weights) > combineScore(staticParts, weights));
  for (const value of Object.values(goodParts)) assert.ok(value >= 0 && value <= 1);
  assert.equal(goodParts.judge, undefined, 'no judge part without --judge');
  assert.equal(scoreParts(good, { seed, request, judge: 0.5 }, settings).judge, 0.5);

  const slowWithWarnings = makeValidated(request, 1, {
    runtime: { ...good.runtime!, fps: 12, errors: ['TypeError: x is undefined'], responds_to_input: false },
    levels: { ...good.levels, L2: { passed: true, skipped: false, issues: [{ code: 'TS2339', message: 'm', line: 1, column: 1, severity: 'warning' }] } },
  });
  const parts = scoreParts(slowWithWarnings, { seed, request }, settings);
  assert.equal(parts.fps, 0.4);
  assert.equal(parts.runtime_clean, 0.5);
  assert.equal(parts.responds_to_input, 0);
  assert.equal(parts.warnings, 0.75);
  assert.ok(combineScore(parts, weights) < combineScore(goodParts, weights));
});

test('weights come from config; a zero weight turns a part off', () => {
  const parts = { fps: 1, size: 0 };
  assert.equal(combineScore(parts, { fps: 1, size: 1 }), 0.5);
  assert.equal(combineScore(parts, { fps: 1, size: 0 }), 1);
  assert.equal(effectiveWeights({ ...settings, weights: { fps: 7 } }).fps, 7);
  assert.equal(effectiveWeights({ ...settings, weights: { fps: 7 } }).levels, 2);
});

test('size band, plan shape, plan/code agreement, mechanics and request APIs', () => {
  assert.equal(sizeScore(100, [60, 600]), 1);
  assert.equal(sizeScore(45, [60, 600]), 0.5);
  assert.equal(sizeScore(10, [60, 600]), 0);
  assert.equal(sizeScore(900, [60, 600]), 0.5);
  assert.equal(planShape(PLAN), 1);
  assert.equal(planShape(''), 0);
  assert.equal(planShape('- 场景：一个\n- 操作：方向键\n- 目标：活下去'), 0.5);

  const code = 'this.add.rectangle(1,2,3,4); this.player.setVelocity(3); this.time.addEvent({}); score += 1;';
  const ids = codeIdentifiers(code);
  assert.equal(planConsistency('Uses this.add.rectangle, setVelocity and this.cameras.main.shake', ids), 2 / 3);
  assert.equal(planConsistency('no api names here', ids), undefined);
  assert.equal(mechanicsCoverage(['score', 'timer', 'teleport'], code, ids), 2 / 3);
  assert.equal(mechanicsCoverage([], code, ids), undefined);
  assert.equal(apiUsage(request.api_refs, ids, 6), 1);
  assert.equal(apiUsage(['Phaser.Tweens.TweenManager#add', 'Phaser.Cameras.Scene2D.Camera#shake'], ids, 6), 0.5);
  assert.equal(apiUsage([], ids, 6), undefined);
});
