/**
 * The script that runs inside the page, before Phaser. It is kept as a string (not a function
 * serialised with `toString()`) because it must run in the browser exactly as written, untouched
 * by the TypeScript/tsx transform.
 *
 * What it does:
 * - virtual time: `performance.now`, `Date`, `setTimeout`/`setInterval` and
 *   `requestAnimationFrame` follow a clock that only the harness advances, one 1/60 s frame at a
 *   time, as fast as the CPU allows (no waiting for real frames); `Math.random` is seeded. The
 *   game is deterministic, so a second run with scripted input can be compared to the first run
 *   frame for frame: any difference is the input's doing.
 * - while real asynchronous work is pending (image decode, data: fetches, audio decode) the clock
 *   stands still, so both runs see it finish at the same virtual frame.
 * - records uncaught errors, `console.error` calls and network attempts, each with the game's own
 *   line and column (the game is loaded as its own script, `/game.js`).
 * - hashes the canvas at checkpoints (blank = one colour, animated = hashes change) and takes a
 *   small PNG of the last frame.
 *
 * Node drives it through `window.__phaserSft`: `boot`, `play`, `replayWithInput` (runGame.ts).
 * It is one script (hence one long file) because it must be in the page before anything else.
 */
export const HARNESS_SCRIPT = String.raw`(() => {
'use strict';
if (window.__phaserSft) return;
var FRAME_MS = 1000 / 60;
var EPOCH = 1767225600000; // 2026-01-01T00:00:00Z: Date.now() at virtual time 0
var GAME_PATHS = ['/game.js', '/game-replay.js'];
var real = {
  now: performance.now.bind(performance),
  Date: Date,
  setTimeout: window.setTimeout.bind(window),
  addEventListener: EventTarget.prototype.addEventListener,
  removeEventListener: EventTarget.prototype.removeEventListener,
  fetch: window.fetch ? window.fetch.bind(window) : null,
};
Error.stackTraceLimit = 50;

// ---- records -------------------------------------------------------------------------------
var state = { errors: [], consoleErrors: [], network: [], games: [], pending: 0, wrapperColumns: 0 };

function gameLocation(stack) {
  var re = /\/(game(?:-replay)?\.js):(\d+):(\d+)/g;
  var match = re.exec(String(stack || ''));
  if (!match) return null;
  var line = Number(match[2]);
  var column = Number(match[3]);
  if (match[1] === 'game-replay.js' && line === 1) column = Math.max(1, column - state.wrapperColumns);
  return { line: line, column: column };
}
function here() {
  return gameLocation(new Error().stack);
}
function describe(value) {
  if (value && typeof value === 'object' && 'message' in value) return (value.name ? value.name + ': ' : '') + value.message;
  try { return String(value); } catch (e) { return '[unprintable value]'; }
}
function recordError(value, where, location) {
  if (state.errors.length >= 50) return;
  var at = location || gameLocation(value && value.stack);
  state.errors.push({ message: describe(value), where: where, line: at ? at.line : null, column: at ? at.column : null });
}
real.addEventListener.call(window, 'error', function (event) {
  if (!(event instanceof ErrorEvent)) return; // resource load failures are network attempts
  var at = null;
  if (event.error && event.error.stack) at = gameLocation(event.error.stack);
  if (!at && event.filename && /\/game(-replay)?\.js$/.test(event.filename)) at = { line: event.lineno, column: event.colno };
  recordError(event.error || event.message, 'uncaught', at);
}, true);
real.addEventListener.call(window, 'unhandledrejection', function (event) {
  recordError(event.reason, 'unhandled rejection');
});

// Logging: console.error is a signal; the rest is dropped (a chatty update() would flood the
// DevTools protocol for nothing).
console.error = function () {
  if (state.consoleErrors.length >= 50) return;
  var parts = [];
  for (var i = 0; i < arguments.length; i++) parts.push(describe(arguments[i]));
  var at = here();
  state.consoleErrors.push({ message: parts.join(' ').slice(0, 500), line: at ? at.line : null, column: at ? at.column : null });
};
console.log = console.info = console.debug = console.warn = console.trace = console.table = console.dir = function () {};

// ---- network attempts (Node refuses them; this side adds the game's line) ----------------------
function isNetworkUrl(url) {
  var text = String(url);
  if (/^(data|blob|about|javascript):/i.test(text)) return false;
  try {
    var parsed = new URL(text, location.href);
    if (parsed.origin === location.origin && GAME_PATHS.indexOf(parsed.pathname) >= 0) return false;
    return true;
  } catch (e) {
    return false;
  }
}
function recordNetwork(api, url) {
  if (!isNetworkUrl(url) || state.network.length >= 50) return;
  var absolute;
  try { absolute = new URL(String(url), location.href).href; } catch (e) { absolute = String(url); }
  var at = here();
  state.network.push({ api: api, url: absolute, line: at ? at.line : null, column: at ? at.column : null });
}
function trackPending(promise) {
  state.pending++;
  var done = function () { state.pending--; };
  promise.then(done, done);
  return promise;
}
if (real.fetch) {
  window.fetch = function fetch(input, init) {
    recordNetwork('fetch', input && input.url ? input.url : input);
    return trackPending(real.fetch(input, init));
  };
}
var xhrOpen = XMLHttpRequest.prototype.open;
var xhrSend = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = function (method, url) {
  recordNetwork('XMLHttpRequest', url);
  return xhrOpen.apply(this, arguments);
};
XMLHttpRequest.prototype.send = function () {
  var xhr = this;
  state.pending++;
  real.addEventListener.call(xhr, 'loadend', function () { state.pending--; }, { once: true });
  try { return xhrSend.apply(this, arguments); } catch (e) { state.pending--; throw e; }
};
function wrapConstructor(name, api) {
  var Original = window[name];
  if (!Original) return;
  var Wrapped = function (url) {
    recordNetwork(api, url);
    return Reflect.construct(Original, arguments, new.target || Wrapped);
  };
  Wrapped.prototype = Original.prototype;
  Object.setPrototypeOf(Wrapped, Original);
  window[name] = Wrapped;
}
wrapConstructor('WebSocket', 'WebSocket');
wrapConstructor('EventSource', 'EventSource');
wrapConstructor('Worker', 'Worker');
wrapConstructor('SharedWorker', 'SharedWorker');
['RTCPeerConnection', 'webkitRTCPeerConnection'].forEach(function (name) {
  if (!window[name]) return;
  window[name] = function () {
    recordNetwork('RTCPeerConnection', 'stun:peer-connection');
    throw new DOMException('network access is disabled in the validator', 'NotSupportedError');
  };
});
if (navigator.sendBeacon) {
  navigator.sendBeacon = function (url) { recordNetwork('sendBeacon', url); return false; };
}
window.open = function (url) { if (url) recordNetwork('window.open', url); return null; };
function wrapUrlProperty(Class, property, api, tracksLoad) {
  var descriptor = Object.getOwnPropertyDescriptor(Class.prototype, property);
  if (!descriptor || !descriptor.set) return;
  Object.defineProperty(Class.prototype, property, {
    configurable: true,
    enumerable: descriptor.enumerable,
    get: descriptor.get,
    set: function (value) {
      recordNetwork(api, value);
      if (tracksLoad && value) {
        var element = this;
        state.pending++;
        var settle = function () {
          real.removeEventListener.call(element, 'load', settle);
          real.removeEventListener.call(element, 'error', settle);
          state.pending--;
        };
        real.addEventListener.call(element, 'load', settle);
        real.addEventListener.call(element, 'error', settle);
      }
      descriptor.set.call(this, value);
    },
  });
}
wrapUrlProperty(HTMLImageElement, 'src', 'Image', true);
wrapUrlProperty(HTMLScriptElement, 'src', 'script', false);
wrapUrlProperty(HTMLMediaElement, 'src', 'Audio', false);
wrapUrlProperty(HTMLLinkElement, 'href', 'link', false);
wrapUrlProperty(HTMLIFrameElement, 'src', 'iframe', false);
var setAttribute = Element.prototype.setAttribute;
Element.prototype.setAttribute = function (name, value) {
  var lower = String(name).toLowerCase();
  if ((lower === 'src' || lower === 'href') && !(this instanceof HTMLAnchorElement)) recordNetwork(this.tagName.toLowerCase(), value);
  return setAttribute.apply(this, arguments);
};
if (window.BaseAudioContext) {
  var decode = BaseAudioContext.prototype.decodeAudioData;
  BaseAudioContext.prototype.decodeAudioData = function () { return trackPending(decode.apply(this, arguments)); };
}
if (window.createImageBitmap) {
  var createBitmap = window.createImageBitmap;
  window.createImageBitmap = function () { return trackPending(createBitmap.apply(window, arguments)); };
}

// ---- virtual time ------------------------------------------------------------------------------
var clock = 0;      // virtual ms since the run started
var lastNow = 0;    // now() creeps forward 1 µs a call, so busy-wait loops still end
var timers = new Map();
var nextTimerId = 1;
var rafQueue = new Map();
var rafRunning = null;
var timerDepth = 0;
var randomState = 0;

function virtualNow() {
  lastNow = Math.max(lastNow + 0.001, clock);
  return lastNow;
}
performance.now = virtualNow;
function VirtualDate() {
  if (!new.target) return new real.Date(EPOCH + virtualNow()).toString();
  var args = arguments.length === 0 ? [EPOCH + virtualNow()] : Array.prototype.slice.call(arguments);
  return Reflect.construct(real.Date, args, new.target === VirtualDate ? real.Date : new.target);
}
VirtualDate.prototype = real.Date.prototype;
VirtualDate.now = function () { return Math.floor(EPOCH + virtualNow()); };
VirtualDate.UTC = real.Date.UTC;
VirtualDate.parse = real.Date.parse;
window.Date = VirtualDate;
Math.random = function random() {
  // mulberry32: small, fast and good enough to make runs repeatable
  randomState = (randomState + 0x6d2b79f5) | 0;
  var t = randomState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
function addTimer(callback, delay, args, repeat) {
  var fn = typeof callback === 'function' ? callback : function () { (0, eval)(String(callback)); };
  var ms = Math.max(0, Number(delay) || 0);
  if (timerDepth > 0 && ms < 4) ms = 4; // browsers clamp nested timers; keeps 0 ms chains finite
  var id = nextTimerId++;
  timers.set(id, { at: clock + ms, fn: fn, args: args, every: repeat ? Math.max(4, ms) : 0 });
  return id;
}
window.setTimeout = function setTimeout(callback, delay) { return addTimer(callback, delay, Array.prototype.slice.call(arguments, 2), false); };
window.setInterval = function setInterval(callback, delay) { return addTimer(callback, delay, Array.prototype.slice.call(arguments, 2), true); };
window.clearTimeout = window.clearInterval = function clearTimer(id) { timers.delete(id); };
window.requestAnimationFrame = function requestAnimationFrame(callback) {
  var id = nextTimerId++;
  rafQueue.set(id, callback);
  return id;
};
window.cancelAnimationFrame = function cancelAnimationFrame(id) {
  rafQueue.delete(id);
  if (rafRunning) rafRunning.delete(id);
};
function invoke(fn, self, args, where) {
  try { fn.apply(self, args); } catch (error) { recordError(error, where); }
}
function nextDueTimer(limit) {
  var best = null;
  timers.forEach(function (timer, id) {
    if (timer.at <= limit && (!best || timer.at < best.timer.at)) best = { id: id, timer: timer };
  });
  return best;
}
/** One virtual frame: due timers in time order, then the animation-frame callbacks. */
function advanceFrame() {
  var end = clock + FRAME_MS;
  for (var guard = 0; guard < 10000; guard++) {
    var due = nextDueTimer(end);
    if (!due) break;
    clock = Math.max(clock, due.timer.at);
    if (due.timer.every) due.timer.at += due.timer.every; else timers.delete(due.id);
    timerDepth++;
    invoke(due.timer.fn, window, due.timer.args, 'timer');
    timerDepth--;
  }
  clock = end;
  rafRunning = rafQueue;
  rafQueue = new Map();
  rafRunning.forEach(function (callback, id) {
    if (rafRunning.has(id)) invoke(callback, window, [clock], 'animation frame');
  });
  rafRunning = null;
}
var channel = new MessageChannel();
var channelWaiters = [];
channel.port1.onmessage = function () { var resolve = channelWaiters.shift(); if (resolve) resolve(); };
/** Let the real event loop run once (microtasks, image loads, refused requests). */
function yieldReal() {
  return new Promise(function (resolve) { channelWaiters.push(resolve); channel.port2.postMessage(0); });
}
/** Wait (in real time, clock stopped) until pending async work settles; bounded. */
async function settle(deadline) {
  await yieldReal();
  while (state.pending > 0 && real.now() < deadline) {
    await new Promise(function (resolve) { real.setTimeout(resolve, 1); });
  }
}

// ---- Phaser: capture the game, choose the renderer ---------------------------------------------
var rendererMode = 'canvas';
function wrapPhaser() {
  var Phaser = window.Phaser;
  if (!Phaser || !Phaser.Game || Phaser.Game.__phaserSftWrapped) return;
  var OriginalGame = Phaser.Game;
  var Game = function (config) {
    config = config || {};
    if (rendererMode === 'canvas' && config.type !== Phaser.WEBGL) config.type = Phaser.CANVAS;
    var game = Reflect.construct(OriginalGame, [config], new.target || Game);
    state.games.push(game);
    return game;
  };
  Game.prototype = OriginalGame.prototype;
  Object.setPrototypeOf(Game, OriginalGame);
  Game.__phaserSftWrapped = true;
  Phaser.Game = Game;
}

// ---- pictures ----------------------------------------------------------------------------------
// Checkpoints read a quarter-size copy (a full read-back costs ~4x more in software rendering);
// the blank verdict also reads the last frame at full size, so a small drawing is not missed.
var PROBE_WIDTH = 200;
var probe = document.createElement('canvas');
var probeContext = probe.getContext('2d', { willReadFrequently: true });
function pixelsOf(game, full) {
  var canvas = game && game.canvas;
  if (!canvas || !canvas.width || !canvas.height) return null;
  var scale = full ? 1 : Math.min(1, PROBE_WIDTH / canvas.width);
  var width = Math.max(1, Math.round(canvas.width * scale));
  var height = Math.max(1, Math.round(canvas.height * scale));
  if (full && game.renderer && game.renderer.type === window.Phaser.CANVAS && game.context) {
    return new Uint32Array(game.context.getImageData(0, 0, width, height).data.buffer);
  }
  // drawn in the same task as the render: a WebGL buffer is cleared once presented
  if (probe.width !== width || probe.height !== height) { probe.width = width; probe.height = height; }
  else probeContext.clearRect(0, 0, width, height);
  probeContext.drawImage(canvas, 0, 0, width, height);
  return new Uint32Array(probeContext.getImageData(0, 0, width, height).data.buffer);
}
/** FNV-1a over the pixels, plus whether they are all one colour. */
function picture(game, full) {
  var pixels = pixelsOf(game, full);
  if (!pixels || pixels.length === 0) return { hash: 'none', blank: true };
  var first = pixels[0];
  var uniform = true;
  var hash = 0x811c9dc5;
  for (var i = 0; i < pixels.length; i++) {
    var p = pixels[i];
    if (p !== first) uniform = false;
    hash = Math.imul(hash ^ p, 0x01000193);
  }
  return { hash: (hash >>> 0).toString(16) + ':' + pixels.length, blank: uniform };
}
function thumbnail(game, maxWidth) {
  var canvas = game && game.canvas;
  if (!canvas || !canvas.width || !canvas.height) return null;
  var scale = Math.min(1, maxWidth / canvas.width);
  var small = document.createElement('canvas');
  small.width = Math.max(1, Math.round(canvas.width * scale));
  small.height = Math.max(1, Math.round(canvas.height * scale));
  small.getContext('2d').drawImage(canvas, 0, 0, small.width, small.height);
  return small.toDataURL('image/png');
}

// ---- input -------------------------------------------------------------------------------------
var KEYS = {
  ArrowLeft: [37, 'ArrowLeft'], ArrowUp: [38, 'ArrowUp'], ArrowRight: [39, 'ArrowRight'], ArrowDown: [40, 'ArrowDown'],
  Space: [32, ' '], Enter: [13, 'Enter'], KeyW: [87, 'w'], KeyA: [65, 'a'], KeyS: [83, 's'], KeyD: [68, 'd'],
};
function key(type, code) {
  var spec = KEYS[code];
  var event = new KeyboardEvent(type, { key: spec[1], code: code, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'keyCode', { get: function () { return spec[0]; } });
  Object.defineProperty(event, 'which', { get: function () { return spec[0]; } });
  (document.activeElement || document.body).dispatchEvent(event);
}
function pointer(types, fx, fy, game) {
  var canvas = game && game.canvas;
  var rect = canvas ? canvas.getBoundingClientRect() : { left: 0, top: 0, width: innerWidth, height: innerHeight };
  var x = rect.left + rect.width * fx;
  var y = rect.top + rect.height * fy;
  var target = document.elementFromPoint(x, y) || canvas || document.body;
  types.forEach(function (type) {
    var init = { clientX: x, clientY: y, screenX: x, screenY: y, bubbles: true, cancelable: true, button: 0, buttons: /down|move/.test(type) ? 1 : 0, pointerId: 1, pointerType: 'mouse', isPrimary: true, view: window };
    var event = type.indexOf('pointer') === 0 ? new PointerEvent(type, init) : new MouseEvent(type, init);
    target.dispatchEvent(event);
  });
}
/** The scripted player: frame offset (within the input window) → action. */
var INPUT_SCRIPT = [];
function hold(code, from, to) {
  INPUT_SCRIPT.push([from, function () { key('keydown', code); }]);
  INPUT_SCRIPT.push([to, function () { key('keyup', code); }]);
}
function click(at, fx, fy) {
  INPUT_SCRIPT.push([at, function (game) { pointer(['pointermove', 'mousemove', 'pointerdown', 'mousedown'], fx, fy, game); }]);
  INPUT_SCRIPT.push([at + 2, function (game) { pointer(['pointerup', 'mouseup', 'click'], fx, fy, game); }]);
}
// Most games answer the first few inputs, and the replay stops at the first difference: the
// pointer (off centre, where a paddle or a player is unlikely to sit already) and arrows go first.
click(0, 0.3, 0.7);
hold('ArrowRight', 4, 12); hold('ArrowLeft', 14, 22); hold('Space', 24, 28); hold('ArrowUp', 30, 38); hold('ArrowDown', 40, 48);
hold('KeyD', 50, 58); hold('KeyA', 60, 68); hold('KeyW', 70, 76); hold('KeyS', 78, 84); hold('Enter', 86, 88);
click(90, 0.7, 0.3); click(95, 0.5, 0.5);
var INPUT_FRAMES = 100;

// ---- runs --------------------------------------------------------------------------------------
var run = null;   // the current run: baseline (run 1) or replay (run 2)
var baseline = null;

function resetWorld() {
  clock = 0; lastNow = 0; timers.clear(); rafQueue.clear(); nextTimerId = 1; randomState = 0x2f6b1d3;
}
function loadScript(path) {
  return new Promise(function (resolve) {
    var script = document.createElement('script');
    script.onload = function () { resolve(true); };
    script.onerror = function () { resolve(false); };
    script.src = path;
    document.body.appendChild(script);
  });
}
function fireLoadEvents() {
  // The game arrives after the page loaded: replay the events a page-load would have fired.
  document.dispatchEvent(new Event('DOMContentLoaded', { bubbles: true }));
  window.dispatchEvent(new Event('load'));
}
function mainGame() { return state.games[0] || null; }
/** Start a run and wait (virtual frames, clock stopped while real work is pending) until the game is running. */
async function startRun(kind, options) {
  resetWorld();
  var startedAt = real.now();
  var deadline = startedAt + options.bootTimeoutMs;
  run = { kind: kind, frame: 0, listeners: [], bodyChildren: new Set(Array.prototype.slice.call(document.body.children)), checkpoints: [] };
  if (kind === 'baseline') {
    var loaded = await loadScript('/game.js');
    if (!loaded) return { booted: false, reason: 'the game script could not be loaded' };
  } else {
    window.__phaserSftReplay = null;
    if (!(await loadScript('/game-replay.js')) || typeof window.__phaserSftReplay !== 'function') return { booted: false, reason: 'replay script failed' };
    try { window.__phaserSftReplay.call(window); } catch (error) { return { booted: false, reason: describe(error) }; }
  }
  fireLoadEvents();
  var bootFrames = 0;
  while (real.now() < deadline) {
    await settle(deadline);
    var game = mainGame();
    if (game && game.isRunning && state.pending === 0) break;
    if (bootFrames++ > options.maxBootFrames) break;
    advanceFrame();
  }
  var game = mainGame();
  if (!game) return { booted: false, reason: 'the game never created a Phaser.Game', bootMs: real.now() - startedAt };
  if (!game.isRunning) return { booted: false, gameCreated: true, reason: 'the game did not finish booting within ' + options.bootTimeoutMs + ' ms (' + bootFrames + ' frames)', bootMs: real.now() - startedAt };
  return { booted: true, gameCreated: true, renderer: game.renderer && game.renderer.type === window.Phaser.WEBGL ? 'webgl' : 'canvas', bootMs: real.now() - startedAt, width: game.canvas.width, height: game.canvas.height };
}
/** Step 'frames' virtual frames; checkpoint pictures; the replay run plays the input script. */
async function stepFrames(options, withInput) {
  var game = mainGame();
  var total = options.frames + INPUT_FRAMES;
  var startedAt = real.now();
  var deadline = startedAt + options.frameTimeoutMs;
  var differs = false;
  while (run.frame < total && real.now() < deadline) {
    var windowFrame = run.frame - options.frames;
    if (withInput && windowFrame >= 0) {
      for (var k = 0; k < INPUT_SCRIPT.length; k++) if (INPUT_SCRIPT[k][0] === windowFrame) {
        try { INPUT_SCRIPT[k][1](game); } catch (error) { recordError(error, 'input'); }
      }
    }
    advanceFrame();
    run.frame++;
    // the frame target has its own time box; the input window after it gets a fresh one
    if (run.frame === options.frames) deadline = real.now() + options.frameTimeoutMs;
    if (run.frame % options.checkEvery === 0 || run.frame === options.frames || run.frame === total) {
      // read right after the frame rendered, in the same task (a WebGL buffer is cleared once presented)
      var shot = picture(game, false);
      shot.frame = run.frame;
      run.checkpoints.push(shot);
      if (run.kind === 'baseline' && run.frame === total) {
        run.thumbnail = thumbnail(game, options.thumbnailWidth);
        run.lastBlank = picture(game, true).blank;
      }
      if (run.kind === 'replay' && baseline) {
        var twin = baseline.byFrame[run.frame];
        if (twin && twin.hash !== shot.hash) { differs = run.frame > options.frames ? 'input' : 'before-input'; break; }
      }
    }
    // nothing scheduled any more (the loop died or stopped): later frames cannot change anything
    if (!withInput && timers.size === 0 && rafQueue.size === 0 && state.pending === 0) break;
    await settle(deadline);
  }
  return { realMs: real.now() - startedAt, differs: differs, complete: run.frame >= total };
}
function teardown() {
  state.games.forEach(function (game) {
    try { game.destroy(true); if (game.runDestroy) game.runDestroy(); } catch (error) { /* a broken game may not destroy cleanly */ }
  });
  state.games = [];
  run.listeners.forEach(function (entry) { real.removeEventListener.call(entry[0], entry[1], entry[2], entry[3]); });
  Array.prototype.slice.call(document.body.children).forEach(function (child) { if (!run.bodyChildren.has(child)) child.remove(); });
  timers.clear(); rafQueue.clear();
}
// listeners the game adds to window/document are removed between the two runs
EventTarget.prototype.addEventListener = function (type, listener, options) {
  if (run && (this === window || this === document)) run.listeners.push([this, type, listener, options]);
  return real.addEventListener.call(this, type, listener, options);
};

function snapshotRecords() {
  return { errors: state.errors.slice(), consoleErrors: state.consoleErrors.slice(), network: state.network.slice() };
}

var api = {
  /** Run 1: load /game.js and boot it. */
  boot: async function (options) {
    rendererMode = options.renderer;
    wrapPhaser();
    var result = await startRun('baseline', options);
    result.records = snapshotRecords();
    return result;
  },
  /** Run 1: step to the frame target and through the (empty) input window. */
  play: async function (options) {
    var game = mainGame();
    var stepped = await stepFrames(options, false);
    var byFrame = {};
    run.checkpoints.forEach(function (shot) { byFrame[shot.frame] = shot; });
    baseline = { byFrame: byFrame };
    var hashes = new Set(run.checkpoints.map(function (shot) { return shot.hash; }));
    return {
      frames: game && game.loop ? game.loop.frame : 0,
      stepped: run.frame,
      realMs: stepped.realMs,
      loopAlive: !stepped.complete ? timers.size + rafQueue.size > 0 : true,
      blank: run.checkpoints.every(function (shot) { return shot.blank; }) && run.lastBlank !== false,
      animated: hashes.size > 1,
      checkpoints: run.checkpoints.length,
      thumbnail: run.thumbnail || thumbnail(game, options.thumbnailWidth),
      records: snapshotRecords(),
    };
  },
  /** Run 2: same game, same seed and clock, with the scripted player; compare pictures. */
  replayWithInput: async function (options) {
    state.wrapperColumns = options.wrapperColumns;
    var before = snapshotRecords();
    teardown();
    var boot = await startRun('replay', options);
    var outcome;
    if (!boot.booted) outcome = { conclusive: false, reason: 'the replay did not boot: ' + boot.reason };
    else {
      var stepped = await stepFrames(options, true);
      if (stepped.differs === 'before-input') outcome = { conclusive: false, reason: 'the game does not repeat itself (pictures differ before any input)' };
      else if (stepped.differs === 'input') outcome = { conclusive: true, responds: true };
      else if (!stepped.complete) outcome = { conclusive: false, reason: 'the replay ran out of time' };
      else outcome = { conclusive: true, responds: false };
    }
    // run 1 is the game's verdict: the replay's own records are not kept
    state.errors = before.errors; state.consoleErrors = before.consoleErrors; state.network = before.network;
    return outcome;
  },
};
Object.defineProperty(window, '__phaserSft', { value: api, configurable: false, enumerable: false, writable: false });
})();`;
