import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyfloat, torch } from '../../../../engine/index.ts';
import { ValueError } from '../../../../engine/core/errors.ts';
import { computeSizes, inferDType } from '../../../../engine/ops/creation/tensor-data.ts';

test('dtype inference promotes over the whole list, as infer_scalar_type does', () => {
  assert.equal(inferDType([1, 2]), torch.int64);
  assert.equal(inferDType([1, 2.5]), torch.float32);
  assert.equal(inferDType([1, pyfloat(2)]), torch.float32);
  assert.equal(inferDType([true, false]), torch.bool);
  assert.equal(inferDType([true, 1]), torch.int64);
  assert.equal(inferDType([]), torch.float32);
  assert.equal(inferDType([torch.tensor(1, { dtype: torch.int32 }), 2]), torch.int64);
  assert.equal(inferDType([torch.tensor(1.0, { dtype: torch.float64 }), 2]), torch.float64);
});

test('sizes follow first elements; a tensor inside a list is a leaf', () => {
  assert.deepEqual(computeSizes([[1, 2], [3, 4], [5, 6]]), [3, 2]);
  assert.deepEqual(computeSizes([[], []]), [2, 0]);
  assert.deepEqual(computeSizes([torch.tensor([1]), 2]), [2]);
  assert.deepEqual(computeSizes(3), []);
});

test('ragged data fails with PyTorch\'s messages', () => {
  assert.throws(() => torch.tensor([[1, 2], [3]]), new ValueError('expected sequence of length 2 at dim 1 (got 1)'));
  assert.throws(() => torch.tensor([[1, 2], 3]), new TypeError('not a sequence'));
  assert.throws(() => torch.tensor([1, [2, 3]]), new TypeError("'list' object cannot be interpreted as an integer"));
});

test('tensor copies typed arrays with their dtype', () => {
  const data = new Float64Array([1.5, 2.5]);
  const t = torch.tensor(data);
  data[0] = 9;
  assert.equal(t.dtype, torch.float64);
  assert.deepEqual(t.tolist(), [1.5, 2.5]);
  assert.equal(torch.tensor(new Int32Array([1, 2])).dtype, torch.int32);
  assert.deepEqual(torch.tensor(new BigInt64Array([3n, -4n])).tolist(), [3, -4]);
  assert.equal(torch.tensor(new BigInt64Array([3n])).dtype, torch.int64);
});

test('as_tensor shares memory with Float32Array, Float64Array and Int32Array', () => {
  for (const [data, dtype] of [
    [new Float32Array([1, 2, 3]), torch.float32],
    [new Float64Array([1, 2, 3]), torch.float64],
    [new Int32Array([1, 2, 3]), torch.int32],
  ] as const) {
    const t = torch.as_tensor(data);
    assert.equal(t.dtype, dtype);
    data[0] = 7;
    assert.equal(t._values()[0], 7);
    t.mul_(2);
    assert.equal(data[1], 4);
  }
});

test('as_tensor copies when the dtype changes or the array is a BigInt64Array', () => {
  const data = new Float32Array([1, 2]);
  const t = torch.as_tensor(data, { dtype: torch.float64 });
  data[0] = 5;
  assert.deepEqual(t.tolist(), [1, 2]);
  const big = new BigInt64Array([1n, 2n]);
  const b = torch.as_tensor(big);
  big[0] = 5n;
  assert.deepEqual(b.tolist(), [1, 2]);
});

test('as_tensor of a tensor of the same dtype is that tensor', () => {
  const x = torch.tensor([1.5, 2.5]);
  assert.equal(torch.as_tensor(x), x);
  assert.notEqual(torch.as_tensor(x, { dtype: torch.float64 }), x);
});

test('legacy constructors: a size, data, or the same tensor', () => {
  assert.deepEqual([...torch.FloatTensor(2, 3).shape], [2, 3]);
  assert.deepEqual(torch.FloatTensor([2, 3]).tolist(), [2, 3]);
  const x = torch.tensor([1.5]);
  assert.equal(torch.FloatTensor(x), x);
  assert.throws(() => torch.LongTensor(x), TypeError);
});
