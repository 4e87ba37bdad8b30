// @ts-check
// ---- records -------------------------------------------------------------------------------
/** @type {{ errors: PageRecord[], consoleErrors: PageRecord[], network: NetworkRecord[], games: any[], pending: number, wrapperColumns: number }} */
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
  recordError(/** @type {PromiseRejectionEvent} */ (event).reason, 'unhandled rejection');
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
