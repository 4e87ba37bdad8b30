// @ts-check
/** @typedef {import('../pageApi.js').PageRecord} PageRecord */
/** @typedef {import('../pageApi.js').NetworkRecord} NetworkRecord */
/** @typedef {import('../pageApi.js').HarnessOptions} HarnessOptions */
/** @typedef {import('../pageApi.js').HarnessApi} HarnessApi */

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
/** @type {any} */ (Error).stackTraceLimit = 50;
