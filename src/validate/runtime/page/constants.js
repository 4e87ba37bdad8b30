// @ts-check
// ---- constants and the page's own functions, captured before any game code runs ----------------
// The game runs in this same world and may overwrite any global or prototype it likes
// (`Array.prototype.push`, `Function.prototype.apply`, `Map.prototype.set`, a canvas's
// `getImageData`…). The harness keeps its state in this closure, which the game cannot name,
// and calls only the originals captured here, never a method looked up when it runs: a game
// cannot reach the harness's records through a prototype it replaced, nor hide an error by
// wrapping a function the harness calls. (Later probes of Phaser's own state capture their
// references the same way, before the game's code runs.)
/** @typedef {import('../pageApi.js').PageRecord} PageRecord */
/** @typedef {import('../pageApi.js').NetworkRecord} NetworkRecord */
/** @typedef {import('../pageApi.js').HarnessOptions} HarnessOptions */
/** @typedef {import('../pageApi.js').HarnessApi} HarnessApi */

var FRAME_MS = 1000 / 60;
var EPOCH = 1767225600000; // 2026-01-01T00:00:00Z: Date.now() at virtual time 0
var GAME_PATHS = ['/game.js', '/game-replay.js'];
/** Longest message kept from the page (a game's error text is the game's to choose). */
var MAX_MESSAGE = 500;

var apply = Reflect.apply;
var construct = Reflect.construct;
var defineProperty = Object.defineProperty;
var getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
var setPrototypeOf = Object.setPrototypeOf;
var freeze = Object.freeze;
/** `uncurry(Map.prototype.get)(map, key)` calls the original `get` whatever the game did to the prototype. */
var uncurry = /** @type {<T extends Function>(fn: T) => (self: any, ...args: any[]) => any} */ (Function.prototype.bind.bind(Function.prototype.call));
/** @param {object} proto @param {string} name */
function getter(proto, name) {
  return uncurry(/** @type {Function} */ (/** @type {PropertyDescriptor} */ (getOwnPropertyDescriptor(proto, name)).get));
}
/** @param {object} proto @param {string} name */
function setter(proto, name) {
  return uncurry(/** @type {Function} */ (/** @type {PropertyDescriptor} */ (getOwnPropertyDescriptor(proto, name)).set));
}
var SafeMap = Map;
var SafeSet = Set;
var SafePromise = Promise;
var SafeURL = URL;
var SafeUint32Array = Uint32Array;
var SafeString = String;
var SafeNumber = Number;
var SafeError = Error;
var SafeErrorEvent = ErrorEvent;
var SafeEvent = Event;
var SafeKeyboardEvent = KeyboardEvent;
var SafeMouseEvent = MouseEvent;
var SafePointerEvent = PointerEvent;
var SafeDOMException = DOMException;
var MapGet = uncurry(Map.prototype.get);
var MapSet = uncurry(Map.prototype.set);
var MapHas = uncurry(Map.prototype.has);
var MapDelete = uncurry(Map.prototype.delete);
var MapClear = uncurry(Map.prototype.clear);
var MapForEach = uncurry(Map.prototype.forEach);
var MapSize = getter(Map.prototype, 'size');
var SetAdd = uncurry(Set.prototype.add);
var SetHas = uncurry(Set.prototype.has);
var SetSize = getter(Set.prototype, 'size');
var PromiseThen = uncurry(Promise.prototype.then);
var RegExpExec = uncurry(RegExp.prototype.exec);
var StringSlice = uncurry(String.prototype.slice);
var StringToLowerCase = uncurry(String.prototype.toLowerCase);
var StringIndexOf = uncurry(String.prototype.indexOf);
var NumberToString = uncurry(Number.prototype.toString);
var ErrorStack = function (/** @type {unknown} */ error) { return /** @type {any} */ (error).stack; };
var MathMax = Math.max;
var MathMin = Math.min;
var MathRound = Math.round;
var MathFloor = Math.floor;
var MathImul = Math.imul;
var URLHref = getter(URL.prototype, 'href');
var URLOrigin = getter(URL.prototype, 'origin');
var URLPathname = getter(URL.prototype, 'pathname');
var EventTargetAdd = uncurry(EventTarget.prototype.addEventListener);
var EventTargetRemove = uncurry(EventTarget.prototype.removeEventListener);
var EventTargetDispatch = uncurry(EventTarget.prototype.dispatchEvent);
var ErrorEventError = getter(ErrorEvent.prototype, 'error');
var ErrorEventMessage = getter(ErrorEvent.prototype, 'message');
var ErrorEventFilename = getter(ErrorEvent.prototype, 'filename');
var ErrorEventLineno = getter(ErrorEvent.prototype, 'lineno');
var ErrorEventColno = getter(ErrorEvent.prototype, 'colno');
var RejectionReason = getter(PromiseRejectionEvent.prototype, 'reason');
var DocumentCreateElement = uncurry(Document.prototype.createElement);
var DocumentBody = getter(Document.prototype, 'body');
var DocumentActiveElement = getter(Document.prototype, 'activeElement');
var DocumentElementFromPoint = uncurry(Document.prototype.elementFromPoint);
var NodeAppendChild = uncurry(Node.prototype.appendChild);
var ElementChildren = getter(Element.prototype, 'children');
var ElementRemove = uncurry(Element.prototype.remove);
var ElementTagName = getter(Element.prototype, 'tagName');
var ElementRect = uncurry(Element.prototype.getBoundingClientRect);
var ScriptSrcSet = setter(HTMLScriptElement.prototype, 'src');
var CanvasWidth = getter(HTMLCanvasElement.prototype, 'width');
var CanvasHeight = getter(HTMLCanvasElement.prototype, 'height');
var CanvasSetWidth = setter(HTMLCanvasElement.prototype, 'width');
var CanvasSetHeight = setter(HTMLCanvasElement.prototype, 'height');
var CanvasGetContext = uncurry(HTMLCanvasElement.prototype.getContext);
var CanvasToDataURL = uncurry(HTMLCanvasElement.prototype.toDataURL);
var Context2dDrawImage = uncurry(CanvasRenderingContext2D.prototype.drawImage);
var Context2dGetImageData = uncurry(CanvasRenderingContext2D.prototype.getImageData);
var Context2dClearRect = uncurry(CanvasRenderingContext2D.prototype.clearRect);
var ImageDataData = getter(ImageData.prototype, 'data');
var TypedArrayBuffer = getter(Object.getPrototypeOf(Uint8Array.prototype), 'buffer');
var TypedArrayLength = getter(Object.getPrototypeOf(Uint8Array.prototype), 'length');
var PortPostMessage = uncurry(MessagePort.prototype.postMessage);
var ArrayIsArray = Array.isArray;
var pageHref = location.href;
var pageOrigin = location.origin;
var real = {
  now: performance.now.bind(performance),
  Date: Date,
  setTimeout: window.setTimeout.bind(window),
  fetch: window.fetch ? window.fetch.bind(window) : null,
};
/** @type {any} */ (Error).stackTraceLimit = 50;
// the stack a record's line comes from is V8's own text, not one a game formats
defineProperty(Error, 'prepareStackTrace', /** @type {any} */ ({ __proto__: null, value: undefined, writable: false, configurable: false }));
// `await` looks these up on every promise: a game must not be able to step into the harness's awaits
defineProperty(Promise.prototype, 'then', /** @type {any} */ ({ __proto__: null, writable: false, configurable: false }));
defineProperty(Promise.prototype, 'constructor', /** @type {any} */ ({ __proto__: null, writable: false, configurable: false }));

/** Append to a harness-owned list without `push` (or an index setter a game put on `Array.prototype`). */
function append(/** @type {any[]} */ list, /** @type {unknown} */ value) {
  defineProperty(list, list.length, /** @type {any} */ ({ __proto__: null, value: value, writable: true, enumerable: true, configurable: true }));
}
/** A copy of a harness-owned list, made the same way. */
function copyList(/** @type {any[]} */ list) {
  /** @type {any[]} */
  var out = [];
  for (var i = 0; i < list.length; i++) append(out, list[i]);
  return out;
}
/** A value's text, never throwing (a game can throw from `toString`, from a getter, from a Proxy trap). */
function text(/** @type {unknown} */ value) {
  try {
    return StringSlice(SafeString(value), 0, MAX_MESSAGE);
  } catch (e) {
    return '[unprintable value]';
  }
}
