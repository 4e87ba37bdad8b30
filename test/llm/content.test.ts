import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatParams, claudeParams, emptyAnswerFailure, fatalMessage, requireText, type ChatInput } from '../../src/llm/index.js';

const image: ChatInput = { system: 'Judge.', user: [{ type: 'image', mediaType: 'image/png', base64: 'iVBORw0K' }, { type: 'text', text: 'Is it a game?' }] };

test('image content: Anthropic base64 image blocks and OpenAI data URLs, in the order given; text stays a string', () => {
  const claude = claudeParams(image, { model: 'claude-x', maxTokens: 50 });
  assert.deepEqual(claude.messages[0].content, [
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } },
    { type: 'text', text: 'Is it a game?' },
  ]);
  const openai = chatParams(image, { model: 'vlm', maxTokens: 50 });
  assert.deepEqual(openai.messages, [
    { role: 'system', content: 'Judge.' },
    { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } }, { type: 'text', text: 'Is it a game?' }] },
  ]);
  assert.equal(claudeParams({ system: '', user: 'plain' }, { model: 'm', maxTokens: 1 }).messages[0].content, 'plain');
});

test('one empty-answer check and one fatal message', () => {
  const usage = { input_tokens: 1, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  assert.equal(emptyAnswerFailure({ text: ' \n', stop_reason: null, truncated: false, usage })?.message, 'empty answer (stop_reason none)');
  assert.equal(emptyAnswerFailure({ text: 'x', stop_reason: 'end_turn', truncated: false, usage }), undefined);
  assert.throws(() => requireText({ text: '', stop_reason: 'refusal', truncated: false, usage }), /empty answer \(stop_reason refusal\)/);
  const endpoint = { name: 'the server at http://h/v1', key: 'OPENAI_API_KEY', model: 'm', notFoundHint: '--model "m"' };
  assert.equal(fatalMessage({ kind: 'fatal', status: 401, type: 'authentication', message: '' }, endpoint), 'the server at http://h/v1 rejected the key (401): check OPENAI_API_KEY');
  assert.equal(fatalMessage({ kind: 'fatal', status: 404, type: 'not_found', message: '' }, endpoint), 'not found (404): check --model "m"');
  assert.equal(fatalMessage({ kind: 'fatal', status: 400, type: 'invalid_request', message: 'too long' }, endpoint), 'the server at http://h/v1 failed (400), stopping: too long');
});
