// Python's '{:.4f}', '{:.0f}', '{:.4e}', '{:.0e}' and str(int), checked against values CPython prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactDecimal, formatExponential, formatFixed, formatInteger } from '../../../engine/printing/float-format.ts';

// [value, '{:.4f}', '{:.0f}', '{:.4e}', '{:.0e}'] from CPython; null where the fixed form is too long to list.
const table: [number, string | null, string | null, string, string][] = [
  [0.0, '0.0000', '0', '0.0000e+00', '0e+00'],
  [-0.0, '-0.0000', '-0', '-0.0000e+00', '-0e+00'],
  [0.5, '0.5000', '0', '5.0000e-01', '5e-01'],
  [1.5, '1.5000', '2', '1.5000e+00', '2e+00'],
  [2.5, '2.5000', '2', '2.5000e+00', '2e+00'],
  [-2.5, '-2.5000', '-2', '-2.5000e+00', '-2e+00'],
  [0.125, '0.1250', '0', '1.2500e-01', '1e-01'],
  [0.03125, '0.0312', '0', '3.1250e-02', '3e-02'],
  [0.09375, '0.0938', '0', '9.3750e-02', '9e-02'],
  [1.00005, '1.0001', '1', '1.0001e+00', '1e+00'],
  [9.99995, '10.0000', '10', '1.0000e+01', '1e+01'],
  [99999.5, '99999.5000', '100000', '1.0000e+05', '1e+05'],
  [123456789.0, '123456789.0000', '123456789', '1.2346e+08', '1e+08'],
  [5e-324, '0.0000', '0', '4.9407e-324', '5e-324'],
  [1e-07, '0.0000', '0', '1.0000e-07', '1e-07'],
  [1.7976931348623157e+308, null, null, '1.7977e+308', '2e+308'],
  [0.1, '0.1000', '0', '1.0000e-01', '1e-01'],
  [0.6666666666666666, '0.6667', '1', '6.6667e-01', '7e-01'],
  [-1e-05, '-0.0000', '-0', '-1.0000e-05', '-1e-05'],
  [3.4028234663852886e+38, null, null, '3.4028e+38', '3e+38'],
  [1.401298464324817e-45, '0.0000', '0', '1.4013e-45', '1e-45'],
];

test('fixed and exponential forms match CPython, ties to even on the exact binary value', () => {
  for (const [value, fixed4, fixed0, exp4, exp0] of table) {
    if (fixed4 !== null) assert.equal(formatFixed(value, 4), fixed4, `{:.4f} of ${value}`);
    if (fixed0 !== null) assert.equal(formatFixed(value, 0), fixed0, `{:.0f} of ${value}`);
    assert.equal(formatExponential(value, 4), exp4, `{:.4e} of ${value}`);
    assert.equal(formatExponential(value, 0), exp0, `{:.0e} of ${value}`);
  }
});

test('non-finite values print as Python does in every form', () => {
  for (const precision of [0, 4]) {
    assert.equal(formatFixed(NaN, precision), 'nan');
    assert.equal(formatFixed(Infinity, precision), 'inf');
    assert.equal(formatExponential(-Infinity, precision), '-inf');
    assert.equal(formatExponential(NaN, precision), 'nan');
  }
});

test('float32 values format as their exact double value', () => {
  assert.equal(formatFixed(Math.fround(0.1), 10), '0.1000000015');
  assert.equal(formatExponential(Math.fround(1 / 3), 8), '3.33333343e-01');
});

test('large fixed values keep every digit', () => {
  assert.equal(formatFixed(1e22, 1), '10000000000000000000000.0');
  assert.equal(formatFixed(2 ** 70, 0), '1180591620717411303424');
});

test('exactDecimal expands a double exactly', () => {
  assert.deepEqual(exactDecimal(0.5), { digits: 5n, scale: 1 });
  assert.deepEqual(exactDecimal(-3), { digits: 3n, scale: 0 });
  assert.deepEqual(exactDecimal(0.1), { digits: 1000000000000000055511151231257827021181583404541015625n, scale: 55 });
});

test('integers print exactly across the int64 range', () => {
  assert.equal(formatInteger(-0), '0');
  assert.equal(formatInteger(42), '42');
  assert.equal(formatInteger(-(2 ** 63)), '-9223372036854775808');
  assert.equal(formatInteger(2 ** 62), '4611686018427387904');
});

test('every exact tie at 4 decimals rounds to even (odd multiples of 1/32)', () => {
  for (let j = 0; j < 5000; j++) {
    const value = (2 * j + 1) / 32;
    const scaled = value * 1e4; // exactly n + 0.5
    const n = Math.floor(scaled) % 2 === 0 ? Math.floor(scaled) : Math.ceil(scaled);
    const expected = `${Math.floor(n / 1e4)}.${String(n % 1e4).padStart(4, '0')}`;
    assert.equal(formatFixed(value, 4), expected, `{:.4f} of ${value}`);
    assert.equal(formatFixed(-value, 4), `-${expected}`, `{:.4f} of ${-value}`);
  }
});
