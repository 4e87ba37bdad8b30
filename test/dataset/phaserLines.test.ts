// dataset.phaser_lines: an answer counts for the line its request asked for, only when it passed
// on that line, and its system prompt names that line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempWorkspace } from '../helpers/workspace.js';
import { requestRecord, seedRecord } from '../helpers/records.js';
import { defaultConfig, sha256, type PhaserLine } from '../../src/core/index.js';
import { selectedSchema, type Compat, type LineVerdict, type Selected } from '../../src/schemas/index.js';
import { selectedSamples, studentSystemPrompt } from '../../src/dataset/inputs.js';

const verdict = (result: LineVerdict['result']): LineVerdict => ({ result, failed_level: result === 'pass' ? null : 'L2', code: result === 'pass' ? null : 'api_removed_in_v4', validator_version: 'v' });

function selected(index: number, compat: Compat | undefined, own: PhaserLine): Selected {
  const code = `new Phaser.Game({ scene: { create() { this.add.text(0, 0, '${index}'); } } });`;
  return selectedSchema.parse({
    candidate_id: `cand-${index}`, request_id: `req-${index}`, seed_id: `seed-${index}`, plan: 'plan', code, code_hash: sha256(code),
    code_path: `data/sft_distill/codes/${index}.js`, parse_errors: [], validator_version: 'v', phaser_version: own, passed: true,
    levels: {}, runtime: null, score: 1, score_parts: {}, rank: index + 1, ...(compat ? { compat } : {}),
  });
}

test('both lines kept: a v3-only answer to a v4 request is no sample; prompts name the asked line', async (t) => {
  const records = [
    selected(0, { '3': verdict('pass'), '4': verdict('fail') }, '3'), // asked for 3, passes 3
    selected(1, { '3': verdict('pass'), '4': verdict('fail') }, '4'), // asked for 4, v3-only code
    selected(2, { '3': verdict('pass'), '4': verdict('pass') }, '4'), // asked for 4, passes both
    selected(3, undefined, '4'), // no compat: its own verdict was for 4
  ];
  const asked: PhaserLine[] = ['3', '4', '4', '4'];
  const requests = records.map((r, i) => requestRecord({ request_id: r.request_id, seed_id: r.seed_id, user: `make game ${i}`, phaser_version: asked[i] }));
  const seeds = records.map((r) => seedRecord({ id: r.seed_id }));
  const workspace = tempWorkspace(t, { selected: records, requests, seeds });
  const config = defaultConfig();
  const prompts = { '3': studentSystemPrompt(workspace, config, '3'), '4': studentSystemPrompt(workspace, config, '4') };
  assert.match(prompts['3'], /Phaser 3\.90/);
  assert.match(prompts['4'], /Phaser 4\.2/);
  const seedMap = new Map(seeds.map((s) => [s.id, s]));
  const requestMap = new Map(requests.map((r) => [r.request_id, r]));
  const both = await selectedSamples(workspace, { configLine: '3', lines: ['3', '4'], systemFor: (line) => prompts[line] }, seedMap, requestMap);
  assert.deepEqual(both.map((s) => [s.meta.candidate_id, s.conversation.system === prompts['4'] ? '4' : '3']), [['cand-0', '3'], ['cand-2', '4'], ['cand-3', '4']]);

  const onlyFour = await selectedSamples(workspace, { configLine: '3', lines: ['4'], systemFor: (line) => prompts[line] }, seedMap, requestMap);
  assert.deepEqual(onlyFour.map((s) => s.meta.candidate_id), ['cand-2', 'cand-3']);

  // absent: every answer, one prompt (the config line's), as before
  const all = await selectedSamples(workspace, { configLine: '3', systemFor: (line) => prompts[line] }, seedMap, requestMap);
  assert.equal(all.length, 4);
  assert.ok(all.every((s) => s.conversation.system === prompts['3']));
});

test('dataset.phaser_lines: absent by default; only 3 and 4, at least one', async () => {
  const { configSchema } = await import('../../src/core/config/index.js');
  assert.equal(defaultConfig().dataset.phaser_lines, undefined);
  assert.equal(configSchema.safeParse({ dataset: { phaser_lines: ['4', '3'] } }).success, true);
  assert.equal(configSchema.safeParse({ dataset: { phaser_lines: ['5'] } }).success, false);
  assert.equal(configSchema.safeParse({ dataset: { phaser_lines: [] } }).success, false);
});
