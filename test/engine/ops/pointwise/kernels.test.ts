// Scalar kernels where JavaScript's arithmetic differs from C's or PyTorch's: integer division and remainders past
// 32 bits, integer powers, bitwise ops on wide int64 values, round half to even, nan and signed zeros.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';

/** A float32 tensor (whole numbers in JavaScript would otherwise make an int64 tensor). */
const f32 = (data: number[]) => torch.tensor(data, { dtype: torch.float32 });
import { roundHalfToEven } from '../../../../engine/ops/pointwise/rounding.ts';

const values = (t: Tensor) => t._values();

test('integer floor division, trunc division and remainder are exact past 2^32', () => {
  const a = torch.tensor([9007199254740991, -9007199254740991, 12345678901234, -7]);
  const b = torch.tensor([2, 2, 1000, 2]);
  assert.deepEqual(values(torch.floor_divide(a, b)), [4503599627370495, -4503599627370496, 12345678901, -4]);
  assert.deepEqual(values(torch.div(a, b, { rounding_mode: 'trunc' })), [4503599627370495, -4503599627370495, 12345678901, -3]);
  assert.deepEqual(values(torch.remainder(a, b)), [1, 1, 234, 1]);
  assert.deepEqual(values(torch.fmod(a, b)), [1, -1, 234, -1]);
});

test('float floor division agrees with remainder: a == b * floor(a / b) + remainder(a, b)', () => {
  const a = torch.tensor([7.5, -7.5, 0.3, -0.3, 1e-30], { dtype: torch.float64 });
  const b = torch.tensor([2, 2, 0.1, 0.1, -1e10], { dtype: torch.float64 });
  const q = values(torch.floor_divide(a, b));
  const r = values(torch.remainder(a, b));
  assert.deepEqual(q, [3, -4, 2, -3, -1]);
  values(a).forEach((x, i) => assert.ok(Math.abs(values(b)[i]! * q[i]! + r[i]! - x) < 1e-12));
});

test('floor division of floats by zero gives signed infinities and nan', () => {
  const out = values(torch.floor_divide(f32([1, -1, 0]), f32([0, 0, 0])));
  assert.deepEqual(out, [Infinity, -Infinity, NaN]);
});

test('integer powers are exact, wrap at 64 bits, and give 0 for negative exponents', () => {
  assert.deepEqual(values(torch.tensor([3, -3, 7]).pow(5)), [243, -243, 16807]);
  assert.deepEqual(values(torch.pow(torch.tensor([2]), torch.tensor([64]))), [0]);
  assert.deepEqual(values(torch.pow(torch.tensor([2]), torch.tensor([63]))), [-9223372036854775808]);
  assert.deepEqual(values(torch.pow(torch.tensor([1, -1, -1, 0, 5]), torch.tensor([-4, -3, -2, -1, -1]))), [1, -1, 1, 0, 0]);
});

test('pow follows C at 1 ** nan and (-1) ** inf', () => {
  assert.deepEqual(values(f32([1, -1, -1]).pow(f32([NaN, Infinity, -Infinity]))), [1, 1, 1]);
  assert.deepEqual(values(f32([-0, -Infinity]).pow(0.5)), [-0, NaN]);
});

test('bitwise ops keep every bit of wide int64 values', () => {
  const wide = torch.tensor([2 ** 40 + 5, -(2 ** 40) - 1]);
  assert.deepEqual(values(torch.bitwise_and(wide, 2 ** 40 + 4)), [2 ** 40 + 4, 4]);
  assert.deepEqual(values(torch.bitwise_or(wide, 2)), [2 ** 40 + 7, -(2 ** 40) - 1]);
  assert.deepEqual(values(torch.bitwise_not(wide)), [-(2 ** 40) - 6, 2 ** 40]);
  assert.deepEqual(values(torch.bitwise_left_shift(torch.tensor([1]), 40)), [2 ** 40]);
  assert.deepEqual(values(torch.bitwise_right_shift(torch.tensor([-(2 ** 40)]), 38)), [-4]);
});

test('round half to even, like C nearbyint', () => {
  const cases: [number, number][] = [[0.5, 0], [1.5, 2], [2.5, 2], [-0.5, -0], [-1.5, -2], [-2.5, -2], [0.49999999999999994, 0], [2 ** 52 + 1, 2 ** 52 + 1]];
  for (const [x, want] of cases) assert.ok(Object.is(roundHalfToEven(x), want), `round(${x})`);
});

test('round with decimals scales in float32 for float32 tensors', () => {
  // 1.015 in float32 is 1.01499998569...; times 100 in float32 is exactly 101.5, which rounds to even 102.
  assert.deepEqual(values(torch.tensor([1.015]).round({ decimals: 2 })), [Math.fround(1.02)]);
  assert.deepEqual(values(torch.tensor([1.015], { dtype: torch.float64 }).round({ decimals: 2 })), [1.01]);
});

test('sigmoid underflows to 0 in float32 but not in float64', () => {
  assert.deepEqual(values(f32([-100]).sigmoid()), [0]);
  assert.ok(values(torch.tensor([-100], { dtype: torch.float64 }).sigmoid())[0]! > 0);
});

test('sign, relu, clamp and maximum on signed zeros and nan', () => {
  const x = f32([-0, NaN]);
  assert.ok(Object.is(values(x.sign())[0], 0));
  assert.equal(values(x.sign())[1], 0);
  assert.ok(Object.is(values(x.relu())[0], -0));
  assert.ok(Number.isNaN(values(x.relu())[1]!));
  assert.ok(Object.is(values(x.clamp(0, 1))[0], -0));
  assert.ok(Object.is(values(torch.maximum(f32([-0]), f32([0])))[0], -0));
  assert.ok(Object.is(values(torch.maximum(f32([0]), f32([-0])))[0], 0));
});

test('comparisons of a float32 tensor with a Python float compare in float32', () => {
  assert.deepEqual(values(torch.tensor([0.1]).eq(0.1)), [1]);
  assert.deepEqual(values(torch.tensor([0.1], { dtype: torch.float64 }).eq(torch.tensor([0.1]))), [0]);
});

test('torch.where with only a condition lists indices per dimension', () => {
  const [rows, cols] = torch.where(torch.tensor([[0, 1], [1, 1]]));
  assert.deepEqual(values(rows!), [0, 1, 1]);
  assert.deepEqual(values(cols!), [1, 0, 1]);
  assert.equal(String(torch.where(torch.tensor([true]))), '(tensor([0]),)');
});
