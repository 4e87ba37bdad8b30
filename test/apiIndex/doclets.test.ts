import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { recordsFromDoclets, type Doclet } from '../../src/apiIndex/index.js';
import { cleanText, formatType, signatureOf, summaryOf } from '../../src/apiIndex/doclets.js';

const fixture = fileURLToPath(new URL('../fixtures/apiIndex/doclets.json', import.meta.url));
const doclets = JSON.parse(readFileSync(fixture, 'utf8')) as Doclet[];
const { records, dropped, inheritedLinks } = recordsFromDoclets(doclets);
const byId = new Map(records.map((r) => [r.id, r]));

test('inherited copies are folded into inherited_by on the member they come from, following chains', () => {
  const setVelocity = byId.get('Phaser.Physics.Arcade.Components.Velocity#setVelocity');
  assert.ok(setVelocity);
  assert.deepEqual(setVelocity.inherited_by, ['Phaser.Physics.Arcade.Image', 'Phaser.Physics.Arcade.Sprite', 'Phaser.Physics.Arcade.SuperSprite']);
  assert.equal(byId.has('Phaser.Physics.Arcade.Sprite#setVelocity'), false);
  assert.equal(byId.has('Phaser.Physics.Arcade.SuperSprite#setVelocity'), false);
  assert.equal(records.filter((r) => r.name === 'setVelocity').length, 1);
  assert.equal(inheritedLinks, 3);
});

test('private, ignored and undocumented doclets are dropped and counted', () => {
  for (const id of ['Phaser.Physics.Arcade.Body#internalStep', 'Phaser.Physics.Arcade.Body#mystery', 'Phaser.Physics.Arcade.Body#ignored', 'Phaser.Physics.Arcade.Sprite#hidden', 'Phaser.Physics.Arcade']) {
    assert.equal(byId.has(id), false, id);
  }
  assert.deepEqual(dropped, { undocumented: 2, duplicate: 1, ignored: 1, private: 1, inherited_from_dropped: 1 });
});

test('a namespace that is also a class keeps the class', () => {
  const color = byId.get('Phaser.Display.Color');
  assert.equal(color?.kind, 'class');
  assert.equal(color?.signature, 'new Color(red?: number)');
  assert.equal(color?.params[0].default, '0');
});

test('records carry the contract fields, signatures and cleaned text', () => {
  const setVelocity = byId.get('Phaser.Physics.Arcade.Components.Velocity#setVelocity')!;
  assert.equal(setVelocity.signature, 'setVelocity(x: number, y?: number): this');
  assert.deepEqual(setVelocity.params, [
    { name: 'x', type: 'number', optional: false, default: null, description: 'The horizontal velocity.' },
    { name: 'y', type: 'number', optional: true, default: 'x', description: 'The vertical velocity.' },
  ]);
  assert.equal(setVelocity.returns, 'this');
  assert.equal(setVelocity.memberof, 'Phaser.Physics.Arcade.Components.Velocity');
  const sprite = byId.get('Phaser.Physics.Arcade.Sprite')!;
  assert.equal(sprite.summary, 'An Arcade Physics Sprite is a Sprite with an Arcade Physics body.');
  assert.match(sprite.description, /moved with Phaser\.Physics\.Arcade\.Components\.Velocity#setVelocity\.$/);
  assert.ok(!sprite.description.includes('\r'));
  const event = byId.get('Phaser.Input.Events#event:POINTER_DOWN')!;
  assert.equal(event.event_name, 'pointerdown');
  assert.equal(event.signature, 'event POINTER_DOWN → listener(pointer: Phaser.Input.Pointer, currentlyOver: Phaser.GameObjects.GameObject[])');
  const config = byId.get('Phaser.Types.Core.GameConfig')!;
  assert.deepEqual(config.properties?.map((p) => p.name), ['width', 'backgroundColor']);
  assert.equal(byId.get('Phaser.Physics.Arcade.Body#velocity')!.signature, 'readonly velocity: Phaser.Math.Vector2');
  assert.equal(byId.get('Phaser.Physics.Arcade.Components.Size#setSize')!.deprecated, true);
});

test('type expressions read like TypeScript', () => {
  assert.equal(formatType(['Array.<Phaser.GameObjects.GameObject>']), 'Phaser.GameObjects.GameObject[]');
  assert.equal(formatType(['Array.<Array.<number>>']), 'number[][]');
  assert.equal(formatType(['Array.<(string|symbol)>']), '(string|symbol)[]');
  assert.equal(formatType(['Object.<string, *>']), 'Record<string, *>');
  assert.equal(formatType(['number', 'string']), 'number | string');
  assert.equal(formatType(undefined), 'any');
});

test('text helpers: links reduced to labels, first sentence as summary', () => {
  assert.equal(cleanText('See [the docs]{@link Phaser.Scene} and {@link Phaser.Game}.\r\rMore.'), 'See the docs and Phaser.Game.\n\nMore.');
  assert.equal(summaryOf('Sets the velocity. Then more.\n\nSecond paragraph.'), 'Sets the velocity.');
  assert.equal(signatureOf({ kind: 'function', name: 'now', longname: 'x#now' }), 'now(): void');
});
