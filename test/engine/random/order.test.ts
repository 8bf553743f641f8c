import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../engine/index.ts';
import { iterationPermutation } from '../../../engine/core/iteration.ts';
import { forEachInIteratorOrder } from '../../../engine/random/order.ts';

test('contiguous tensors are walked row-major (innermost dimension first in the permutation)', () => {
  assert.deepEqual(iterationPermutation([2, 3, 4], [[12, 4, 1]]), [2, 1, 0]);
});

test('a transposed tensor is walked in memory order', () => {
  assert.deepEqual(iterationPermutation([3, 2], [[1, 3]]), [0, 1]);
  const x = torch.zeros(2, 3).t();
  const positions: number[] = [];
  forEachInIteratorOrder(x._shape, [{ strides: x._stride, offset: 0 }], (_, [p]) => positions.push(p!));
  assert.deepEqual(positions, [0, 1, 2, 3, 4, 5]);
});

test('a permuted 3-d tensor is walked in memory order, and the logical index says where each value goes', () => {
  const x = torch.zeros(2, 3, 4).permute(2, 0, 1);
  const visits: [number, number][] = [];
  forEachInIteratorOrder(x._shape, [{ strides: x._stride, offset: 0 }], (index, [p]) => visits.push([index, p!]));
  assert.deepEqual(visits.map(([, p]) => p), Array.from({ length: 24 }, (_, i) => i));
  // Memory position 1 is x[1, 0, 0] of the permuted view: logical index 1 * 6.
  assert.equal(visits[1]![0], 6);
});

test('broadcast (stride 0) dimensions do not decide the order; ties go to the smaller size', () => {
  assert.deepEqual(iterationPermutation([3, 2], [[1, 3], [0, 1]]), [0, 1]);
  assert.deepEqual(iterationPermutation([1, 4], [[4, 4]]), [0, 1]);
});

test('empty tensors are not visited', () => {
  let count = 0;
  forEachInIteratorOrder([2, 0], [{ strides: [1, 1], offset: 0 }], () => count++);
  assert.equal(count, 0);
});
