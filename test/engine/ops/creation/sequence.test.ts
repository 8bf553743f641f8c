import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { formatDouble } from '../../../../engine/ops/creation/format.ts';
import { factorySize } from '../../../../engine/ops/creation/size.ts';

const bits = (t: Tensor, at: number[]) => at.map((i) => new Int32Array(new Float32Array([t._values()[i]!]).buffer)[0]);

test('arange float32 rounds like PyTorch\'s vectorised kernel', () => {
  // Element 9 is base(8) + step in a SIMD lane: 0.9000000357627869, not fround(0.9) = 0.8999999761581421.
  assert.deepEqual(bits(torch.arange(0, 3, 0.1), [8, 9, 10, 29]), [1061997773, 1063675495, 1065353216, 1077516698]);
  assert.equal(torch.arange(0, 1, 0.1)._values()[9], Math.fround(0.9)); // fewer than 16 elements: scalar path
});

test('arange float64 fuses start + step * i', () => {
  const values = torch.arange(-2.3, 40.1, 0.7, { dtype: torch.float64 })._values();
  assert.deepEqual([1, 7, 10, 17, 18].map((i) => values[i]), [
    -1.5999999999999999, 2.5999999999999996, 4.699999999999999, 9.599999999999998, 10.299999999999999,
  ]);
});

test('arange sizes: int64 in integers, other dtypes ceil((end - start) / step)', () => {
  assert.equal(torch.arange(0, 10, 3).numel(), 4);
  assert.equal(torch.arange(0, 1, 1 / 3).numel(), 3);
  assert.equal(torch.arange(0, 5, 1.5, { dtype: torch.int32 }).numel(), 4);
  assert.equal(torch.arange(0, 5, 1.5, { dtype: torch.int64 }).numel(), 5);
});

test('linspace float32 matches PyTorch bit for bit, both halves', () => {
  assert.deepEqual(bits(torch.linspace(0, 1, 100), [39, 67, 91]), [1053405804, 1059930278, 1063997482]);
  assert.deepEqual(bits(torch.linspace(3.7, -1.2, 50), [37, 38, 39]), [-1291845632, -1110651692, -1102263090]);
  const ends = torch.linspace(-2.3, 40.1, 77)._values();
  assert.equal(ends[0], Math.fround(-2.3));
  assert.equal(ends[76], Math.fround(40.1));
});

test('formatDouble prints like C++ streams', () => {
  assert.equal(formatDouble(2), '2');
  assert.equal(formatDouble(2.5), '2.5');
  assert.equal(formatDouble(1.123456789), '1.12346');
  assert.equal(formatDouble(1e10), '1e+10');
  assert.equal(formatDouble(-3e38), '-3e+38');
  assert.equal(formatDouble(1e-5), '1e-05');
  assert.equal(formatDouble(0.0001), '0.0001');
  assert.equal(formatDouble(123456), '123456');
  assert.equal(formatDouble(1234567), '1.23457e+06');
  assert.equal(formatDouble(Infinity), 'inf');
  assert.equal(formatDouble(NaN), 'nan');
});

test('factory sizes: varargs, one list, a Size; messages name the bad element', () => {
  assert.deepEqual(factorySize('zeros', [2, 3]), [2, 3]);
  assert.deepEqual(factorySize('zeros', [[2, 3]]), [2, 3]);
  assert.deepEqual(factorySize('zeros', [torch.Size([4])]), [4]);
  assert.deepEqual(factorySize('zeros', []), []);
  assert.throws(() => factorySize('zeros', [2, 3.5]),
    new TypeError("zeros(): argument 'size' must be tuple of SymInts, but found element of type float at pos 2"));
  assert.throws(() => factorySize('rand', [[2, 'a']], 'ints'),
    new TypeError("rand(): argument 'size' must be tuple of ints, but found element of type str at pos 2"));
});

test('_like factories keep a dense input\'s strides', () => {
  const x = torch.zeros(2, 3).t();
  for (const like of [torch.zeros_like(x), torch.ones_like(x), torch.full_like(x, 2), torch.rand_like(x), torch.randn_like(x)]) {
    assert.deepEqual([...like.stride()], [1, 3]);
  }
});
