// The L4 screenshot's PNG handling: what encodePng writes decodePng reads back, scaling averages
// boxes of pixels and keeps the aspect ratio, and anything but 8-bit RGB(A) is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePng, encodePng, scaleDown, type Rgba } from '../../../src/validate/runtime/png.js';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Rgba {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

test('encode then decode gives the same pixels', () => {
  const original = image(7, 5, (x, y) => [x * 30, y * 50, (x * y) % 256, 255 - x]);
  const back = decodePng(encodePng(original));
  assert.ok(back);
  assert.deepEqual([back.width, back.height], [7, 5]);
  assert.ok(back.data.equals(original.data));
});

test('scaling down averages each box and keeps the aspect ratio', () => {
  // left half black, right half white: scaled to 2 × 1, one black and one white pixel
  const half = image(8, 4, (x) => (x < 4 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
  const small = scaleDown(half, 2);
  assert.deepEqual([small.width, small.height], [2, 1]);
  assert.deepEqual([...small.data], [0, 0, 0, 255, 255, 255, 255, 255]);
  assert.equal(scaleDown(half, 100), half, 'never scaled up');
});

test('not a PNG, or one it does not read: null', () => {
  assert.equal(decodePng(Buffer.from('not a png at all, not even close to one')), null);
  const png = encodePng(image(2, 2, () => [1, 2, 3, 4]));
  png[24] = 16; // bit depth 16 in IHDR
  assert.equal(decodePng(png), null);
});
