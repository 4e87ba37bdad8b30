// The core toolkit: the APIs nearly every game here needs, in the static (cached) part of the
// system prompt, for every request. Retrieval used to leave them out — over the default seeds'
// 531 contexts, `Graphics#generateTexture`, `add.graphics` and `physics.add.sprite`/`image`
// appeared in none, `add.text` in 3 (bench/apictx.ts), although the rules require drawn
// textures and visible text.
//
// Chosen by measurement: every API used by at least TOOLKIT_MIN_SHARE of the passing games the
// bundled usage prior counts (assets/api_prior, from test/fixtures/games), plus, per element of
// a game the teacher prompt asks for (drawing, shapes, text, arcade bodies, world bounds,
// velocity, keys, pointer, timers, tweens, scenes, camera, particles), the members those games
// and the official examples use for it. Version-aware: only ids the installed Phaser has are
// listed, with their real signatures, and the idioms name the version they hold for.
import { countTokens } from '../core/index.js';
import type { ApiIndex } from './apiIndex.js';
import { renderDocs } from './context.js';
import type { ApiRecord } from './doclets.js';
import { noiseFamily } from './gameFacing.js';
import type { UsagePrior } from './usagePrior.js';

/** An API used by this share of the prior's passing games is in the toolkit. */
export const TOOLKIT_MIN_SHARE = 0.15;

/** The elements of a game the teacher prompt requires, each with the APIs games use for it. */
export const TOOLKIT_ELEMENTS: ReadonlyArray<{ element: string; ids: readonly string[] }> = [
  {
    element: 'drawing and generated textures',
    ids: [
      'Phaser.GameObjects.GameObjectFactory#graphics',
      'Phaser.GameObjects.Graphics#fillStyle',
      'Phaser.GameObjects.Graphics#lineStyle',
      'Phaser.GameObjects.Graphics#fillRect',
      'Phaser.GameObjects.Graphics#fillCircle',
      'Phaser.GameObjects.Graphics#fillTriangle',
      'Phaser.GameObjects.Graphics#fillRoundedRect',
      'Phaser.GameObjects.Graphics#strokeRect',
      'Phaser.GameObjects.Graphics#lineBetween',
      'Phaser.GameObjects.Graphics#clear',
      'Phaser.GameObjects.Graphics#generateTexture',
    ],
  },
  {
    element: 'shapes and images',
    ids: [
      'Phaser.GameObjects.GameObjectFactory#rectangle',
      'Phaser.GameObjects.GameObjectFactory#circle',
      'Phaser.GameObjects.GameObjectFactory#triangle',
      'Phaser.GameObjects.GameObjectFactory#star',
      'Phaser.GameObjects.GameObjectFactory#image',
      'Phaser.GameObjects.GameObjectFactory#sprite',
      'Phaser.GameObjects.GameObjectFactory#container',
      'Phaser.GameObjects.Shape#setFillStyle',
      'Phaser.GameObjects.Shape#setStrokeStyle',
      'Phaser.GameObjects.Components.Transform#setPosition',
      'Phaser.GameObjects.Components.Transform#setScale',
      'Phaser.GameObjects.Components.Transform#setAngle',
      'Phaser.GameObjects.Components.Origin#setOrigin',
      'Phaser.GameObjects.Components.Depth#setDepth',
      'Phaser.GameObjects.Components.Visible#setVisible',
      'Phaser.GameObjects.Components.Alpha#setAlpha',
      'Phaser.GameObjects.Components.Tint#setTint',
    ],
  },
  {
    element: 'text',
    ids: ['Phaser.GameObjects.GameObjectFactory#text', 'Phaser.GameObjects.Text#setText', 'Phaser.GameObjects.Components.ScrollFactor#setScrollFactor'],
  },
  {
    element: 'arcade bodies, groups, colliders, overlaps, world bounds, velocity',
    ids: [
      'Phaser.Physics.Arcade.Factory#sprite',
      'Phaser.Physics.Arcade.Factory#image',
      'Phaser.Physics.Arcade.Factory#existing',
      'Phaser.Physics.Arcade.Factory#group',
      'Phaser.Physics.Arcade.Factory#staticGroup',
      'Phaser.Physics.Arcade.Factory#collider',
      'Phaser.Physics.Arcade.Factory#overlap',
      'Phaser.Physics.Arcade.Components.Bounce#setCollideWorldBounds',
      'Phaser.Physics.Arcade.Components.Bounce#setBounce',
      'Phaser.Physics.Arcade.Components.Velocity#setVelocity',
      'Phaser.Physics.Arcade.Components.Velocity#setVelocityX',
      'Phaser.Physics.Arcade.Components.Velocity#setVelocityY',
      'Phaser.Physics.Arcade.Components.Immovable#setImmovable',
      'Phaser.Physics.Arcade.Components.Gravity#setGravityY',
      'Phaser.Physics.Arcade.Components.Enable#disableBody',
      'Phaser.Physics.Arcade.Body#blocked',
      'Phaser.Physics.Arcade.World#setBounds',
      'Phaser.GameObjects.Group#create',
      'Phaser.GameObjects.Group#getChildren',
      'Phaser.GameObjects.Group#countActive',
    ],
  },
  {
    element: 'cursor keys and addKeys',
    ids: [
      'Phaser.Input.Keyboard.KeyboardPlugin#createCursorKeys',
      'Phaser.Input.Keyboard.KeyboardPlugin#addKeys',
      'Phaser.Input.Keyboard.KeyboardPlugin#addKey',
      'Phaser.Input.Keyboard.JustDown',
      'Phaser.Input.Keyboard.Key#isDown',
    ],
  },
  {
    element: 'pointer events',
    ids: [
      'Phaser.Input.Events#event:POINTER_DOWN',
      'Phaser.Input.Events#event:POINTER_MOVE',
      'Phaser.Input.Events#event:GAMEOBJECT_POINTER_DOWN',
      'Phaser.GameObjects.GameObject#setInteractive',
      'Phaser.Input.InputPlugin#activePointer',
    ],
  },
  { element: 'timers and delayedCall', ids: ['Phaser.Time.Clock#addEvent', 'Phaser.Time.Clock#delayedCall', 'Phaser.Time.TimerEvent#remove'] },
  { element: 'tweens', ids: ['Phaser.Tweens.TweenManager#add'] },
  { element: 'scene start and restart', ids: ['Phaser.Scenes.ScenePlugin#start', 'Phaser.Scenes.ScenePlugin#restart'] },
  { element: 'camera follow and effects', ids: ['Phaser.Cameras.Scene2D.Camera#startFollow', 'Phaser.Cameras.Scene2D.BaseCamera#setBounds', 'Phaser.Cameras.Scene2D.Camera#shake', 'Phaser.Cameras.Scene2D.Camera#flash'] },
  {
    element: 'particles',
    // 3.60+ `add.particles(x, y, key, config)` returns the emitter; before 3.60, a manager with `createEmitter`.
    ids: ['Phaser.GameObjects.GameObjectFactory#particles', 'Phaser.GameObjects.Particles.ParticleEmitter#explode', 'Phaser.GameObjects.Particles.ParticleEmitterManager#createEmitter'],
  },
  { element: 'randomness and maths', ids: ['Phaser.Math.Between', 'Phaser.Math.FloatBetween', 'Phaser.Math.Clamp', 'Phaser.Math.Distance.Between', 'Phaser.Math.Angle.Between', 'Phaser.Utils.Array.GetRandom'] },
];

/** Idioms the signatures alone do not say, each for the versions it holds for. */
const IDIOMS: ReadonlyArray<{ since?: string; before?: string; text: string }> = [
  { text: "Drawn texture: const g = this.add.graphics(); g.fillStyle(0x44ccff, 1); g.fillRect(0, 0, 32, 32); g.generateTexture('player', 32, 32); g.destroy(); then this.physics.add.sprite(x, y, 'player')." },
  { text: "Arcade body from a shape: const paddle = this.add.rectangle(x, y, 100, 16, 0xffffff); this.physics.add.existing(paddle); paddle.body.setImmovable(true) (a shape's body is set through .body)." },
  { text: "Keys: const cursors = this.input.keyboard.createCursorKeys(); const keys = this.input.keyboard.addKeys('W,A,S,D,SPACE'); in update(): if (cursors.left.isDown || keys.A.isDown) …; Phaser.Input.Keyboard.JustDown(keys.SPACE) fires once per press." },
  { text: "Pointer: this.input.on('pointerdown', (pointer) => { pointer.x, pointer.y }); an object needs setInteractive() before obj.on('pointerdown', …)." },
  { text: 'Timers: this.time.addEvent({ delay: 1000, callback: fn, callbackScope: this, loop: true }); this.time.delayedCall(500, fn).' },
  { text: "Tweens: this.tweens.add({ targets: obj, y: 100, alpha: 0, duration: 300, ease: 'Sine.easeInOut', yoyo: true, repeat: -1 })." },
  { since: '3.60.0', text: "Particles: const sparks = this.add.particles(0, 0, 'spark', { speed: { min: 50, max: 200 }, lifespan: 400, scale: { start: 1, end: 0 }, emitting: false }); sparks.explode(16, x, y). (createEmitter and ParticleEmitterManager are gone since 3.60.)" },
  { before: '3.60.0', text: "Particles: const manager = this.add.particles('spark'); const emitter = manager.createEmitter({ speed: 100, lifespan: 400, on: false }); emitter.explode(16, x, y)." },
  { text: "Scenes: this.scene.start('Play', data) switches, this.scene.restart() replays the current scene (reset your own state in create())." },
];

export interface Toolkit {
  /** The block as it goes into the system prompt. */
  text: string;
  /** Ids listed, in order; they count as injected (each request's `api_refs`). */
  api_refs: string[];
  tokens: number;
  phaser_version: string;
}

/** `3.90.0` ≥ `3.60.0`, numerically. */
export function versionAtLeast(version: string, floor: string): boolean {
  const parts = (v: string) => v.split(/[.-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [a, b] = [parts(version), parts(floor)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** The toolkit's ids for an index: measured (prior share) ∪ per element, existing, game-facing, each once. */
export function toolkitIds(index: ApiIndex, prior: UsagePrior): string[] {
  const games = Math.max(1, prior.games);
  const measured = Object.entries(prior.apis)
    .filter(([, n]) => n / games >= TOOLKIT_MIN_SHARE)
    .map(([id]) => id);
  const ids = new Set<string>();
  const take = (id: string) => {
    const record = index.get(id);
    // Classes and constants (`Phaser.Game`, `Phaser.AUTO`) are in the rules already; events games reach with `.on` are not noise.
    if (!record || record.kind === 'class' || record.kind === 'constant' || record.kind === 'namespace' || noiseFamily(record)) return;
    ids.add(record.id);
  };
  for (const element of TOOLKIT_ELEMENTS) for (const id of element.ids) take(id);
  for (const id of measured) take(id);
  return [...ids];
}

/** The toolkit block for the installed Phaser: heading, signature lines grouped by class, idioms. */
export function buildToolkit(index: ApiIndex, prior: UsagePrior, phaserVersion: string): Toolkit {
  const docs = toolkitIds(index, prior).map((id) => index.get(id)).filter((d): d is ApiRecord => d !== undefined);
  const idioms = IDIOMS.filter((i) => (!i.since || versionAtLeast(phaserVersion, i.since)) && (!i.before || !versionAtLeast(phaserVersion, i.before)));
  const text = [
    `### Phaser ${phaserVersion} core toolkit (the APIs most games here use; same for every request)`,
    renderDocs(index, docs),
    '',
    'Idioms:',
    ...idioms.map((i) => `- ${i.text}`),
  ].join('\n');
  return { text, api_refs: docs.map((d) => d.id), tokens: countTokens(text), phaser_version: phaserVersion };
}
