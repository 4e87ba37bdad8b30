// @ts-check
// ---- Phaser: capture the game, choose the renderer ---------------------------------------------
var rendererMode = 'canvas';
/** Phaser's own constants and constructor, captured when the harness wraps it (before the game runs). */
var phaser = { CANVAS: 1, WEBGL: 2 };
/** @type {Map<object, 'canvas' | 'webgl'>} */
var renderers = new SafeMap();
/** The scene manager Phaser made for each game (read once, right after it was constructed). @type {Map<object, object>} */
var sceneManagers = new SafeMap();
/** The renderer Phaser made for this game (read once, right after it was constructed). */
function rendererOf(/** @type {any} */ game) {
  return MapGet(renderers, game) || null;
}
function wrapPhaser() {
  var Phaser = window.Phaser;
  if (!Phaser || !Phaser.Game || Phaser.Game.__phaserSftWrapped) return;
  var OriginalGame = Phaser.Game;
  phaser = { CANVAS: Phaser.CANVAS, WEBGL: Phaser.WEBGL };
  try { captureProbes(Phaser); } catch (error) { /* a Phaser without these classes has no probes */ }
  captureLoopMeter(Phaser);
  var Game = function (/** @type {any} */ config) {
    config = config || {};
    if (rendererMode === 'canvas' && config.type !== phaser.WEBGL) config.type = phaser.CANVAS;
    var game = construct(OriginalGame, [config], new.target || Game);
    append(state.games, game);
    // the page was loaded before the game, so Phaser booted inside its constructor: these are its own
    if (game.canvas instanceof HTMLCanvasElementClass) MapSet(canvases, game, game.canvas);
    if (game.scene) MapSet(sceneManagers, game, game.scene);
    if (game.renderer) MapSet(renderers, game, game.renderer.type === phaser.WEBGL ? 'webgl' : 'canvas');
    return game;
  };
  Game.prototype = OriginalGame.prototype;
  setPrototypeOf(Game, OriginalGame);
  Game.__phaserSftWrapped = true;
  Phaser.Game = Game;
}

// ---- the loop meter: logic steps, and where a frame's real time went -----------------------------
// Phaser's SceneManager#update runs the scenes' logic once per game step, #render draws them: both
// are wrapped on the prototype captured before the game runs, so a game's loop steps are counted by
// Phaser's own calls (a paused, slept or destroyed loop adds none) and a slow frame says whether
// its time went to drawing (slow software rendering) or to the game's own logic.
var loopMeter = { steps: 0, updateMs: 0, renderMs: 0 };
function captureLoopMeter(/** @type {any} */ Phaser) {
  var manager = Phaser.Scenes && Phaser.Scenes.SceneManager && Phaser.Scenes.SceneManager.prototype;
  /** @param {'updateMs' | 'renderMs'} field */
  var timed = function (field) {
    return function (/** @type {Function} */ original) {
      return function (/** @type {unknown} */ a, /** @type {unknown} */ b) {
        var started = real.now();
        try {
          // @ts-ignore: Phaser's own `this`
          return apply(original, this, [a, b]);
        } finally {
          loopMeter[field] += real.now() - started;
          if (field === 'updateMs') loopMeter.steps++;
        }
      };
    };
  };
  hook(manager, 'update', timed('updateMs'));
  hook(manager, 'render', timed('renderMs'));
}
/** The meter's counts since `from` (a copy taken when a run started playing). */
function loopSince(/** @type {typeof loopMeter} */ from) {
  return /** @type {import('../pageApi.js').LoopMeter} */ ({ __proto__: null, steps: loopMeter.steps - from.steps, updateMs: loopMeter.updateMs - from.updateMs, renderMs: loopMeter.renderMs - from.renderMs });
}

// ---- runs --------------------------------------------------------------------------------------
/**
 * @typedef {{ hash: string, blank: boolean, frame: number }} Shot
 * @typedef {{ kind: 'baseline' | 'replay', frame: number, listeners: [EventTarget, string, any, any][], bodyChildren: Set<Element>, checkpoints: Shot[], thumbnail?: string | null, lastBlank?: boolean }} Run
 */
/** @type {Run} */
// @ts-ignore: null until the first run starts (every use comes after it)
var run = null;   // the current run: baseline (run 1) or replay (run 2)
/** @type {{ byFrame: Map<number, Shot> } | null} */
var baseline = null;

function resetWorld() {
  clock = 0; lastNow = 0; MapClear(timers); MapClear(rafQueue); nextTimerId = 1; randomState = 0x2f6b1d3;
}
/** @param {string} path @returns {Promise<boolean>} */
function loadScript(path) {
  return new SafePromise(function (resolve) {
    var script = DocumentCreateElement(document, 'script');
    EventTargetAdd(script, 'load', function () { resolve(true); });
    EventTargetAdd(script, 'error', function () { resolve(false); });
    ScriptSrcSet(script, path);
    NodeAppendChild(DocumentBody(document), script);
  });
}
function fireLoadEvents() {
  // The game arrives after the page loaded: replay the events a page-load would have fired.
  EventTargetDispatch(document, new SafeEvent('DOMContentLoaded', /** @type {any} */ ({ __proto__: null, bubbles: true })));
  EventTargetDispatch(window, new SafeEvent('load'));
}
function mainGame() { return state.games[0] || null; }
function bodyChildren() {
  var children = ElementChildren(DocumentBody(document));
  /** @type {Element[]} */
  var list = [];
  var length = HTMLCollectionLength(children);
  for (var i = 0; i < length; i++) append(list, HTMLCollectionItem(children, i));
  return list;
}
var HTMLCollectionLength = getter(HTMLCollection.prototype, 'length');
var HTMLCollectionItem = uncurry(HTMLCollection.prototype.item);
/** Start a run and wait (virtual frames, clock stopped while real work is pending) until the game is running. */
/**
 * @param {Run['kind']} kind
 * @param {HarnessOptions} options
 * @returns {Promise<Omit<import('../pageApi.js').BootResult, 'records'>>}
 */
async function startRun(kind, options) {
  resetWorld();
  var startedAt = real.now();
  var startedCpu = cpuClock;
  var box = boxOf(options.bootTimeoutMs, options);
  var before = new SafeSet();
  var children = bodyChildren();
  for (var i = 0; i < children.length; i++) SetAdd(before, children[i]);
  run = { kind: kind, frame: 0, listeners: [], bodyChildren: before, checkpoints: [] };
  probeRun = newProbeRun();
  if (kind === 'baseline') {
    var loaded = await loadScript('/game.js');
    if (!loaded) return /** @type {any} */ ({ __proto__: null, booted: false, reason: 'the game script could not be loaded' });
  } else {
    window.__phaserSftReplay = null;
    if (!(await loadScript('/game-replay.js')) || typeof window.__phaserSftReplay !== 'function') return /** @type {any} */ ({ __proto__: null, booted: false, reason: 'replay script failed' });
    try { apply(/** @type {() => void} */ (window.__phaserSftReplay), window, []); } catch (error) { return /** @type {any} */ ({ __proto__: null, booted: false, reason: describe(error) }); }
  }
  fireLoadEvents();
  var bootFrames = 0;
  while (inBox(box)) {
    await settle(box);
    var game = mainGame();
    if (game && game.isRunning && state.pending === 0) break;
    if (bootFrames++ > options.maxBootFrames) break;
    advanceFrame();
  }
  var game = mainGame();
  if (!game) return /** @type {any} */ ({ __proto__: null, booted: false, reason: 'the game never created a Phaser.Game', bootMs: real.now() - startedAt });
  if (!game.isRunning) return /** @type {any} */ ({ __proto__: null, booted: false, gameCreated: true, reason: 'the game did not finish booting within ' + options.bootTimeoutMs + ' CPU ms (' + bootFrames + ' frames, ' + MathRound(cpuClock - startedCpu) + ' CPU ms and ' + MathRound(real.now() - startedAt) + ' ms of wall time used)', bootMs: real.now() - startedAt });
  var canvas = canvasOf(game);
  return /** @type {any} */ ({ __proto__: null, booted: true, gameCreated: true, renderer: rendererOf(game) || 'canvas', bootMs: real.now() - startedAt, width: canvas ? CanvasWidth(canvas) : 0, height: canvas ? CanvasHeight(canvas) : 0 });
}
/** Step 'frames' virtual frames; checkpoint pictures; the replay run plays the input script. */
/**
 * @param {HarnessOptions} options
 * @param {boolean} withInput
 */
async function stepFrames(options, withInput) {
  var game = mainGame();
  var total = options.frames + INPUT_FRAMES;
  var startedAt = real.now();
  var startedCpu = cpuClock;
  var box = boxOf(options.frameTimeoutMs, options);
  /** @type {false | 'input' | 'before-input'} */
  var differs = false;
  while (run.frame < total && inBox(box)) {
    var windowFrame = run.frame - options.frames;
    if (withInput && windowFrame >= 0) {
      if (state.replay === 'before input') state.replay = 'input';
      for (var k = 0; k < INPUT_SCRIPT.length; k++) if (INPUT_SCRIPT[k][0] === windowFrame) {
        try { INPUT_SCRIPT[k][1](game); } catch (error) { recordError(error, 'input'); }
      }
    }
    advanceFrame();
    run.frame++;
    // the frame target has its own time box; the input window after it gets a fresh one
    if (run.frame === options.frames) box = boxOf(options.frameTimeoutMs, options);
    if (run.frame % options.checkEvery === 0 || run.frame === options.frames || run.frame === total) {
      // read right after the frame rendered, in the same task (a WebGL buffer is cleared once presented)
      var shot = picture(game, false);
      shot.frame = run.frame;
      probeCheckpoint(game, run.frame, options.frames);
      append(run.checkpoints, shot);
      if (run.kind === 'baseline' && run.frame === total) {
        run.thumbnail = thumbnail(game, options.thumbnailWidth);
        run.lastBlank = picture(game, true).blank;
      }
      if (run.kind === 'replay' && baseline) {
        var twin = MapGet(baseline.byFrame, run.frame);
        if (twin && twin.hash !== shot.hash) {
          differs = run.frame > options.frames ? 'input' : 'before-input';
          // the first picture the scripted player changed: the reviewer's "after input" screenshot
          if (differs === 'input') run.thumbnail = thumbnail(game, options.thumbnailWidth);
          break;
        }
      }
    }
    // nothing scheduled any more (the loop died or stopped): later frames cannot change anything
    if (!withInput && MapSize(timers) === 0 && MapSize(rafQueue) === 0 && state.pending === 0) break;
    await settle(box);
  }
  return /** @type {any} */ ({ __proto__: null, realMs: real.now() - startedAt, cpuMs: cpuClock - startedCpu, differs: differs, complete: run.frame >= total });
}
function teardown() {
  for (var i = 0; i < state.games.length; i++) {
    var game = state.games[i];
    try { game.destroy(true); if (game.runDestroy) game.runDestroy(); } catch (error) { /* a broken game may not destroy cleanly */ }
  }
  state.games = [];
  for (var j = 0; j < run.listeners.length; j++) {
    var entry = run.listeners[j];
    EventTargetRemove(entry[0], entry[1], entry[2], entry[3]);
  }
  var children = bodyChildren();
  for (var c = 0; c < children.length; c++) if (!SetHas(run.bodyChildren, children[c])) ElementRemove(children[c]);
  MapClear(timers); MapClear(rafQueue);
}
// listeners the game adds to window/document are removed between the two runs
EventTarget.prototype.addEventListener = function (type, listener, options) {
  if (run && (this === window || this === document)) append(run.listeners, [this, type, listener, options]);
  return EventTargetAdd(this, type, listener, options);
};

/** @returns {import('../pageApi.js').PageRecords} */
function snapshotRecords() {
  return /** @type {any} */ ({ __proto__: null, errors: copyList(state.errors), consoleErrors: copyList(state.consoleErrors), network: copyList(state.network), limits: copyList(state.limits), tampered: tampered() });
}

/** Where the game's canvas is in the viewport (CSS pixels), for Node's DevTools screenshot. */
function canvasRect(/** @type {any} */ game) {
  var canvas = canvasOf(game);
  if (!canvas) return null;
  var rect = ElementRect(canvas);
  return /** @type {any} */ ({ __proto__: null, x: RectLeft(rect), y: RectTop(rect), width: RectWidth(rect), height: RectHeight(rect) });
}

/** @type {HarnessApi} */
var api = freeze(/** @type {HarnessApi} */ (/** @type {unknown} */ ({
  __proto__: null,
  /** Node's latest reading of the page's main-thread CPU ms (the time boxes' clock). */
  clock: function (ms) {
    if (typeof ms === 'number' && ms > cpuClock) cpuClock = ms;
  },
  /** Run 1: load /game.js and boot it. */
  boot: async function (options) {
    rendererMode = options.renderer;
    wrapPhaser();
    guardBuiltIns();
    var result = /** @type {import('../pageApi.js').BootResult} */ (await startRun('baseline', options));
    result.records = snapshotRecords();
    return result;
  },
  /** Run 1: step to the frame target and through the (empty) input window. */
  play: async function (options) {
    var game = mainGame();
    markFirstTexts();
    var meterFrom = { steps: loopMeter.steps, updateMs: loopMeter.updateMs, renderMs: loopMeter.renderMs };
    var stepped = await stepFrames(options, false);
    var loop = loopSince(meterFrom);
    /** @type {Map<number, Shot>} */
    var byFrame = new SafeMap();
    var hashes = new SafeSet();
    var blank = true;
    for (var i = 0; i < run.checkpoints.length; i++) {
      var shot = run.checkpoints[i];
      MapSet(byFrame, shot.frame, shot);
      SetAdd(hashes, shot.hash);
      if (!shot.blank) blank = false;
    }
    baseline = { byFrame: byFrame };
    var probes = probeReport(game, options);
    probeBaseline = probeRun;
    return /** @type {any} */ ({
      __proto__: null,
      frames: game && game.loop ? SafeNumber(game.loop.frame) || 0 : 0,
      stepped: run.frame,
      realMs: stepped.realMs,
      cpuMs: stepped.cpuMs,
      loopAlive: !stepped.complete ? MapSize(timers) + MapSize(rafQueue) > 0 : true,
      loop: loop,
      blank: blank && run.lastBlank !== false,
      animated: SetSize(hashes) > 1,
      checkpoints: run.checkpoints.length,
      thumbnail: run.thumbnail || thumbnail(game, options.thumbnailWidth),
      canvasRect: canvasRect(game),
      probes: probes,
      records: snapshotRecords(),
    });
  },
  /**
   * Run 2: same game, same seed and clock, with the scripted player; compare pictures. Its
   * errors and attempts from the first scripted input on count as run 1's do (a game that
   * breaks on its first key press fails); errors before any input only make it inconclusive
   * (run 1 was clean, so they come from running the game twice, not from the player).
   */
  replayWithInput: async function (options) {
    state.wrapperColumns = options.wrapperColumns;
    teardown();
    state.replay = 'before input';
    var boot = await startRun('replay', options);
    markFirstTexts();
    /** @type {import('../pageApi.js').InputOutcome} */
    var outcome;
    if (!boot.booted) outcome = /** @type {any} */ ({ __proto__: null, conclusive: false, reason: 'the replay did not boot: ' + boot.reason });
    else {
      var stepped = await stepFrames(options, true);
      if (stepped.differs === 'before-input') outcome = /** @type {any} */ ({ __proto__: null, conclusive: false, reason: 'the game does not repeat itself (pictures differ before any input)' });
      else if (state.replayNoise > 0) outcome = /** @type {any} */ ({ __proto__: null, conclusive: false, reason: 'the game does not repeat itself (an error before any input in the replay)' });
      else if (stepped.differs === 'input') outcome = /** @type {any} */ ({ __proto__: null, conclusive: true, responds: true });
      else if (!stepped.complete) outcome = /** @type {any} */ ({ __proto__: null, conclusive: false, reason: 'the replay ran out of time' });
      else outcome = /** @type {any} */ ({ __proto__: null, conclusive: true, responds: false });
    }
    state.replay = 'done';
    var replayProbes = boot.booted ? probeReport(mainGame(), options) : null;
    var changes = inputChanges(options.frames);
    return /** @type {any} */ ({ __proto__: null, outcome: outcome, probes: replayProbes, changes: changes, thumbnail: run.thumbnail || null, records: snapshotRecords() });
  },
})));

// ---- tampering: built-ins the harness and the verdict rely on, as they were before the game ----
// The harness calls only what it captured, so a replaced built-in cannot reach its records; but a
// game that replaces `Function.prototype.call` to swallow its own exceptions, a canvas read-back
// or the animation-frame function has no business doing so, and says so here: an L4 error.
/** @type {[object, string, string, PropertyDescriptor | undefined][]} */
var guarded = [];
function guard(/** @type {any} */ owner, /** @type {string} */ ownerName, /** @type {string[]} */ names) {
  if (!owner) return;
  for (var i = 0; i < names.length; i++) append(guarded, [owner, ownerName, names[i], getOwnPropertyDescriptor(owner, names[i])]);
}
/** Taken once Phaser is loaded and the harness installed (boot), before the game's code runs. */
function guardBuiltIns() {
  var TypedArray = Object.getPrototypeOf(Uint8Array.prototype);
  guard(Function.prototype, 'Function.prototype', ['call', 'apply', 'bind', 'toString']);
  guard(Reflect, 'Reflect', ['apply', 'construct', 'defineProperty', 'getOwnPropertyDescriptor', 'deleteProperty']);
  guard(Object, 'Object', ['defineProperty', 'defineProperties', 'getOwnPropertyDescriptor', 'freeze', 'setPrototypeOf', 'getPrototypeOf']);
  guard(Object.prototype, 'Object.prototype', ['hasOwnProperty', 'toString', 'then', 'toJSON']);
  guard(Array.prototype, 'Array.prototype', ['push', 'slice', 'map', 'forEach', 'join', 'indexOf', 'every', 'some', 'then', 'toJSON', '0', '1']);
  guard(Map.prototype, 'Map.prototype', ['get', 'set', 'has', 'delete', 'clear', 'forEach']);
  guard(Set.prototype, 'Set.prototype', ['add', 'has']);
  guard(Promise.prototype, 'Promise.prototype', ['then', 'catch', 'finally']);
  guard(EventTarget.prototype, 'EventTarget.prototype', ['dispatchEvent', 'removeEventListener']);
  guard(CanvasRenderingContext2D.prototype, 'CanvasRenderingContext2D.prototype', ['getImageData', 'drawImage']);
  guard(HTMLCanvasElement.prototype, 'HTMLCanvasElement.prototype', ['getContext', 'toDataURL', 'width', 'height']);
  guard(TypedArray, 'TypedArray.prototype', ['length', 'buffer']);
  guard(ImageData.prototype, 'ImageData.prototype', ['data']);
  guard(Math, 'Math', ['imul', 'max', 'min', 'round', 'floor']);
  guard(performance, 'performance', ['now']);
  guard(window, 'window', ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date', 'Promise', 'Map', 'Set', 'Reflect', 'ErrorEvent', 'Event']);
  if (window.Phaser) guard(window.Phaser, 'Phaser', ['Game']);
}
/** What the game replaced, added or removed among the guarded built-ins. @returns {string[]} */
function tampered() {
  /** @type {string[]} */
  var out = [];
  for (var i = 0; i < guarded.length; i++) {
    var entry = guarded[i];
    var now = getOwnPropertyDescriptor(entry[0], entry[2]);
    var was = entry[3];
    var same = !now && !was || (now && was && now.value === was.value && now.get === was.get && now.set === was.set);
    if (!same) append(out, entry[1] + '.' + entry[2]);
  }
  return out;
}
