import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Workspace, defaultConfig, normalizeText, writeJsonlAtomic } from '../../src/core/index.js';
import { buildEvalSet } from '../../src/evaluation/buildEvalSet.js';
import { NgramOverlapIndex, isMostlyCjk } from '../../src/evaluation/ngramOverlap.js';
import type { Seed } from '../../src/schemas/index.js';
import { withTempDir } from '../helpers/tempDir.js';

const GENRES = ['platformer', 'snake', 'breakout', 'maze', 'rhythm', 'sports'];
const MECHANICS: Record<string, string[]> = {
  platformer: ['gravity_jump', 'collisions', 'keyboard', 'scoring'],
  snake: ['keyboard', 'grid_logic', 'collisions', 'scoring'],
  breakout: ['collisions', 'scoring', 'lives'],
  maze: ['keyboard', 'collisions', 'tilemap_array'],
  rhythm: ['keyboard', 'timers', 'scoring'],
  sports: ['collisions', 'scoring', 'enemy_ai'],
};
const EN_SUBJECTS = ['a robot', 'a wizard', 'a penguin', 'a knight', 'a frog', 'a pirate', 'an astronaut', 'a chef'];
const ZH_SUBJECTS = ['机器人', '魔法师', '企鹅', '骑士', '青蛙', '海盗', '宇航员', '厨师'];

function seeds(): Seed[] {
  const out: Seed[] = [];
  GENRES.forEach((genre, g) => {
    for (let i = 0; i < 8; i++) {
      const lang = i % 2 === 0 ? 'en' : 'zh';
      const prompt =
        lang === 'en'
          ? `Number ${g * 8 + i}: build a ${genre} starring ${EN_SUBJECTS[i]} with ${i + 2} ${['coins', 'gems', 'stars', 'keys'][i % 4]} to find, level ${g}-${i}.`
          : `第${g * 8 + i}号：做一个${genre}游戏，主角是${ZH_SUBJECTS[i]}，要收集${i + 2}个${['金币', '宝石', '星星', '钥匙'][i % 4]}，第${g}-${i}关。`;
      out.push({ id: `seed-${genre}-${i}`, prompt, lang, genre, mechanics: MECHANICS[genre], difficulty: 'medium', source: 'curated' });
    }
  });
  return out;
}

const sample = (instruction: string, output = '[PLAN]\nA plan.\n```javascript\nnew Phaser.Game({});\n```') => ({ instruction, input: '', output, system: 'You write Phaser 3 games.' });

test('eval build: iid prompts are held-out seeds, no eval prompt overlaps train, contamination is reported', async (t) => {
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  const all = seeds();
  writeJsonlAtomic(workspace.seedsFile, all);
  // Train: seeds 0..4 of the trained genres (rhythm and sports are held out, as the config says).
  const trained = all.filter((s) => !['rhythm', 'sports'].includes(s.genre) && Number(s.id.split('-').pop()) < 5);
  const heldOut = all.filter((s) => !trained.includes(s));
  const quoted = heldOut.find((s) => s.genre === 'snake' && s.lang === 'en')!;
  const paraphrased = heldOut.find((s) => s.genre === 'maze' && s.lang === 'zh')!;
  const train = [
    ...trained.map((s) => sample(s.prompt)),
    // A train answer that quotes a held-out prompt in its plan: that prompt must not be an eval prompt.
    sample('Some other request entirely, about clouds.', `[PLAN]\nThe user said: "${quoted.prompt}"\n\`\`\`javascript\nnew Phaser.Game({});\n\`\`\``),
    // A train prompt that is a near copy of a held-out seed (one character changed).
    sample(paraphrased.prompt.replace('做一个', '做个')),
  ];
  writeJsonlAtomic(workspace.splitFile('train'), train);
  const testSeed = heldOut.find((s) => s.genre === 'breakout')!;
  writeJsonlAtomic(workspace.splitFile('test'), [sample(testSeed.prompt)]);
  writeJsonlAtomic(workspace.splitFile('val'), []);

  const config = defaultConfig();
  config.eval.iid_count = 10;
  config.eval.ood_count = 8;
  config.eval.human_count = 6;
  const result = await buildEvalSet(workspace, config);

  const prompts = readFileSync(workspace.evalPromptsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const iid = prompts.filter((p) => p.split === 'iid');
  const ood = prompts.filter((p) => p.split === 'ood');
  assert.equal(iid.length, 10);
  assert.equal(ood.length, 8);
  assert.equal(result.iid, 10);
  const trainedIds = new Set(trained.map((s) => s.id));
  for (const p of iid) {
    assert.ok(p.seed_id && !trainedIds.has(p.seed_id), `iid prompt from a trained seed: ${p.seed_id}`);
    assert.ok(!['rhythm', 'sports'].includes(p.genre));
  }
  // The test-split seed is preferred for iid.
  assert.ok(iid.some((p) => p.seed_id === testSeed.id));
  for (const p of ood) assert.ok(p.ood_kind === 'held_out_genre' ? ['rhythm', 'sports'].includes(p.genre) : p.ood_kind === 'unseen_mechanic_combo');
  assert.ok(ood.some((p) => p.source === 'template'), 'written OOD phrasings are included');
  assert.ok(ood.some((p) => p.lang === 'zh') && ood.some((p) => p.lang === 'en'));

  // The contaminated held-out seeds were removed, for the right reasons.
  assert.ok(!prompts.some((p) => p.seed_id === quoted.id));
  assert.ok(!prompts.some((p) => p.seed_id === paraphrased.id));
  const report = JSON.parse(readFileSync(workspace.evalBuildReportFile, 'utf8'));
  assert.ok(report.decontamination.removed.answer_ngram >= 1);
  assert.ok((report.decontamination.removed.prompt_minhash ?? 0) + (report.decontamination.removed.prompt_ngram ?? 0) >= 1);
  assert.equal(report.counts.iid, 10);

  // Independent check: no eval prompt shares a 13-gram (12 for Chinese) with any train text, nor equals a train prompt.
  const index = new NgramOverlapIndex(prompts.map((p) => p.prompt), (t) => (isMostlyCjk(t) ? 12 : 13));
  const trainPrompts = new Set(train.map((s) => normalizeText(s.instruction)));
  for (const s of train) {
    assert.equal(index.matches(s.instruction).size, 0, `train prompt overlaps an eval prompt: ${s.instruction}`);
    assert.equal(index.matches(s.output).size, 0, 'a train answer overlaps an eval prompt');
  }
  for (const p of prompts) assert.ok(!trainPrompts.has(normalizeText(p.prompt)));

  // Human set: a spread with rubric fields.
  const human = readFileSync(workspace.humanPromptsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(human.length, 6);
  assert.ok(human.some((h) => h.split === 'iid') && human.some((h) => h.split === 'ood'));
  for (const h of human) {
    assert.ok(h.rubric.length >= 5);
    assert.ok(h.rubric.some((r: { id: string }) => r.id === 'matches_request'));
    assert.equal(h.scores, null);
  }

  // Deterministic.
  const before = readFileSync(workspace.evalPromptsFile, 'utf8');
  await buildEvalSet(workspace, config);
  assert.equal(readFileSync(workspace.evalPromptsFile, 'utf8'), before);
});

test('eval build without a training split says to run dataset first', async (t) => {
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  writeJsonlAtomic(workspace.seedsFile, seeds());
  await assert.rejects(buildEvalSet(workspace, defaultConfig()), /run `phaser-sft dataset` first/);
});

test('n-gram overlap finds a quoted span and ignores shared short phrases', () => {
  const index = new NgramOverlapIndex(['make a platformer where a small fox jumps over spinning saws and collects every golden acorn'], () => 13);
  assert.equal(index.matches('blah blah: a platformer where a small fox jumps over spinning saws and collects every golden acorn!').size, 1);
  assert.equal(index.matches('make a platformer where a small fox jumps').size, 0);
  const zh = new NgramOverlapIndex(['做一个贪吃蛇游戏，吃到苹果变长，撞墙游戏结束'], () => 12);
  assert.equal(zh.matches('计划：做一个贪吃蛇游戏，吃到苹果变长，撞墙').size, 1);
  assert.equal(zh.matches('做一个贪吃蛇游戏').size, 0);
});
