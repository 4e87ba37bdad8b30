import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestNames, editDistance, splitCamel, stem, tokenize, whitespaceTokens } from '../../src/apiIndex/index.js';

test('camelCase names split into words and keep the whole name', () => {
  assert.deepEqual(splitCamel('setVelocityX'), ['set', 'Velocity', 'X']);
  assert.deepEqual(splitCamel('HTML5AudioSoundManager'), ['HTML', '5', 'Audio', 'Sound', 'Manager']);
  assert.deepEqual(tokenize('setVelocityX'), ['setvelocityx', 'set', 'velocity', 'x']);
  assert.deepEqual(tokenize('createCursorKeys'), ['createcursorkeys', 'creat', 'cursor', 'key']);
});

test('dotted paths and # members split, the whole path is one token too', () => {
  const tokens = tokenize('Phaser.Physics.Arcade.Components.Velocity#setVelocity');
  assert.equal(tokens[0], 'phaser.physics.arcade.components.velocity#setvelocity');
  for (const part of ['physic', 'arcad', 'component', 'velocity', 'setvelocity', 'set']) assert.ok(tokens.includes(part), part);
  assert.ok(!tokens.includes('phaser'), 'phaser is a stopword in Phaser docs');
  const code = tokenize('this.physics.add.collider(player, platforms)');
  assert.deepEqual(code, ['this.physics.add.collider', 'physic', 'add', 'collider', 'player', 'platform']);
  assert.ok(tokenize('Phaser.Input.Events#event:POINTER_DOWN').includes('pointer_down'));
});

test('the light stemmer joins inflections without mangling API words', () => {
  for (const [a, b] of [['collides', 'colliding'], ['bounce', 'bouncing'], ['tweens', 'tween'], ['drops', 'dropping']]) assert.equal(stem(a), stem(b), `${a} ~ ${b}`);
  assert.equal(stem('velocity'), 'velocity');
  assert.equal(stem('class'), 'class');
  assert.equal(stem('x'), 'x');
});

test('stopwords go, except x / y which are API words', () => {
  assert.deepEqual(tokenize('the x and the y of it'), ['x', 'y']);
  assert.ok(tokenize('this', { keepStopwords: true }).includes('this'));
  assert.deepEqual(whitespaceTokens('  Camera  follow\tPLAYER '), ['camera', 'follow', 'player']);
});

test('edit distance and closest names for "did you mean"', () => {
  assert.equal(editDistance('setVelocty', 'setVelocity'), 1);
  assert.equal(editDistance('ab', 'ba'), 1, 'a transposition is one edit');
  assert.equal(editDistance('abc', 'xyz', 1), 2, 'stops past the bound');
  const names = ['setVelocity', 'setVelocityX', 'setVelocityY', 'setAngularVelocity', 'destroy'];
  assert.deepEqual(closestNames('setvelocityx', names, 1), ['setVelocityX'], 'case slips first');
  assert.equal(closestNames('setVelocty', names, 1)[0], 'setVelocity');
  assert.ok(closestNames('velocitySet', names, 3).includes('setVelocity'), 'word overlap finds reordered names');
  assert.deepEqual(closestNames('zzzzzz', names), []);
});
