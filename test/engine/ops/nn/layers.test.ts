// Finite-difference checks (float64) for the layer ops: embedding, layer_norm, conv1d/conv2d, the 2-d poolings and
// batch_norm, over their strides, paddings, dilations, groups and modes, plus a second-order check of each backward.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F, torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { check, checkSecondOrder, prng, randomTensor } from '../../helpers.ts';

const random = prng(11);
const r = (shape: number[], low = -2, high = 2) => randomTensor(random, shape, low, high);

test('embedding: gradients reach the picked rows, never padding_idx', () => {
  const index = torch.tensor([[0, 2, 2], [3, 1, 0]]);
  check((w) => F.embedding(index, w), [r([4, 3])]);
  const weight = r([4, 3]);
  F.embedding(index, weight, { padding_idx: -4 }).sum().backward();
  assert.deepEqual(weight.grad!.getitem('0').tolist(), [0, 0, 0]);
  assert.deepEqual(weight.grad!.getitem('2').tolist(), [2, 2, 2]);
});

test('layer_norm with and without affine parameters', () => {
  check((x) => F.layer_norm(x, [4]), [r([3, 4])]);
  check((x, w, b) => F.layer_norm(x, [3, 2], w, b), [r([2, 3, 2]), r([3, 2]), r([3, 2])]);
  check((x, w) => F.layer_norm(x.transpose(0, 1), [2], w, { eps: 0.1 }), [r([2, 3]), r([2])]);
  checkSecondOrder((x, w) => F.layer_norm(x, [4], w), [r([2, 4]), r([4])]);
});

test('conv2d over strides, paddings, dilations and groups', () => {
  check((x, w, b) => F.conv2d(x, w, b), [r([2, 2, 4, 4]), r([3, 2, 2, 2]), r([3])]);
  check((x, w) => F.conv2d(x, w, null, [2, 1], [1, 2], [2, 1]), [r([1, 2, 5, 4]), r([2, 2, 2, 3])]);
  check((x, w, b) => F.conv2d(x, w, b, { groups: 2, padding: 1 }), [r([1, 4, 3, 3]), r([4, 2, 2, 2]), r([4])]);
  check((x, w) => F.conv2d(x, w, { padding: 'same', dilation: 1 }), [r([1, 1, 4, 3]), r([2, 1, 2, 2])]);
  check((x, w) => F.conv2d(x.transpose(2, 3), w), [r([1, 2, 4, 3]), r([1, 2, 2, 2])]);
  check((x, w) => F.conv2d(x, w), [r([2, 3, 3]), r([2, 2, 2, 2])]);
  checkSecondOrder((x, w) => F.conv2d(x, w, { stride: 2, padding: 1 }), [r([1, 2, 4, 4]), r([2, 2, 3, 3])]);
});

test('conv1d, batched and unbatched', () => {
  check((x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 1, dilation: 2 }), [r([2, 2, 7]), r([3, 2, 3]), r([3])]);
  check((x, w) => F.conv1d(x, w, { padding: 'same', groups: 2 }), [r([4, 5]), r([2, 2, 4])]);
});

test('max_pool2d: gradient flows to each window maximum', () => {
  check((x) => F.max_pool2d(x, 2) as Tensor, [r([1, 2, 4, 4])]);
  check((x) => F.max_pool2d(x, [3, 2], { stride: [2, 1], padding: 1, dilation: [1, 2], ceil_mode: true }) as Tensor, [r([2, 1, 5, 6])]);
  check((x) => F.max_pool2d(x, 2, 1) as Tensor, [r([2, 3, 3])]);
});

test('avg_pool2d and adaptive_avg_pool2d', () => {
  check((x) => F.avg_pool2d(x, 2), [r([1, 2, 4, 4])]);
  check((x) => F.avg_pool2d(x, 3, 2, 1, true, false), [r([2, 1, 6, 5])]);
  check((x) => F.avg_pool2d(x, [2, 3], { padding: [1, 1], divisor_override: 4 }), [r([2, 5, 4])]);
  check((x) => F.adaptive_avg_pool2d(x, [2, 3]), [r([1, 2, 5, 7])]);
  check((x) => F.adaptive_avg_pool2d(x, 1), [r([2, 3, 3])]);
  checkSecondOrder((x) => F.avg_pool2d(x, 2, 1, 1), [r([1, 1, 3, 3])]);
});

test('batch_norm in training and evaluation mode', () => {
  check((x, w, b) => F.batch_norm(x, null, null, w, b, true), [r([3, 2, 4]), r([2]), r([2])]);
  check((x) => F.batch_norm(x, null, null, { training: true, eps: 0.01 }), [r([4, 3])]);
  const mean = torch.tensor([0.5, -0.25], { dtype: torch.float64 });
  const variance = torch.tensor([2.0, 0.5], { dtype: torch.float64 });
  check((x, w, b) => F.batch_norm(x, mean, variance, w, b), [r([3, 2, 2, 2]), r([2]), r([2])]);
  checkSecondOrder((x, w) => F.batch_norm(x, null, null, w, null, true), [r([3, 2]), r([2])]);
});
