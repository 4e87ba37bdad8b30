// Game-facing retrieval: what a generated game can use. Measured over the 1,062 requests of the
// default seeds (bench/apictx.ts), a tenth of the injected ids were APIs a game here never
// calls: `KeyboardPlugin#resetKeys` (558 requests), `BitmapText#text` (548; needs a font file the
// rules forbid), `Pointer#locked` (382), the `TweenManager` class (248, games call
// `this.tweens.add`), constructors of objects games make through `this.add.*`. The rule below
// names those families; a request that names one (`bitmap font`, `pointer lock`, `load an
// image`) still gets it. The usage prior (./usagePrior.ts) then ranks what is left by what
// passing games use.
import type { ApiRecord } from './doclets.js';
import type { WeightedTerms } from './glossary.js';
import { tokenize } from './tokenize.js';

export type NoiseFamily = 'manager_class' | 'constructor' | 'lifecycle' | 'pointer_lock' | 'asset_bound' | 'renderer' | 'platform';

/** A family of APIs games do not use, and the query words that say a request wants it anyway. */
interface NoiseRule {
  family: NoiseFamily;
  test: (record: ApiRecord) => boolean;
  /** Any of these query terms (tokenized, stemmed) names the family. */
  unless: readonly string[];
}

/** Classes games construct or extend themselves; every other class is made by a factory or by Phaser. */
export const CONSTRUCTED_CLASSES: ReadonlySet<string> = new Set([
  'Phaser.Game',
  'Phaser.Scene',
  'Phaser.GameObjects.Sprite',
  'Phaser.GameObjects.Image',
  'Phaser.GameObjects.Container',
  'Phaser.Physics.Arcade.Sprite',
  'Phaser.Physics.Arcade.Image',
  'Phaser.Math.Vector2',
  'Phaser.Geom.Rectangle',
  'Phaser.Geom.Circle',
  'Phaser.Geom.Line',
  'Phaser.Geom.Point',
  'Phaser.Geom.Triangle',
  'Phaser.Geom.Polygon',
  'Phaser.Display.Color',
  'Phaser.Curves.Path',
  'Phaser.Curves.Line',
]);

/** Hooks Phaser calls itself (step, render, lifecycle) and plugin resets: never a game's to call. */
const HOOKS = /^(?:preUpdate|postUpdate|preRender|renderWebGL|renderCanvas|willRender|preDestroy|addedToScene|removedFromScene|boot|shutdown|resetKeys|step|postStep|processDownEvents|processUpEvents)$/;
/** Control members games call on some classes only (below): start, pause, update… */
const CONTROLS = /^(?:start|stop|destroy|sleep|wake|pause|resume|update|render)$/;
/** Classes whose control members games do call (`this.scene.start`, `tween.pause`, `emitter.start`); game objects' `destroy`. */
const CONTROL_OWNERS = /^Phaser\.(?:Scene|Scenes\.ScenePlugin|Tweens\.Tween|Tweens\.BaseTween|Sound\.BaseSound|GameObjects\.Particles\.ParticleEmitter|Physics\.Arcade\.World|Physics\.Arcade\.ArcadePhysics|Animations\.AnimationState|GameObjects\.GameObject|GameObjects\.Group|GameObjects\.Container)$/;

const RULES: readonly NoiseRule[] = [
  {
    family: 'pointer_lock',
    test: (r) => /pointerlock|#locked$/i.test(r.id) || /PointerLock|requestPointerLock|releasePointerLock/.test(r.name),
    unless: ['lock', 'pointerlock'],
  },
  {
    // Text drawn from a font file, loader APIs, video, audio files: the rules forbid external files.
    family: 'asset_bound',
    test: (r) =>
      /^Phaser\.(?:GameObjects\.(?:BitmapText|DynamicBitmapText|RetroFont|Video|DOMElement|Shader|Extern|Spine)|Loader\.|Cache\.|Textures\.Parsers|Types\.Loader|Sound\.HTML5Audio)/.test(r.id) ||
      /#(?:bitmapText|dynamicBitmapText|video|dom|shader|spine)$/.test(r.id),
    unless: ['bitmap', 'loader', 'load', 'video', 'dom', 'html', 'shader', 'spine', 'file'],
  },
  {
    // Facebook Instant Games and the global typedefs it brings (`LeaderboardScore`, `AdInstance`): not a browser game's.
    family: 'platform',
    test: (r) => !r.id.startsWith('Phaser.') || /^Phaser\.(?:FacebookInstantGames|Types\.Core\.(?:FPS|Loader|Plugin)|Device|DOM)\b/.test(r.id),
    unless: ['facebook', 'leaderboard', 'device', 'instant'],
  },
  {
    family: 'renderer',
    test: (r) => /^Phaser\.Renderer|Pipeline|WebGL|GLTexture/.test(r.id),
    unless: ['webgl', 'pipeline', 'renderer', 'shader'],
  },
  {
    family: 'manager_class',
    test: (r) => r.kind === 'class' && /(?:Manager|Plugin|System|Factory|Creator|World|Clock)$/.test(r.name),
    unless: ['manager', 'plugin'],
  },
  {
    family: 'lifecycle',
    test: (r) => (r.kind === 'function' || r.kind === 'member') && (HOOKS.test(r.name) || (CONTROLS.test(r.name) && !CONTROL_OWNERS.test(r.memberof ?? ''))),
    unless: [],
  },
  {
    family: 'constructor',
    test: (r) => r.kind === 'class' && !CONSTRUCTED_CLASSES.has(r.id),
    unless: ['class', 'extend', 'subclass', 'constructor'],
  },
];

/** Each rule's `unless` words as the query analyzer sees them (`file` → `fil`). */
const UNLESS_TOKENS = new Map(RULES.map((rule) => [rule, [...new Set(rule.unless.flatMap((word) => tokenize(word, { keepStopwords: true })))]]));

/** The noise family of a record, if it is one games do not use. */
export function noiseFamily(record: ApiRecord): NoiseFamily | undefined {
  return RULES.find((rule) => rule.test(record))?.family;
}

/**
 * Whether a record is out of a game's context for this request: it is in a noise family and the
 * request neither names the family (`unless` words) nor the record itself (its whole name typed
 * as a query term, e.g. `resetKeys`).
 */
export function excludedForGame(record: ApiRecord, terms: WeightedTerms): boolean {
  const rule = RULES.find((r) => r.test(record));
  if (!rule) return false;
  if (UNLESS_TOKENS.get(rule)!.some((word) => (terms.get(word) ?? 0) >= 1)) return false;
  // A camelCase name typed whole (`resetKeys`, `BitmapText`) is kept as one query token.
  return !(/[a-z][A-Z]/.test(record.name) && (terms.get(record.name.toLowerCase()) ?? 0) >= 1);
}
