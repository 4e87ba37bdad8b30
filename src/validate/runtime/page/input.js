// @ts-check
// ---- input -------------------------------------------------------------------------------------
/** @type {Record<string, [number, string]>} */
var KEYS = {
  ArrowLeft: [37, 'ArrowLeft'], ArrowUp: [38, 'ArrowUp'], ArrowRight: [39, 'ArrowRight'], ArrowDown: [40, 'ArrowDown'],
  Space: [32, ' '], Enter: [13, 'Enter'], KeyW: [87, 'w'], KeyA: [65, 'a'], KeyS: [83, 's'], KeyD: [68, 'd'],
};
var RectLeft = getter(DOMRectReadOnly.prototype, 'left');
var RectTop = getter(DOMRectReadOnly.prototype, 'top');
var RectWidth = getter(DOMRectReadOnly.prototype, 'width');
var RectHeight = getter(DOMRectReadOnly.prototype, 'height');
var PRESSED = /down|move/;
/** @param {string} type @param {string} code */
function key(type, code) {
  var spec = KEYS[code];
  var event = new SafeKeyboardEvent(type, /** @type {any} */ ({ __proto__: null, key: spec[1], code: code, bubbles: true, cancelable: true }));
  defineProperty(event, 'keyCode', /** @type {any} */ ({ __proto__: null, get: function () { return spec[0]; } }));
  defineProperty(event, 'which', /** @type {any} */ ({ __proto__: null, get: function () { return spec[0]; } }));
  EventTargetDispatch(DocumentActiveElement(document) || DocumentBody(document), event);
}
/** @param {string[]} types @param {number} fx @param {number} fy @param {any} game */
function pointer(types, fx, fy, game) {
  var canvas = canvasOf(game);
  var rect = canvas ? ElementRect(canvas) : null;
  var x = rect ? RectLeft(rect) + RectWidth(rect) * fx : innerWidth * fx;
  var y = rect ? RectTop(rect) + RectHeight(rect) * fy : innerHeight * fy;
  var target = DocumentElementFromPoint(document, x, y) || canvas || DocumentBody(document);
  for (var i = 0; i < types.length; i++) {
    var type = types[i];
    var init = /** @type {any} */ ({ __proto__: null, clientX: x, clientY: y, screenX: x, screenY: y, bubbles: true, cancelable: true, button: 0, buttons: RegExpExec(PRESSED, type) ? 1 : 0, pointerId: 1, pointerType: 'mouse', isPrimary: true, view: window });
    var event = StringIndexOf(type, 'pointer') === 0 ? new SafePointerEvent(type, init) : new SafeMouseEvent(type, init);
    EventTargetDispatch(target, event);
  }
}
/** The scripted player: frame offset (within the input window) → action. @type {[number, (game: any) => void][]} */
var INPUT_SCRIPT = [];
/** @param {string} code @param {number} from @param {number} to */
function hold(code, from, to) {
  append(INPUT_SCRIPT, [from, function () { key('keydown', code); }]);
  append(INPUT_SCRIPT, [to, function () { key('keyup', code); }]);
}
/** @param {number} at @param {number} fx @param {number} fy */
function click(at, fx, fy) {
  append(INPUT_SCRIPT, [at, function (/** @type {any} */ game) { pointer(['pointermove', 'mousemove', 'pointerdown', 'mousedown'], fx, fy, game); }]);
  append(INPUT_SCRIPT, [at + 2, function (/** @type {any} */ game) { pointer(['pointerup', 'mouseup', 'click'], fx, fy, game); }]);
}
// Most games answer the first few inputs, and the replay stops at the first difference: the
// pointer (off centre, where a paddle or a player is unlikely to sit already) and arrows go first.
click(0, 0.3, 0.7);
hold('ArrowRight', 4, 12); hold('ArrowLeft', 14, 22); hold('Space', 24, 28); hold('ArrowUp', 30, 38); hold('ArrowDown', 40, 48);
hold('KeyD', 50, 58); hold('KeyA', 60, 68); hold('KeyW', 70, 76); hold('KeyS', 78, 84); hold('Enter', 86, 88);
click(90, 0.7, 0.3); click(95, 0.5, 0.5);
var INPUT_FRAMES = 100;
