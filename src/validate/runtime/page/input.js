// @ts-check
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
