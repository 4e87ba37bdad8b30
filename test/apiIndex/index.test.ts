// Builds the real index from the installed phaser package once, then checks records and retrieval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Workspace, countTokens, defaultConfig, readJsonlSync } from '../../src/core/index.js';
import { apiDocSchema } from '../../src/schemas/index.js';
import { buildApiContext, buildApiIndex, loadApiIndex, loadGlossary, type ApiIndex, type ApiIndexBuildResult } from '../../src/apiIndex/index.js';
import { defaultRetrievalSetFile, loadRetrievalSet, relevantIds } from '../../src/apiIndex/retrievalSet.js';
import { tempDir } from '../helpers/cli.js';

let workspace: { dir: string; cleanup: () => void };
let built: ApiIndexBuildResult;
let index: ApiIndex;

before(() => {
  workspace = tempDir('phaser-sft-apiindex-');
  built = buildApiIndex(new Workspace(workspace.dir), defaultConfig());
  index = loadApiIndex(built.file);
});
after(() => workspace.cleanup());

test('Velocity#setVelocity is indexed with its params, signature and the classes that inherit it', () => {
  const doc = index.get('Phaser.Physics.Arcade.Components.Velocity#setVelocity');
  assert.ok(doc);
  assert.equal(doc.kind, 'function');
  assert.equal(doc.signature, 'setVelocity(x: number, y?: number): this');
  assert.deepEqual(doc.params.map((p) => [p.name, p.type, p.optional, p.default]), [['x', 'number', false, null], ['y', 'number', true, 'x']]);
  assert.match(doc.params[0].description, /horizontal velocity/);
  assert.ok(doc.inherited_by?.includes('Phaser.Physics.Arcade.Sprite'));
  assert.ok(doc.inherited_by?.includes('Phaser.Physics.Arcade.Image'));
});

test('inherited members are kept once; a subclass id resolves to the record it inherits', () => {
  const ids = index.docs.map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  assert.ok(!ids.includes('Phaser.Physics.Arcade.Sprite#setVelocity'));
  assert.equal(index.get('Phaser.Physics.Arcade.Sprite#setVelocity')?.id, 'Phaser.Physics.Arcade.Components.Velocity#setVelocity');
  assert.equal(index.get('Phaser.Cameras.Scene2D.Camera#setBounds')?.id, 'Phaser.Cameras.Scene2D.BaseCamera#setBounds');
  assert.ok(index.membersOf('Phaser.Physics.Arcade.Sprite').includes('setVelocity'));
  assert.ok(index.membersOf('KeyboardPlugin').includes('createCursorKeys'));
  assert.ok(built.inherited_links > 10_000);
  assert.ok(index.docs.length < 10_000, 'no copies per subclass');
});

test('every line of the index matches the api doc schema; private doclets are gone; the report has counts by kind', () => {
  const rows = readJsonlSync(built.file, { schema: apiDocSchema });
  assert.equal(rows.length, built.records);
  assert.ok(index.docs.every((d) => d.access !== 'private'));
  const report = JSON.parse(readFileSync(built.report_file, 'utf8'));
  assert.equal(report.stage, 'api_index');
  assert.equal(report.counts.records, built.records);
  assert.ok(report.counts_by_kind.function > 3000 && report.counts_by_kind.class > 200);
  assert.equal(typeof report.timings_ms.total, 'number');
  assert.equal(report.settings.phaser_version, built.phaser_version);
  assert.ok(!existsSync(built.file + '.tmp'), 'no temp file left');
});

test('a Chinese jump request finds vertical velocity and a keyboard API', () => {
  const ids = index.search('玩家按空格键跳跃', { k: 10 }).map((h) => h.doc.id);
  assert.ok(ids.includes('Phaser.Physics.Arcade.Components.Velocity#setVelocityY'), ids.join('\n'));
  assert.ok(ids.some((id) => /Keyboard/.test(id)), 'a keyboard API');
});

test('a Chinese collision request puts the arcade collider into the API context', () => {
  const ids = index.search('玩家和平台碰撞', { k: 24 }).map((h) => h.doc.id);
  assert.ok(ids.includes('Phaser.Physics.Arcade.Factory#collider'), ids.join('\n'));
  assert.ok(ids.includes('Phaser.Physics.Arcade.Factory#staticGroup'), ids.join('\n'));
  const context = buildApiContext(index, { query: '小球碰撞到砖块', mechanics: ['碰撞'], tokenBudget: 1500 });
  assert.ok(context.api_refs.includes('Phaser.Physics.Arcade.Factory#collider'), context.api_refs.join('\n'));
});

test('Chinese camera-follow and English code queries hit the canonical API first', () => {
  assert.equal(index.search('镜头跟随玩家', { k: 3 })[0].doc.id, 'Phaser.Cameras.Scene2D.Camera#startFollow');
  assert.equal(index.search('createCursorKeys', { k: 1 })[0].doc.id, 'Phaser.Input.Keyboard.KeyboardPlugin#createCursorKeys');
  assert.deepEqual(index.search('', { k: 5 }), []);
});

test('mechanics tags act as extra query terms', () => {
  const plain = index.search('一个小游戏', { k: 10 }).map((h) => h.doc.id);
  const tagged = index.search('一个小游戏', { k: 10, extraTerms: ['camera_follow', '粒子'] }).map((h) => h.doc.id);
  assert.ok(!plain.includes('Phaser.Cameras.Scene2D.Camera#startFollow'));
  assert.ok(tagged.includes('Phaser.Cameras.Scene2D.Camera#startFollow'), tagged.join('\n'));
  assert.ok(tagged.some((id) => id.includes('Particles')));
});

test('each mechanics tag gets its own docs into the context, even when the request text is about something else', () => {
  const query = '平台跳跃游戏：方向键左右移动，空格跳跃，踩到敌人得分';
  const without = buildApiContext(index, { query, tokenBudget: 1500 });
  const withTags = buildApiContext(index, { query, mechanics: ['particles', 'timers'], tokenBudget: 1500 });
  assert.ok(!without.api_refs.some((id) => id.includes('Particles')));
  assert.ok(withTags.api_refs.some((id) => id.includes('Particles')), withTags.api_refs.join('\n'));
  assert.ok(withTags.api_refs.some((id) => id.startsWith('Phaser.Time.')), withTags.api_refs.join('\n'));
  assert.ok(withTags.api_refs.includes('Phaser.Physics.Arcade.Components.Velocity#setVelocityY'), 'the request itself is still served');
});

test('did you mean: real member names for invented ones', () => {
  assert.equal(index.didYouMean('setVelocty', { memberOf: 'Phaser.Physics.Arcade.Sprite' })[0], 'setVelocity');
  assert.equal(index.didYouMean('createCursorKey', { memberOf: 'KeyboardPlugin' })[0], 'createCursorKeys');
  assert.equal(index.didYouMean('setvelocityx')[0], 'setVelocityX');
  assert.ok(index.didYouMean('addColider', { limit: 5 }).includes('addCollider'));
  assert.ok(index.hasMemberName('startFollow'));
  assert.ok(!index.hasMemberName('followPlayerSmoothly'));
});

test('the context builder respects the budget, lists each doc once, and returns ids and the real token count', () => {
  for (const tokenBudget of [120, 400, 1500]) {
    const context = buildApiContext(index, { query: '平台跳跃游戏：方向键移动，空格跳跃，收集金币计分，镜头跟随', mechanics: ['jump', 'collect'], tokenBudget });
    assert.ok(context.tokens <= tokenBudget, `${context.tokens} <= ${tokenBudget}`);
    assert.equal(context.tokens, countTokens(context.text));
    assert.ok(context.api_refs.length > 0);
    assert.equal(new Set(context.api_refs).size, context.api_refs.length, 'no duplicate ids');
    const lines = context.text.split('\n').filter((l) => l && !l.startsWith('//'));
    assert.equal(new Set(lines).size, lines.length, 'no duplicate lines');
    assert.equal(lines.length, context.api_refs.length, 'one line per doc');
    for (const id of context.api_refs) assert.ok(index.get(id), id);
  }
  const big = buildApiContext(index, { query: '镜头跟随', tokenBudget: 1500 });
  assert.ok(big.text.includes('// Phaser.Cameras.Scene2D.Camera (this.cameras.main)'), 'grouped under the class with how a scene reaches it');
  assert.ok(big.text.includes('startFollow('));
  assert.deepEqual(buildApiContext(index, { query: '镜头跟随', tokenBudget: 1 }), { text: '', api_refs: [], tokens: 0 });
});

test('the labelled retrieval sets name only ids that exist in the index, half of them Chinese', () => {
  const queries = loadRetrievalSet();
  assert.ok(queries.length >= 60);
  assert.ok(queries.filter((q) => q.lang === 'zh').length >= queries.length / 2);
  const heldOut = loadRetrievalSet(join(dirname(defaultRetrievalSetFile), 'queries_heldout.jsonl'));
  const ids = new Set(index.docs.map((d) => d.id));
  const missing = [...queries, ...heldOut].flatMap((q) => relevantIds(q).filter((id) => !ids.has(id)).map((id) => `${q.id}: ${id}`));
  assert.deepEqual(missing, []);
});

test('every API word in the glossary is a real Phaser name', () => {
  const known = new Set<string>();
  for (const doc of index.docs) {
    known.add(doc.name.toLowerCase());
    if (doc.event_name) known.add(doc.event_name.toLowerCase());
    for (const p of [...doc.params, ...(doc.properties ?? [])]) known.add(p.name.toLowerCase());
    for (const part of doc.id.split(/[.#:]/)) known.add(part.toLowerCase());
  }
  const unknown = loadGlossary().terms.flatMap((t) => t.api.filter((api) => !known.has(api.toLowerCase())).map((api) => `${t.zh[0]}: ${api}`));
  assert.deepEqual(unknown, []);
});
