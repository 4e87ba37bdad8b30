import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/index.js';
import { Glossary, loadGlossary } from '../../src/apiIndex/index.js';
import { withTempDir } from '../helpers/tempDir.js';

const glossary = loadGlossary();

test('the bundled glossary has at least 150 entries covering core game terms', () => {
  assert.ok(glossary.terms.length >= 150, `${glossary.terms.length} entries`);
  for (const zh of ['跳跃', '重力', '碰撞', '粒子', '计分', '镜头跟随', '补间', '计时器', '拖拽', '关卡']) {
    const [segment] = glossary.segment(zh);
    assert.equal(segment.text, zh, `${zh} is one glossary term`);
    assert.ok(segment.term, zh);
  }
});

test('segmentation takes the longest glossary match and keeps unknown characters', () => {
  const pieces = glossary.segment('镜头跟随玩家');
  assert.deepEqual(pieces.map((p) => p.text), ['镜头跟随', '玩家']);
  const withStop = glossary.segment('让玩家跳跃的龘');
  assert.deepEqual(withStop.map((p) => p.text), ['让', '玩家', '跳跃', '的', '龘']);
  assert.equal(withStop[0].stopword, true);
  assert.equal(withStop[4].term, undefined);
  assert.equal(withStop[4].stopword, undefined);
});

test('Chinese expands to English concepts and API words; the canonical API word counts most', () => {
  const terms = glossary.expand('镜头跟随');
  assert.equal(terms.get('camera'), 1);
  assert.equal(terms.get('follow'), 1);
  const startFollow = terms.get('startfollow') ?? 0;
  const setLerp = terms.get('setlerp') ?? 0;
  assert.ok(startFollow > setLerp && setLerp > 0, `startFollow ${startFollow} > setLerp ${setLerp}`);
});

test('English phrases expand to their API words at a lower weight; mixed text keeps code words', () => {
  const english = glossary.expand('camera follow');
  assert.equal(english.get('camera'), 1);
  assert.ok((english.get('startfollow') ?? 0) > 0 && (english.get('startfollow') ?? 0) < 1);
  const mixed = glossary.expand('用 setVelocityX 让玩家移动');
  assert.equal(mixed.get('setvelocityx'), 1);
  assert.equal(mixed.get('player'), 1);
});

test('a malformed glossary file is bad input naming the field', (t) => {
  const dir = withTempDir(t);
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ version: 1, zh_stopwords: [], terms: [{ zh: ['跳'], api: [] }] }));
  assert.throws(() => loadGlossary(file), (error: unknown) => error instanceof InputError && error.exitCode === 2 && /terms\.0\.en/.test(error.message));
  assert.equal(new Glossary([{ zh: ['跳'], en: 'jump', api: ['setVelocityY'] }]).size, 1);
});
