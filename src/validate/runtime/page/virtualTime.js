// @ts-check
// ---- virtual time ------------------------------------------------------------------------------
var clock = 0;      // virtual ms since the run started
var lastNow = 0;    // now() creeps forward 1 µs a call, so busy-wait loops still end
/** @typedef {{ at: number, fn: Function, args: unknown[], every: number }} Timer */
/** @type {Map<number, Timer>} */
var timers = new Map();
var nextTimerId = 1;
/** @type {Map<number, FrameRequestCallback>} */
var rafQueue = new Map();
/** @type {Map<number, FrameRequestCallback> | null} */
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
window.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (VirtualDate));
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
window.clearTimeout = window.clearInterval = function clearTimer(/** @type {number | undefined} */ id) { timers.delete(/** @type {number} */ (id)); };
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
  var best = /** @type {{ id: number, timer: Timer } | null} */ (null);
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
    if (/** @type {Map<number, FrameRequestCallback>} */ (rafRunning).has(id)) invoke(callback, window, [clock], 'animation frame');
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
