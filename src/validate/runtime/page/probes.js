// @ts-check
// ---- probes: Phaser's own state, read through references captured before the game runs ---------
// captureProbes() runs in boot(), once Phaser is loaded and before the game's code: it keeps
// Phaser's classes' prototypes and original methods, and wraps the few methods whose calls are
// the evidence (a Text rendered, a collider added and fired, a key added, a tween or timer
// event made, a camera following, a scene started). The counts live in this closure. A game
// that later replaces one of those prototype methods removes the hook: its probes can only
// fall, never rise; one that calls a hooked method gets Phaser's own behaviour, which is real
// evidence. State is read with the captured originals (getScenes, the Text `text` getter, the
// event emitter's eventNames/listenerCount, Set's size), never with a method looked up on the
// game's objects when the probe runs.
/** @typedef {import('../pageApi.js').ProbeReport} ProbeReport */
/** @typedef {import('../pageApi.js').StateDigest} StateDigest */

var ObjectIsPrototypeOf = uncurry(Object.prototype.isPrototypeOf);
var StringCharCodeAt = uncurry(String.prototype.charCodeAt);
/** Display objects walked per digest (a particle storm is not read to the last object). */
var MAX_WALK = 3000;
/**
 * @typedef {{ starts: string[], texts: Map<object, string>, firstTexts: Map<object, string> | null,
 *   colliders: number, overlaps: number, collided: number, overlapped: number, keys: Set<number>,
 *   timeEvents: number, loopingEvents: number, tweens: number, follow: string | null,
 *   interactive: any[], digests: Map<number, StateDigest> }} ProbeRun
 */
/** @returns {ProbeRun} */
function newProbeRun() {
  return { starts: [], texts: new SafeMap(), firstTexts: null, colliders: 0, overlaps: 0, collided: 0, overlapped: 0, keys: new SafeSet(), timeEvents: 0, loopingEvents: 0, tweens: 0, follow: null, interactive: [], digests: new SafeMap() };
}
/** @type {ProbeRun} */
var probeRun = newProbeRun();
/** @type {ProbeRun | null} */
var probeBaseline = null;
/** @type {any} */
var P = null;

/** Replace `owner[name]` by `wrap(original)`, when it exists (a missing class is no evidence). */
function hook(/** @type {any} */ owner, /** @type {string} */ name, /** @type {(original: Function) => Function} */ wrap) {
  if (!owner || typeof owner[name] !== 'function') return null;
  var original = owner[name];
  defineProperty(owner, name, /** @type {any} */ ({ __proto__: null, value: wrap(original), writable: true, configurable: true, enumerable: false }));
  return original;
}
function safeType(/** @type {any} */ value) {
  try { return value && typeof value.type === 'string' ? StringSlice(value.type, 0, 40) : 'object'; } catch (e) { return 'object'; }
}

function captureProbes(/** @type {any} */ Phaser) {
  var G = Phaser.GameObjects || {};
  var A = (Phaser.Physics && Phaser.Physics.Arcade) || {};
  // the emitter class that owns eventNames (eventemitter3's, which Phaser's extend)
  var EE = Phaser.Events && Phaser.Events.EventEmitter && Phaser.Events.EventEmitter.prototype;
  while (EE && !getOwnPropertyDescriptor(EE, 'eventNames')) EE = Object.getPrototypeOf(EE);
  var StructsSet = Phaser.Structs && Phaser.Structs.Set;
  var sizeDescriptor = StructsSet && getOwnPropertyDescriptor(StructsSet.prototype, 'size');
  var textDescriptor = G.Text && getOwnPropertyDescriptor(G.Text.prototype, 'text');
  P = {
    TextProto: G.Text ? G.Text.prototype : null,
    textGet: textDescriptor && textDescriptor.get ? uncurry(textDescriptor.get) : null,
    WorldProto: A.World ? A.World.prototype : null,
    getScenes: Phaser.Scenes && Phaser.Scenes.SceneManager ? uncurry(Phaser.Scenes.SceneManager.prototype.getScenes) : null,
    eventNames: EE && EE.eventNames ? uncurry(EE.eventNames) : null,
    listenerCount: EE && EE.listenerCount ? uncurry(EE.listenerCount) : null,
    EEProto: EE || null,
    SetProto: StructsSet ? StructsSet.prototype : null,
    setSize: sizeDescriptor && sizeDescriptor.get ? uncurry(sizeDescriptor.get) : null,
    ArrayProto: Array.prototype,
  };
  hook(Phaser.Scenes && Phaser.Scenes.Systems && Phaser.Scenes.Systems.prototype, 'start', function (original) {
    return function (/** @type {any} */ data) {
      // @ts-ignore
      var sys = this;
      var result = apply(original, sys, [data]);
      try { if (probeRun.starts.length < 100) append(probeRun.starts, text(sys.settings.key)); } catch (e) { /* no key */ }
      return result;
    };
  });
  if (P.TextProto && P.textGet) hook(P.TextProto, 'updateText', function (original) {
    return function () {
      // @ts-ignore
      var self = this;
      var result = apply(original, self, []);
      if (ObjectIsPrototypeOf(P.TextProto, self) && MapSize(probeRun.texts) < MAX_WALK) MapSet(probeRun.texts, self, text(P.textGet(self)));
      return result;
    };
  });
  /** @param {'collide' | 'overlap'} kind */
  var addPair = function (kind) {
    return function (/** @type {Function} */ original) {
      return function (/** @type {any} */ a, /** @type {any} */ b, /** @type {any} */ callback, /** @type {any} */ process, /** @type {any} */ context) {
        var counted = function () {
          if (kind === 'collide') probeRun.collided++; else probeRun.overlapped++;
          // @ts-ignore
          if (typeof callback === 'function') return apply(callback, this, arguments);
        };
        // @ts-ignore
        var collider = apply(original, this, [a, b, counted, process, context]);
        if (kind === 'collide') probeRun.colliders++; else probeRun.overlaps++;
        return collider;
      };
    };
  };
  hook(P.WorldProto, 'addCollider', addPair('collide'));
  hook(P.WorldProto, 'addOverlap', addPair('overlap'));
  hook(Phaser.Input && Phaser.Input.Keyboard && Phaser.Input.Keyboard.KeyboardPlugin && Phaser.Input.Keyboard.KeyboardPlugin.prototype, 'addKey', function (original) {
    return function () {
      // @ts-ignore
      var key = apply(original, this, arguments);
      try { if (key && typeof key.keyCode === 'number' && SetSize(probeRun.keys) < 200) SetAdd(probeRun.keys, key.keyCode); } catch (e) { /* not a key */ }
      return key;
    };
  });
  hook(Phaser.Input && Phaser.Input.InputPlugin && Phaser.Input.InputPlugin.prototype, 'enable', function (original) {
    return function (/** @type {any} */ object) {
      // @ts-ignore
      var result = apply(original, this, arguments);
      if (object && probeRun.interactive.length < MAX_WALK) append(probeRun.interactive, object);
      return result;
    };
  });
  hook(Phaser.Time && Phaser.Time.Clock && Phaser.Time.Clock.prototype, 'addEvent', function (original) {
    return function (/** @type {any} */ config) {
      // @ts-ignore
      var event = apply(original, this, arguments);
      probeRun.timeEvents++;
      try { if (event && (event.loop || event.repeat)) probeRun.loopingEvents++; } catch (e) { /* odd event */ }
      return event;
    };
  });
  var TweenManager = Phaser.Tweens && Phaser.Tweens.TweenManager && Phaser.Tweens.TweenManager.prototype;
  var countTween = function (/** @type {Function} */ original) {
    return function () {
      // @ts-ignore
      var tween = apply(original, this, arguments);
      probeRun.tweens++;
      return tween;
    };
  };
  hook(TweenManager, 'add', countTween);
  hook(TweenManager, 'addCounter', countTween);
  hook(TweenManager, 'chain', countTween);
  hook(Phaser.Cameras && Phaser.Cameras.Scene2D && Phaser.Cameras.Scene2D.Camera && Phaser.Cameras.Scene2D.Camera.prototype, 'startFollow', function (original) {
    return function (/** @type {any} */ target) {
      // @ts-ignore
      var result = apply(original, this, arguments);
      if (target) probeRun.follow = safeType(target);
      return result;
    };
  });
}

/** Scenes running now, read with the scene manager Phaser made for the game. @returns {any[]} */
function activeScenes(/** @type {any} */ game) {
  var manager = MapGet(sceneManagers, game);
  if (!manager || !P || !P.getScenes) return [];
  try { return copyList(P.getScenes(manager, true)); } catch (e) { return []; }
}
/** Event names with listeners on a Phaser emitter, through the emitter's original functions. @returns {string[]} */
function listenedEvents(/** @type {any} */ emitter) {
  if (!emitter || !P || !P.eventNames || !P.EEProto || !ObjectIsPrototypeOf(P.EEProto, emitter)) return [];
  /** @type {string[]} */
  var out = [];
  try {
    var names = P.eventNames(emitter);
    for (var i = 0; i < names.length && i < 200; i++) if (typeof names[i] === 'string' && P.listenerCount(emitter, names[i]) > 0) append(out, names[i]);
  } catch (e) { /* a broken emitter has no listeners we can trust */ }
  return out;
}
/** Display objects of the running scenes (containers' children included), at most MAX_WALK. */
function walkObjects(/** @type {any} */ game, /** @type {(object: any) => void} */ visit) {
  var scenes = activeScenes(game);
  var seen = 0;
  /** @param {any} list @param {number} depth */
  var walk = function (list, depth) {
    if (!ArrayIsArray(list) || depth > 3) return;
    for (var i = 0; i < list.length && seen < MAX_WALK; i++) {
      var object = list[i];
      if (!object || typeof object !== 'object') continue;
      seen++;
      visit(object);
      if (object.list && object.type === 'Container') walk(object.list, depth + 1);
    }
  };
  for (var s = 0; s < scenes.length; s++) {
    try { walk(scenes[s].sys.displayList.list, 0); } catch (e) { /* a scene without a display list */ }
  }
}
/** Positions, texts and scenes as three hashes: compared between the replay and run 1 frame by frame. @returns {StateDigest} */
function stateDigest(/** @type {any} */ game) {
  var positions = 0x811c9dc5;
  walkObjects(game, function (object) {
    try {
      var x = SafeNumber(object.x), y = SafeNumber(object.y);
      positions = MathImul(positions ^ (MathRound(x * 4) | 0), 0x01000193);
      positions = MathImul(positions ^ (MathRound(y * 4) | 0), 0x01000193);
    } catch (e) { /* a getter that throws is no position */ }
  });
  var texts = '';
  MapForEach(probeRun.texts, function (/** @type {string} */ value) { if (texts.length < 20000) texts += value + '\u0000'; });
  var scenes = activeScenes(game);
  var keys = '';
  for (var i = 0; i < scenes.length; i++) { try { keys += text(scenes[i].sys.settings.key) + ','; } catch (e) { /* no key */ } }
  return /** @type {any} */ ({ __proto__: null, positions: NumberToString(positions >>> 0, 16), texts: hashText(texts), scenes: keys });
}
function hashText(/** @type {string} */ value) {
  var hash = 0x811c9dc5;
  for (var i = 0; i < value.length; i++) hash = MathImul(hash ^ StringCharCodeAt(value, i), 0x01000193);
  return NumberToString(hash >>> 0, 16);
}
/** Called at each checkpoint from the frame target on: run 1 keeps its digests, the replay compares with them. */
function probeCheckpoint(/** @type {any} */ game, /** @type {number} */ frame, /** @type {number} */ target) {
  if (frame < target) return;
  var digest = stateDigest(game);
  MapSet(probeRun.digests, frame, digest);
}
/** The probe report of the current run. @returns {ProbeReport} */
function probeReport(/** @type {any} */ game, /** @type {HarnessOptions} */ options) {
  /** @type {Record<string, number>} */
  var objects = /** @type {any} */ ({ __proto__: null });
  walkObjects(game, function (object) {
    var type = safeType(object);
    objects[type] = (objects[type] || 0) + 1;
  });
  var scenes = activeScenes(game);
  /** @type {string[]} */
  var active = [];
  var bodies = 0, staticBodies = 0, gravityY = 0, gravityX = 0;
  /** @type {string[]} */
  var keyboardEvents = [];
  /** @type {string[]} */
  var pointerEvents = [];
  for (var i = 0; i < scenes.length; i++) {
    var scene = scenes[i];
    try { append(active, text(scene.sys.settings.key)); } catch (e) { /* no key */ }
    try {
      var world = scene.sys.arcadePhysics && scene.sys.arcadePhysics.world;
      if (world && P.WorldProto && ObjectIsPrototypeOf(P.WorldProto, world)) {
        bodies += phaserSetSize(world.bodies);
        staticBodies += phaserSetSize(world.staticBodies);
        gravityX = SafeNumber(world.gravity.x) || 0;
        gravityY = SafeNumber(world.gravity.y) || 0;
      }
    } catch (e) { /* no arcade world */ }
    try {
      var input = scene.sys.input;
      var names = listenedEvents(input);
      for (var n = 0; n < names.length; n++) if (StringIndexOf(names[n], 'pointer') === 0 || StringIndexOf(names[n], 'gameobject') === 0) append(pointerEvents, names[n]);
      var keyNames = listenedEvents(input && input.keyboard);
      for (var k = 0; k < keyNames.length; k++) if (StringIndexOf(keyNames[k], 'key') === 0) append(keyboardEvents, keyNames[k]);
    } catch (e) { /* no input plugin */ }
  }
  var interactiveWithPointer = 0;
  for (var j = 0; j < probeRun.interactive.length; j++) {
    var events = listenedEvents(probeRun.interactive[j]);
    for (var e = 0; e < events.length; e++) if (StringIndexOf(events[e], 'pointer') === 0 || events[e] === 'drag' || events[e] === 'dragstart') { interactiveWithPointer++; break; }
  }
  var textsChanged = 0;
  var first = probeRun.firstTexts;
  MapForEach(probeRun.texts, function (/** @type {string} */ value, /** @type {object} */ object) {
    if (first && MapHas(first, object) && MapGet(first, object) !== value) textsChanged++;
  });
  /** @type {number[]} */
  var keys = [];
  collectKeys(probeRun.keys, keys);
  return /** @type {any} */ ({
    __proto__: null,
    scenes_started: copyList(probeRun.starts),
    active_scenes: active,
    objects: objects,
    texts: MapSize(probeRun.texts),
    texts_changed: textsChanged,
    bodies: bodies,
    static_bodies: staticBodies,
    gravity: { __proto__: null, x: gravityX, y: gravityY },
    colliders: probeRun.colliders,
    overlaps: probeRun.overlaps,
    collisions_fired: probeRun.collided,
    overlaps_fired: probeRun.overlapped,
    camera_follow: probeRun.follow,
    time_events: probeRun.timeEvents,
    looping_time_events: probeRun.loopingEvents,
    tweens: probeRun.tweens,
    keys: keys,
    keyboard_events: keyboardEvents,
    pointer_events: pointerEvents,
    interactive_objects: probeRun.interactive.length,
    interactive_with_pointer: interactiveWithPointer,
    frames: options.frames,
  });
}
/** Size of a Phaser.Structs.Set (the arcade world's bodies), through its original getter. */
function phaserSetSize(/** @type {any} */ set) {
  if (!set || !P.SetProto || !P.setSize || !ObjectIsPrototypeOf(P.SetProto, set)) return 0;
  return SafeNumber(P.setSize(set)) || 0;
}
var SetForEach = uncurry(Set.prototype.forEach);
function collectKeys(/** @type {Set<number>} */ set, /** @type {number[]} */ out) {
  SetForEach(set, function (/** @type {number} */ code) { append(out, code); });
}
/** After the replay: where its state differed from run 1's at the same frame, from the input on. */
function inputChanges(/** @type {number} */ target) {
  var changed = { __proto__: null, compared: 0, positions: false, texts: false, scenes: false };
  if (!probeBaseline) return changed;
  var before = probeBaseline.digests;
  MapForEach(probeRun.digests, function (/** @type {StateDigest} */ digest, /** @type {number} */ frame) {
    var twin = MapGet(before, frame);
    if (!twin || frame <= target) return;
    changed.compared++;
    if (twin.positions !== digest.positions) changed.positions = true;
    if (twin.texts !== digest.texts) changed.texts = true;
    if (twin.scenes !== digest.scenes) changed.scenes = true;
  });
  return changed;
}
/** The texts as rendered now (the start of play, after the boot). */
function markFirstTexts() {
  var copy = new SafeMap();
  MapForEach(probeRun.texts, function (/** @type {string} */ value, /** @type {object} */ object) { MapSet(copy, object, value); });
  probeRun.firstTexts = copy;
}
