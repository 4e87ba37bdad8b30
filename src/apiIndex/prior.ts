// Query-independent prior: games call a small, well-known part of Phaser (physics bodies, the
// factories behind `this.add` / `this.physics.add`, input, tweens, timers, cameras) and almost
// never the renderer's internals. The prior multiplies the BM25 score; bench/retrieval.ts
// measures it against the same retrieval without it.
import type { ApiRecord } from './doclets.js';

/** Longest matching id prefix wins. >1 favours game-facing APIs, <1 demotes internals. */
const NAMESPACE_PRIOR: Array<[prefix: string, factor: number]> = [
  ['Phaser.Physics.Arcade', 1.3],
  ['Phaser.Physics.Arcade.Components', 1.5],
  // Collision categories (3.70+) are an advanced filter; games collide through `collider`/`overlap`.
  ['Phaser.Physics.Arcade.Components.Collision', 0.7],
  ['Phaser.Physics.Arcade.Factory', 1.6],
  ['Phaser.Physics.Arcade.ArcadePhysics', 1.4],
  ['Phaser.Physics.Arcade.Body', 1.3],
  ['Phaser.Physics.Arcade.World', 1.1],
  ['Phaser.Physics.Arcade.Tilemap', 0.6],
  // Arcade's static helpers (GetOverlapX, SeparateY…) run inside the world step, not in games.
  ['Phaser.Physics.Arcade.GetOverlapX', 0.4],
  ['Phaser.Physics.Arcade.GetOverlapY', 0.4],
  ['Phaser.Physics.Arcade.SeparateX', 0.4],
  ['Phaser.Physics.Arcade.SeparateY', 0.4],
  ['Phaser.Physics.Arcade.GetCollidesWith', 0.4],
  ['Phaser.Physics.Arcade.SetCollisionObject', 0.4],
  ['Phaser.Physics.Matter', 0.6],
  ['Phaser.GameObjects.GameObjectFactory', 1.6],
  ['Phaser.GameObjects.GameObjectCreator', 1.1],
  ['Phaser.GameObjects.Components', 1.3],
  ['Phaser.GameObjects.GameObject', 1.2],
  ['Phaser.GameObjects.Sprite', 1.2],
  ['Phaser.GameObjects.Graphics', 1.3],
  ['Phaser.GameObjects.Text', 1.2],
  ['Phaser.GameObjects.Group', 1.3],
  ['Phaser.GameObjects.Container', 1.1],
  ['Phaser.GameObjects.TileSprite', 1.1],
  ['Phaser.GameObjects.Particles.ParticleEmitter', 1.2],
  ['Phaser.GameObjects.Shape', 1.1],
  ['Phaser.GameObjects.Mesh', 0.6],
  ['Phaser.GameObjects.Plane', 0.6],
  ['Phaser.GameObjects.Shader', 0.5],
  ['Phaser.GameObjects.Extern', 0.5],
  ['Phaser.GameObjects.DOMElement', 0.6],
  ['Phaser.GameObjects.Video', 0.7],
  ['Phaser.GameObjects.Events', 0.9],
  ['Phaser.Input.Keyboard.KeyboardPlugin', 1.6],
  ['Phaser.Input.Keyboard.Key', 1.3],
  ['Phaser.Input.Keyboard.JustDown', 1.5],
  ['Phaser.Input.Keyboard.JustUp', 1.4],
  ['Phaser.Input.Keyboard.KeyCodes', 1.3],
  ['Phaser.Input.InputPlugin', 1.4],
  ['Phaser.Input.Pointer', 1.2],
  ['Phaser.Input.Events', 1.1],
  ['Phaser.Input.Gamepad', 0.9],
  ['Phaser.Input.InputManager', 0.7],
  ['Phaser.Input.Mouse', 0.7],
  ['Phaser.Input.Touch', 0.7],
  ['Phaser.Tweens.TweenManager', 1.6],
  ['Phaser.Tweens.Tween', 1.1],
  ['Phaser.Time.Clock', 1.6],
  ['Phaser.Time.TimerEvent', 1.2],
  ['Phaser.Cameras.Scene2D.Camera', 1.4],
  ['Phaser.Cameras.Scene2D.BaseCamera', 1.3],
  ['Phaser.Cameras.Scene2D.CameraManager', 1.2],
  ['Phaser.Cameras.Scene2D.Effects', 1.0],
  ['Phaser.Scenes.ScenePlugin', 1.4],
  ['Phaser.Scene', 1.3],
  ['Phaser.Math.Between', 1.5],
  ['Phaser.Math.FloatBetween', 1.4],
  ['Phaser.Math.Angle.Between', 1.4],
  ['Phaser.Math.Distance.Between', 1.4],
  ['Phaser.Math.Clamp', 1.3],
  ['Phaser.Math.RandomDataGenerator', 1.1],
  ['Phaser.Math.Vector2', 1.1],
  ['Phaser.Math.Matrix4', 0.6],
  ['Phaser.Math.Matrix3', 0.6],
  ['Phaser.Math.Quaternion', 0.6],
  ['Phaser.Math.Vector3', 0.7],
  ['Phaser.Math.Vector4', 0.6],
  ['Phaser.Math.Euler', 0.6],
  ['Phaser.Animations.AnimationManager', 1.3],
  ['Phaser.Animations.AnimationState', 1.2],
  ['Phaser.Sound.BaseSoundManager', 1.2],
  ['Phaser.Sound.BaseSound', 1.1],
  ['Phaser.Sound.HTML5AudioSound', 0.7],
  ['Phaser.Sound.HTML5AudioSoundManager', 0.7],
  ['Phaser.Sound.WebAudioSound', 0.8],
  ['Phaser.Sound.WebAudioSoundManager', 0.8],
  ['Phaser.Sound.NoAudioSound', 0.5],
  ['Phaser.Sound.NoAudioSoundManager', 0.5],
  ['Phaser.Data.DataManager', 1.2],
  ['Phaser.Types.Core.GameConfig', 1.4],
  ['Phaser.Types.Physics.Arcade.ArcadeWorldConfig', 1.3],
  ['Phaser.Types.Tweens.TweenBuilderConfig', 1.3],
  ['Phaser.Types.Time.TimerEventConfig', 1.3],
  ['Phaser.Game', 1.1],
  ['Phaser.Renderer', 0.4],
  ['Phaser.FacebookInstantGamesPlugin', 0.3],
  ['Phaser.FacebookInstantGamesLeaderboard', 0.3],
  ['Phaser.Textures.Parsers', 0.4],
  ['Phaser.Tilemaps.Parsers', 0.4],
  ['Phaser.Structs', 0.5],
  ['Phaser.Utils', 0.6],
  ['Phaser.DOM', 0.5],
  ['Phaser.Device', 0.5],
  ['Phaser.Core', 0.7],
  ['Phaser.Plugins', 0.5],
  ['Phaser.Events', 0.8],
  ['Phaser.Loader.FileTypes', 0.5],
  ['Phaser.Loader.File', 0.5],
  ['Phaser.Display.Canvas', 0.5],
  ['Phaser.Display.Masks', 0.8],
  ['Phaser.Geom.Mesh', 0.4],
  ['Phaser.FX', 0.8],
  ['Phaser.Cache', 0.6],
  ['Phaser.Scale.ScaleManager', 1.0],
  ['Phaser.Types.Renderer', 0.4],
  ['Phaser.Types.Textures', 0.6],
  ['Phaser.Types.Loader', 0.6],
];

const sortedPrior = [...NAMESPACE_PRIOR].sort((a, b) => b[0].length - a[0].length);

/** Kinds that answer "how do I…" less directly than a method or a class. */
const KIND_PRIOR: Record<string, number> = { namespace: 0.6, event: 0.9, typedef: 0.9, constant: 0.85 };

/** Renderer hooks every game object carries (`renderWebGL`, `willRender`, `preDestroy`…). */
const INTERNAL_NAME = /^(?:render(?:WebGL|Canvas)|preDestroy|willRender|addedToScene|removedFromScene|boot|shutdown)$|Pipeline|WebGL|GLTexture|Shader/;

/** The prior of one record (1 = neutral). */
export function priorOf(record: ApiRecord): number {
  let factor = 1;
  for (const [prefix, value] of sortedPrior) {
    const rest = record.id.charAt(prefix.length);
    if (record.id.startsWith(prefix) && (rest === '' || rest === '.' || rest === '#')) {
      factor = value;
      break;
    }
  }
  factor *= KIND_PRIOR[record.kind] ?? 1;
  if (record.access === 'protected') factor *= 0.5;
  if (record.deprecated) factor *= 0.6;
  if (INTERNAL_NAME.test(record.name)) factor *= 0.5;
  // Mixed into many game objects → part of the everyday API (setAlpha, setVelocity, setInteractive).
  if (record.inherited_by?.length) factor *= 1 + 0.04 * Math.log2(1 + record.inherited_by.length);
  return factor;
}
