import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erf } from '../../../../engine/ops/nn/erf.ts';

// Reference values from Python's math.erf (correctly rounded double precision).
const reference: [number, number][] = [
  [-3.5, -0.9999992569016276], [-1, -0.8427007929497149], [-0.25, -0.2763263901682369], [1e-10, 1.1283791670955126e-10],
  [0.3, 0.3286267594591274], [0.46875, 0.49261347321793797], [0.5, 0.5204998778130465], [1.7, 0.9837904585907745],
  [4.2, 0.9999999971445058], [6, 1],
];

test('erf matches double-precision references within a few ulps', () => {
  for (const [x, expected] of reference) {
    assert.ok(Math.abs(erf(x) - expected) <= 4 * Number.EPSILON * Math.max(Math.abs(expected), 1e-300) + 1e-300, `erf(${x}) = ${erf(x)}, expected ${expected}`);
  }
});

test('erf is odd, saturates and propagates nan', () => {
  for (const x of [0.1, 0.9, 2.5, 5.1]) assert.equal(erf(-x), -erf(x));
  assert.equal(erf(30), 1);
  assert.equal(erf(-Infinity), -1);
  assert.ok(Number.isNaN(erf(NaN)));
  assert.ok(Object.is(erf(-0), -0));
});
