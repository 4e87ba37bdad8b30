import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, stableHash } from '../../src/core/index.js';

test('canonical JSON sorts keys at every depth and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
});

test('stable hash ignores key order but not values', () => {
  assert.equal(stableHash({ a: 1, b: 2 }), stableHash({ b: 2, a: 1 }));
  assert.notEqual(stableHash({ a: 1, b: 2 }), stableHash({ a: 1, b: 3 }));
  assert.equal(stableHash('x', 16).length, 16);
});
