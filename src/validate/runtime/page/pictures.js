// @ts-check
// ---- pictures: canvas hashes at checkpoints, a small PNG of the last frame -----------------------
// Read from the canvas Phaser made (captured when the game was constructed, runs.js) with the
// canvas functions captured before the game ran: a game cannot hand the harness other pixels.
// Checkpoints read a quarter-size copy (a full read-back costs ~4x more in software rendering);
// the blank verdict also reads the last frame at full size, so a small drawing is not missed.
var PROBE_WIDTH = 200;
var HTMLCanvasElementClass = HTMLCanvasElement;
var probe = /** @type {HTMLCanvasElement} */ (DocumentCreateElement(document, 'canvas'));
var probeContext = /** @type {CanvasRenderingContext2D} */ (CanvasGetContext(probe, '2d', { __proto__: null, willReadFrequently: true }));
/** The game's canvas, as Phaser created it. @type {Map<object, HTMLCanvasElement>} */
var canvases = new SafeMap();
/** @returns {HTMLCanvasElement | null} */
function canvasOf(/** @type {any} */ game) {
  if (!game) return null;
  var canvas = MapGet(canvases, game) || game.canvas;
  return canvas instanceof HTMLCanvasElementClass ? canvas : null;
}
/** @returns {Uint32Array | null} */
function pixelsOf(/** @type {any} */ game, /** @type {boolean} */ full) {
  var canvas = canvasOf(game);
  if (!canvas || !CanvasWidth(canvas) || !CanvasHeight(canvas)) return null;
  var canvasWidth = CanvasWidth(canvas);
  var canvasHeight = CanvasHeight(canvas);
  var scale = full ? 1 : MathMin(1, PROBE_WIDTH / canvasWidth);
  var width = MathMax(1, MathRound(canvasWidth * scale));
  var height = MathMax(1, MathRound(canvasHeight * scale));
  if (full && rendererOf(game) === 'canvas') {
    // the Canvas renderer's own context (the same object Phaser draws with)
    var own = CanvasGetContext(canvas, '2d');
    if (own) return new SafeUint32Array(TypedArrayBuffer(ImageDataData(Context2dGetImageData(own, 0, 0, width, height))));
  }
  // drawn in the same task as the render: a WebGL buffer is cleared once presented
  if (CanvasWidth(probe) !== width || CanvasHeight(probe) !== height) { CanvasSetWidth(probe, width); CanvasSetHeight(probe, height); }
  else Context2dClearRect(probeContext, 0, 0, width, height);
  Context2dDrawImage(probeContext, canvas, 0, 0, width, height);
  return new SafeUint32Array(TypedArrayBuffer(ImageDataData(Context2dGetImageData(probeContext, 0, 0, width, height))));
}
/** FNV-1a over the pixels, plus whether they are all one colour. */
function picture(/** @type {any} */ game, /** @type {boolean} */ full) {
  var pixels = pixelsOf(game, full);
  var length = pixels ? TypedArrayLength(pixels) : 0;
  if (!pixels || length === 0) return { __proto__: null, hash: 'none', blank: true, frame: 0 };
  var first = pixels[0];
  var uniform = true;
  var hash = 0x811c9dc5;
  for (var i = 0; i < length; i++) {
    var p = pixels[i];
    if (p !== first) uniform = false;
    hash = MathImul(hash ^ p, 0x01000193);
  }
  return { __proto__: null, hash: NumberToString(hash >>> 0, 16) + ':' + length, blank: uniform, frame: 0 };
}
function thumbnail(/** @type {any} */ game, /** @type {number} */ maxWidth) {
  var canvas = canvasOf(game);
  if (!canvas || !CanvasWidth(canvas) || !CanvasHeight(canvas)) return null;
  var scale = MathMin(1, maxWidth / CanvasWidth(canvas));
  var small = /** @type {HTMLCanvasElement} */ (DocumentCreateElement(document, 'canvas'));
  CanvasSetWidth(small, MathMax(1, MathRound(CanvasWidth(canvas) * scale)));
  CanvasSetHeight(small, MathMax(1, MathRound(CanvasHeight(canvas) * scale)));
  Context2dDrawImage(CanvasGetContext(small, '2d'), canvas, 0, 0, CanvasWidth(small), CanvasHeight(small));
  return /** @type {string} */ (CanvasToDataURL(small, 'image/png'));
}
