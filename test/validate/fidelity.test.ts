// Request fidelity: each requested element → evidence (probes, code, APIs) or missing. The
// evidence test runs the fixture games in L4 and scores every (request, game) pair of
// test/fixtures/fidelity/pairs.json: the matched game must out-score the mismatched ones.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findBrowser, type RuntimeLevel } from '../../src/validate/runtime/index.js';
import { measureFidelity, requestedElements } from '../../src/validate/fidelity/index.js';
import type { Probes } from '../../src/schemas/index.js';
import { fixtureRuntimeLevel } from '../helpers/runtimeLevel.js';

const games = new URL('../fixtures/games/probes/', import.meta.url).pathname;
const pairs = JSON.parse(readFileSync(new URL('../fixtures/fidelity/pairs.json', import.meta.url), 'utf8')) as { requests: { id: string; prompt: string; game: string }[] };
const gameNames = ['arrows-platformer', 'click-only', 'starfield', 'two-scenes', 'breakout-particles', 'fakes-probes'];
const browser = findBrowser();
const skip = browser.found ? false : `no browser: ${browser.reason}`;
let level: RuntimeLevel;
const probes = new Map<string, Probes | null>();
const code = (name: string) => readFileSync(`${games}${name}.js`, 'utf8');

before(async () => {
  if (skip) return;
  level = await fixtureRuntimeLevel();
  await Promise.all(gameNames.map(async (name) => probes.set(name, (await level.check({ code: code(name), codeHash: name })).runtime?.probes ?? null)));
});
after(async () => {
  if (!skip) await level.close();
});

test('what was asked: the seed mechanics when given, else inferred from the prompt in English or Chinese', () => {
  assert.deepEqual(requestedElements({ prompt: 'anything', mechanics: ['keyboard', 'scoring'] }), ['keyboard', 'scoring']);
  const en = requestedElements({ prompt: 'Breakout with particles when the ball hits a brick' });
  for (const m of ['collisions', 'scoring', 'particles']) assert.ok(en.includes(m), `${m} in ${en}`);
  const zh = requestedElements({ prompt: '用方向键控制角色跳跃，显示分数' });
  for (const m of ['keyboard', 'gravity_jump', 'scoring']) assert.ok(zh.includes(m), `${m} in ${zh}`);
});

test('code evidence alone when L4 did not run; an element with nothing is missing', () => {
  const result = measureFidelity({ prompt: 'x', mechanics: ['keyboard', 'particles'] }, 'this.cursors = this.input.keyboard.createCursorKeys();', null);
  assert.equal(result.fidelity_checks[0].source, 'code');
  assert.equal(result.fidelity_checks[1].source, null);
  assert.equal(result.fidelity_checks[1].evidence, null);
  assert.ok(result.fidelity > 0 && result.fidelity < 0.5);
});

test('matched games out-score mismatched ones; an arrow-key request answered by a click-only game, particles by a star field: low', { skip }, () => {
  let wins = 0;
  let comparisons = 0;
  const matched: number[] = [];
  const mismatched: number[] = [];
  for (const request of pairs.requests) {
    const own = measureFidelity(request, code(request.game), probes.get(request.game)).fidelity;
    matched.push(own);
    for (const name of gameNames) {
      if (name === request.game) continue;
      const other = measureFidelity(request, code(name), probes.get(name)).fidelity;
      mismatched.push(other);
      comparisons++;
      if (own > other) wins++;
    }
  }
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  console.log(`fidelity pairs: matched beats mismatched ${wins}/${comparisons}; mean matched ${mean(matched).toFixed(3)}, mismatched ${mean(mismatched).toFixed(3)}`);
  assert.ok(wins / comparisons >= 0.9, `${wins}/${comparisons}`);
  assert.ok(mean(mismatched) < 0.5 * mean(matched), `${mean(mismatched)} vs ${mean(matched)}`);
  const arrows = measureFidelity({ prompt: 'Move the ship with the arrow keys', mechanics: ['keyboard'] }, code('click-only'), probes.get('click-only'));
  assert.ok(arrows.fidelity < 0.3, JSON.stringify(arrows));
  assert.equal(arrows.fidelity_checks[0].source, null, 'no key registered, none seen');
  const sparks = measureFidelity({ prompt: 'particles when the ball hits a brick' }, code('starfield'), probes.get('starfield'));
  assert.ok(sparks.fidelity < 0.3, JSON.stringify(sparks));
});

test('hostile: a game faking keys, texts and colliders gets no probe evidence for them', { skip }, () => {
  const result = measureFidelity({ prompt: 'x', mechanics: ['keyboard', 'scoring', 'collisions'] }, code('fakes-probes'), probes.get('fakes-probes'));
  for (const check of result.fidelity_checks) assert.notEqual(check.source, 'probe', JSON.stringify(check));
  assert.ok(result.fidelity < 0.4, JSON.stringify(result));
});
