// @ts-check
// ---- records: uncaught errors and console.error, with the game's own line ---------------------
// Kept in this closure only: the page cannot name them, and Node reads them through the
// harness's API handle (runGame.ts), so no run's records can be replaced or thrown away.
/**
 * `replay`: where run 2 is. Before its first scripted input an error only makes the replay
 * inconclusive (`replayNoise`); from then on errors count, as the input's doing.
 * @type {{ errors: PageRecord[], consoleErrors: PageRecord[], network: NetworkRecord[], limits: import('../pageApi.js').LimitRecord[], games: any[], pending: number, wrapperColumns: number, replay: 'no' | 'before input' | 'input' | 'done', replayNoise: number }}
 */
var state = { errors: [], consoleErrors: [], network: [], limits: [], games: [], pending: 0, wrapperColumns: 0, replay: 'no', replayNoise: 0 };
/** At most this many records of each kind. */
var MAX_RECORDS = 50;
var LOCATION = /\/(game(?:-replay)?\.js):(\d+):(\d+)/;
var GAME_FILE = /\/game(-replay)?\.js$/;

/** @returns {{ line: number, column: number } | null} */
function gameLocation(/** @type {unknown} */ stack) {
  if (typeof stack !== 'string') return null;
  var match = RegExpExec(LOCATION, stack);
  if (!match) return null;
  var line = SafeNumber(match[2]);
  var column = SafeNumber(match[3]);
  if (match[1] === 'game-replay.js' && line === 1) column = MathMax(1, column - state.wrapperColumns);
  return /** @type {any} */ ({ __proto__: null, line: line, column: column });
}
function here() {
  return gameLocation(ErrorStack(new SafeError()));
}
/** A thrown value's own stack, or null (a getter that throws, a Proxy: no line, still an error). */
function stackOf(/** @type {any} */ value) {
  try {
    return value !== null && (typeof value === 'object' || typeof value === 'function') ? value.stack : null;
  } catch (e) {
    return null;
  }
}
function describe(/** @type {any} */ value) {
  try {
    if (value && typeof value === 'object' && 'message' in value) return text((value.name ? value.name + ': ' : '') + value.message);
  } catch (e) {
    // a getter that throws: fall back to the value's own text
  }
  return text(value);
}
/**
 * @param {unknown} value
 * @param {string} where
 * @param {{ line: number, column: number } | null} [location]
 */
function recordError(value, where, location) {
  if (state.replay === 'before input') { state.replayNoise++; return; }
  if (state.errors.length >= MAX_RECORDS) return;
  var at = location || gameLocation(stackOf(value));
  // errors of the replay count as much as run 1's: a game that breaks on its first key press fails
  if (state.replay === 'input') where = 'input';
  append(state.errors, /** @type {any} */ ({ __proto__: null, message: describe(value), where: where, line: at ? at.line : null, column: at ? at.column : null }));
}
EventTargetAdd(window, 'error', function (/** @type {Event} */ event) {
  if (!(event instanceof SafeErrorEvent)) return; // resource load failures are network attempts
  var error = ErrorEventError(event);
  var at = gameLocation(stackOf(error));
  var file = ErrorEventFilename(event);
  if (!at && file && RegExpExec(GAME_FILE, file)) at = /** @type {any} */ ({ __proto__: null, line: ErrorEventLineno(event), column: ErrorEventColno(event) });
  recordError(error || ErrorEventMessage(event), 'uncaught', at);
}, true);
EventTargetAdd(window, 'unhandledrejection', function (/** @type {Event} */ event) {
  recordError(RejectionReason(event), 'unhandled rejection');
});

// Logging: console.error is a signal; the rest is dropped (a chatty update() would flood the
// DevTools protocol for nothing).
/** console.error calls a game may make (the rest of the console is dropped anyway). */
var MAX_CONSOLE_CALLS = 1000;
var consoleCalls = 0;
console.error = function () {
  if (++consoleCalls > MAX_CONSOLE_CALLS) recordLimit('console', 'more than ' + MAX_CONSOLE_CALLS + ' console.error calls');
  if (state.replay === 'before input' || state.consoleErrors.length >= MAX_RECORDS) return;
  var message = '';
  for (var i = 0; i < arguments.length && message.length < MAX_MESSAGE; i++) message += (i ? ' ' : '') + describe(arguments[i]);
  var at = here();
  append(state.consoleErrors, /** @type {any} */ ({ __proto__: null, message: StringSlice(message, 0, MAX_MESSAGE), line: at ? at.line : null, column: at ? at.column : null }));
};
console.log = console.info = console.debug = console.warn = console.trace = console.table = console.dir = function () {};

/** A cap the game ran into (timers, workers, DOM nodes, console output…), once per kind. */
function recordLimit(/** @type {string} */ kind, /** @type {string} */ message) {
  for (var i = 0; i < state.limits.length; i++) if (state.limits[i].kind === kind) return;
  var at = here();
  append(state.limits, { __proto__: null, kind: kind, message: message, line: at ? at.line : null, column: at ? at.column : null });
}
