// @ts-check
// ---- time boxes: in the page's own CPU time ------------------------------------------------------
// A phase's box is counted in CPU milliseconds of the page's main thread, read by Node through
// DevTools (Performance.getMetrics' ThreadTime, pageWatch.ts) and pushed here a few times a
// second through the harness's API (`clock`): a busy machine that gives the page a small share
// of a core slows it in wall time, not in CPU time, so it does not change the verdict. A wall-
// clock ceiling, `wallFactor` times the box, still ends a page that waits without working.
/** @typedef {{ cpu: number, wall: number }} Box */
/** The page's main-thread CPU ms, as last pushed by Node. */
var cpuClock = 0;
/** A box of `ms` CPU milliseconds from now (and `ms × wallFactor` of wall time). @returns {Box} */
function boxOf(/** @type {number} */ ms, /** @type {HarnessOptions} */ options) {
  return /** @type {any} */ ({ __proto__: null, cpu: cpuClock + ms, wall: real.now() + ms * options.wallFactor });
}
function inBox(/** @type {Box} */ box) {
  return cpuClock < box.cpu && real.now() < box.wall;
}

// ---- virtual time ------------------------------------------------------------------------------
var clock = 0;      // virtual ms since the run started
var lastNow = 0;    // now() creeps forward 1 µs a call, so busy-wait loops still end
/** @typedef {{ at: number, fn: Function, args: unknown[], every: number }} Timer */
/** @type {Map<number, Timer>} */
var timers = new SafeMap();
var nextTimerId = 1;
/** @type {Map<number, FrameRequestCallback>} */
var rafQueue = new SafeMap();
/** @type {Map<number, FrameRequestCallback> | null} */
var rafRunning = null;
var timerDepth = 0;
var randomState = 0;
/** Pending timers (and, apart, animation-frame callbacks) a game may hold at once. */
var MAX_TIMERS = 10000;
/** `arguments` from `from` on, as a harness-owned list. */
function restOf(/** @type {IArguments} */ args, /** @type {number} */ from) {
  /** @type {unknown[]} */
  var out = [];
  for (var i = from; i < args.length; i++) append(out, args[i]);
  return out;
}

function virtualNow() {
  lastNow = MathMax(lastNow + 0.001, clock);
  return lastNow;
}
performance.now = virtualNow;
function VirtualDate() {
  if (!new.target) return new real.Date(EPOCH + virtualNow()).toString();
  var args = arguments.length === 0 ? [EPOCH + virtualNow()] : arguments;
  return construct(real.Date, args, new.target === VirtualDate ? real.Date : new.target);
}
VirtualDate.prototype = real.Date.prototype;
VirtualDate.now = function () { return MathFloor(EPOCH + virtualNow()); };
VirtualDate.UTC = real.Date.UTC;
VirtualDate.parse = real.Date.parse;
window.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (VirtualDate));
Math.random = function random() {
  // mulberry32: small, fast and good enough to make runs repeatable
  randomState = (randomState + 0x6d2b79f5) | 0;
  var t = randomState;
  t = MathImul(t ^ (t >>> 15), t | 1);
  t ^= t + MathImul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
function addTimer(callback, delay, args, repeat) {
  var fn = typeof callback === 'function' ? callback : function () { (0, eval)(text(callback)); };
  var ms = MathMax(0, SafeNumber(delay) || 0);
  if (timerDepth > 0 && ms < 4) ms = 4; // browsers clamp nested timers; keeps 0 ms chains finite
  var id = nextTimerId++;
  if (MapSize(timers) >= MAX_TIMERS) recordLimit('timers', 'more than ' + MAX_TIMERS + ' pending timers');
  if (MapSize(timers) >= MAX_TIMERS) throw new SafeDOMException('too many pending timers (the validator allows ' + MAX_TIMERS + ')', 'QuotaExceededError');
  MapSet(timers, id, { __proto__: null, at: clock + ms, fn: fn, args: args, every: repeat ? MathMax(4, ms) : 0 });
  return id;
}
window.setTimeout = function setTimeout(callback, delay) { return addTimer(callback, delay, restOf(arguments, 2), false); };
window.setInterval = function setInterval(callback, delay) { return addTimer(callback, delay, restOf(arguments, 2), true); };
window.clearTimeout = window.clearInterval = function clearTimer(/** @type {number | undefined} */ id) { MapDelete(timers, id); };
window.requestAnimationFrame = function requestAnimationFrame(callback) {
  var id = nextTimerId++;
  if (MapSize(rafQueue) >= MAX_TIMERS) recordLimit('timers', 'more than ' + MAX_TIMERS + ' animation-frame callbacks');
  if (MapSize(rafQueue) >= MAX_TIMERS) throw new SafeDOMException('too many animation-frame callbacks (the validator allows ' + MAX_TIMERS + ')', 'QuotaExceededError');
  MapSet(rafQueue, id, callback);
  return id;
};
window.cancelAnimationFrame = function cancelAnimationFrame(id) {
  MapDelete(rafQueue, id);
  if (rafRunning) MapDelete(rafRunning, id);
};
function invoke(fn, self, args, where) {
  try { apply(fn, self, args); } catch (error) { recordError(error, where); }
}
function nextDueTimer(limit) {
  var best = /** @type {{ id: number, timer: Timer } | null} */ (null);
  MapForEach(timers, function (/** @type {Timer} */ timer, /** @type {number} */ id) {
    if (timer.at <= limit && (!best || timer.at < best.timer.at)) best = /** @type {any} */ ({ __proto__: null, id: id, timer: timer });
  });
  return best;
}
/** One virtual frame: due timers in time order, then the animation-frame callbacks. */
function advanceFrame() {
  var end = clock + FRAME_MS;
  for (var guard = 0; guard < 10000; guard++) {
    var due = nextDueTimer(end);
    if (!due) break;
    clock = MathMax(clock, due.timer.at);
    if (due.timer.every) due.timer.at += due.timer.every; else MapDelete(timers, due.id);
    timerDepth++;
    invoke(due.timer.fn, window, due.timer.args, 'timer');
    timerDepth--;
  }
  clock = end;
  rafRunning = rafQueue;
  rafQueue = new SafeMap();
  MapForEach(rafRunning, function (/** @type {FrameRequestCallback} */ callback, /** @type {number} */ id) {
    if (MapHas(/** @type {Map<number, FrameRequestCallback>} */ (rafRunning), id)) invoke(callback, window, [clock], 'animation frame');
  });
  rafRunning = null;
}
var channel = new MessageChannel();
/** @type {Map<number, () => void>} */
var channelWaiters = new SafeMap();
var waitersIn = 0;
var waitersOut = 0;
channel.port1.onmessage = function () {
  var resolve = MapGet(channelWaiters, waitersOut);
  if (!resolve) return;
  MapDelete(channelWaiters, waitersOut++);
  resolve();
};
var port2 = channel.port2;
/** Let the real event loop run once (microtasks, image loads, refused requests). */
function yieldReal() {
  return new SafePromise(function (resolve) { MapSet(channelWaiters, waitersIn++, resolve); PortPostMessage(port2, 0); });
}
/** Wait (in real time, clock stopped) until pending async work settles; bounded by `box`. */
async function settle(/** @type {Box} */ box) {
  await yieldReal();
  while (state.pending > 0 && inBox(box)) {
    await new SafePromise(function (resolve) { real.setTimeout(resolve, 1); });
  }
}
