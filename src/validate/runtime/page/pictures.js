// @ts-check
// ---- pictures ----------------------------------------------------------------------------------
// Checkpoints read a quarter-size copy (a full read-back costs ~4x more in software rendering);
// the blank verdict also reads the last frame at full size, so a small drawing is not missed.
var PROBE_WIDTH = 200;
var probe = document.createElement('canvas');
var probeContext = /** @type {CanvasRenderingContext2D} */ (probe.getContext('2d', { willReadFrequently: true }));
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
  /** @type {CanvasRenderingContext2D} */ (small.getContext('2d')).drawImage(canvas, 0, 0, small.width, small.height);
  return small.toDataURL('image/png');
}
