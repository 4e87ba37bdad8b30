import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetInfoEntry, llamaFactoryProblem, toAlpaca, toSharegpt, toSharegptClassic } from '../../src/dataset/index.js';
import { withTempDir } from '../helpers/tempDir.js';
import { loadLikeLlamaFactory } from './llamaFactoryLoader.js';

function writeDataset(dir: string, entry: unknown, records: unknown[]): void {
  writeFileSync(join(dir, 'dataset_info.json'), JSON.stringify({ d: entry }));
  writeFileSync(join(dir, 'data.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

const conversation = { system: 'sys', turns: [{ user: 'make pong', assistant: '[PLAN]\n- x\n\n```javascript\nnew Phaser.Game({});\n```' }] };

test('the loader reads our alpaca and sharegpt entries as intended', (t) => {
  const dir = withTempDir(t);
  writeDataset(dir, datasetInfoEntry('data.jsonl', 'alpaca', false), [toAlpaca(conversation, false)]);
  const alpaca = loadLikeLlamaFactory('d', dir);
  assert.deepEqual(alpaca.examples, [{ _prompt: [{ role: 'user', content: 'make pong' }], _response: [{ role: 'assistant', content: conversation.turns[0].assistant }], _system: 'sys' }]);

  writeDataset(dir, datasetInfoEntry('data.jsonl', 'sharegpt', false), [toSharegpt(conversation)]);
  const sharegpt = loadLikeLlamaFactory('d', dir);
  assert.deepEqual(sharegpt.examples, alpaca.examples);
  assert.equal(sharegpt.dropped.length, 0);

  const classicEntry = datasetInfoEntry('data.jsonl', 'sharegpt-classic', false);
  assert.equal(classicEntry.formatting, 'sharegpt');
  const classicRecord = toSharegptClassic(conversation);
  assert.equal(llamaFactoryProblem(classicRecord as unknown as Record<string, unknown>, classicEntry), undefined);
  writeDataset(dir, classicEntry, [classicRecord]);
  const classic = loadLikeLlamaFactory('d', dir);
  assert.deepEqual(classic.examples, alpaca.examples);
  // LLaMA-Factory's defaults (from/value, human/gpt) read the same file without the tags.
  writeDataset(dir, { file_name: 'data.jsonl', formatting: 'sharegpt', columns: { messages: 'conversations', system: 'system' } }, [classicRecord]);
  assert.deepEqual(loadLikeLlamaFactory('d', dir).examples, alpaca.examples);
});

test('the loader drops what LLaMA-Factory drops: misplaced roles, odd counts; `format` is not `formatting`', (t) => {
  const dir = withTempDir(t);
  const entry = datasetInfoEntry('data.jsonl', 'sharegpt', false);
  const m = (role: string, content = 'x') => ({ role, content });
  writeDataset(dir, entry, [
    { messages: [m('system'), m('user'), m('assistant')] },
    { messages: [m('assistant'), m('user')] },
    { messages: [m('user'), m('assistant'), m('user')] },
    { messages: [m('system'), m('user'), m('user'), m('assistant')] },
    { messages: [m('user'), m('assistant'), m('user'), m('assistant')] },
  ]);
  const loaded = loadLikeLlamaFactory('d', dir);
  assert.equal(loaded.examples.length, 2);
  assert.deepEqual(loaded.dropped.map((d) => d.line), [2, 3, 4]);

  // A `format` key is ignored by LLaMA-Factory: the file is read as alpaca with no prompt or
  // response column, and every example is silently dropped.
  writeDataset(dir, { file_name: 'data.jsonl', format: 'sharegpt', columns: { messages: 'messages' } }, [{ messages: [m('user'), m('assistant')] }]);
  const misread = loadLikeLlamaFactory('d', dir);
  assert.equal(misread.attr.formatting, 'alpaca');
  assert.equal(misread.examples.length, 0);
  assert.equal(misread.dropped.length, 1);
});

test('the pre-write check agrees with the loader on good and bad records', (t) => {
  const dir = withTempDir(t);
  const m = (role: string, content: unknown = 'x') => ({ role, content });
  const cases: [string, 'alpaca' | 'sharegpt', unknown][] = [
    ['alpaca ok', 'alpaca', { instruction: 'a', input: '', output: 'b', system: 's' }],
    ['alpaca no output', 'alpaca', { instruction: 'a', input: '', output: null, system: 's' }],
    ['alpaca numeric output', 'alpaca', { instruction: 'a', input: '', output: 3, system: 's' }],
    ['sharegpt ok', 'sharegpt', { messages: [m('system'), m('user'), m('assistant')] }],
    ['sharegpt ok no system', 'sharegpt', { messages: [m('user'), m('assistant'), m('user'), m('assistant')] }],
    ['sharegpt assistant first', 'sharegpt', { messages: [m('assistant'), m('user')] }],
    ['sharegpt ends on user', 'sharegpt', { messages: [m('system'), m('user'), m('assistant'), m('user')] }],
    ['sharegpt system in the middle', 'sharegpt', { messages: [m('user'), m('system'), m('assistant')] }],
    ['sharegpt only system', 'sharegpt', { messages: [m('system')] }],
  ];
  for (const [label, format, record] of cases) {
    const entry = datasetInfoEntry('data.jsonl', format, false);
    writeDataset(dir, entry, [record]);
    const loaded = loadLikeLlamaFactory('d', dir);
    const loaderKeeps = loaded.examples.length === 1;
    const checkKeeps = llamaFactoryProblem(record as Record<string, unknown>, entry) === undefined;
    assert.equal(checkKeeps, loaderKeeps, label);
  }
});
