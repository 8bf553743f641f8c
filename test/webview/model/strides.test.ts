// The webview's strided-indexing rules: its reimplementation of PyTorch's view rule (Note [View strides]) agrees with
// the engine's on every shape and stride pattern tried; walk orders and `tryView` read as PyTorch behaves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeViewStrides as engineViewStrides } from '../../../engine/core/shape.ts';
import {
  computeViewStrides, contiguousChunks, contiguousStrides, isContiguous, parseShape, storagePosition, tryView, walkOrder,
} from '../../../webview/model/strides.ts';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** Every way to write `n` as an ordered product of `rank` factors (1s included). */
function factorizations(n: number, rank: number): number[][] {
  if (rank === 1) return [[n]];
  const result: number[][] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) for (const rest of factorizations(n / d, rank - 1)) result.push([d, ...rest]);
  return result;
}

/** Shapes and strides a tensor can have: permuted contiguous layouts, with steps (slicing) and expanded dims. */
function layouts(): { shape: number[]; stride: number[] }[] {
  const result: { shape: number[]; stride: number[] }[] = [];
  for (const shape of [[6], [2, 3], [3, 2], [1, 6], [2, 1, 3], [2, 2, 3], [4, 1, 2, 1], [2, 3, 2], [1, 1], [3, 4]]) {
    const base = contiguousStrides(shape);
    for (const order of permutations(shape.length)) {
      const permutedShape = order.map((d) => shape[d]!);
      const permutedStride = order.map((d) => base[d]!);
      result.push({ shape: permutedShape, stride: permutedStride });
      result.push({ shape: permutedShape, stride: permutedStride.map((s, i) => (i === 0 ? s * 2 : s)) });
      result.push({ shape: permutedShape, stride: permutedStride.map((s, i) => (i === permutedShape.length - 1 ? 0 : s)) });
    }
  }
  return result;
}

test('computeViewStrides agrees with the engine on permuted, sliced and expanded layouts and every target shape', () => {
  let compared = 0;
  let viewable = 0;
  for (const { shape, stride } of layouts()) {
    const numel = shape.reduce((a, b) => a * b, 1);
    for (let rank = 1; rank <= 4; rank++) {
      for (const target of factorizations(numel, rank)) {
        const ours = computeViewStrides(shape, stride, target);
        assert.deepEqual(ours, engineViewStrides(shape, stride, target), `shape ${shape} stride ${stride} -> ${target}`);
        compared++;
        if (ours) viewable++;
      }
    }
  }
  assert.ok(compared > 2000 && viewable > 500 && viewable < compared, `${compared} compared, ${viewable} viewable`);
});

test('empty and zero-dimensional tensors follow PyTorch', () => {
  assert.deepEqual(computeViewStrides([], [], [1, 1]), [1, 1]);
  assert.deepEqual(computeViewStrides([0, 3], [3, 1], [3, 0]), engineViewStrides([0, 3], [3, 1], [3, 0]));
  assert.deepEqual(computeViewStrides([0, 3], [1, 5], [0, 3]), [1, 5]);
});

test('a.t() walks its storage as 0, 3, 1, 4, 2, 5 and is not contiguous', () => {
  // a = arange(6).view(2, 3); a.t() has shape (3, 2), strides (1, 3).
  assert.deepEqual(walkOrder([3, 2], [1, 3], 0), [0, 3, 1, 4, 2, 5]);
  assert.equal(isContiguous([3, 2], [1, 3]), false);
  assert.equal(isContiguous([2, 3], [3, 1]), true);
  assert.equal(isContiguous([2, 1, 3], [3, 99, 1]), true, 'size-1 dimensions are ignored');
  assert.equal(storagePosition([1, 1], [2, 1], 3), 6);
  assert.deepEqual(contiguousChunks([3, 2], [1, 3]), [[0], [1]]);
  assert.deepEqual(contiguousChunks([2, 3, 4], [12, 4, 1]), [[0, 1, 2]]);
  assert.deepEqual(contiguousChunks([2, 3, 4], [24, 4, 1]), [[0], [1, 2]]);
});

test('tryView infers -1 and gives PyTorch\'s errors', () => {
  assert.deepEqual(tryView([2, 3], [3, 1], [-1]), { ok: true, shape: [6], stride: [1] });
  assert.deepEqual(tryView([2, 3], [1, 2], [3, 2]).ok, false);
  assert.match((tryView([2, 3], [1, 2], [6]) as { message: string }).message, /^view size is not compatible with input tensor's size and stride/);
  assert.deepEqual(tryView([2, 3], [1, 2], [2, 3, 1]), { ok: true, shape: [2, 3, 1], stride: [1, 2, 2] });
  assert.match((tryView([2, 3], [3, 1], [4, -1]) as { message: string }).message, /shape '\[4, -1\]' is invalid for input of size 6/);
  assert.match((tryView([2, 3], [3, 1], [-1, -1]) as { message: string }).message, /only one dimension can be inferred/);
  assert.deepEqual(parseShape('(2, 3)'), [2, 3]);
  assert.deepEqual(parseShape('[-1]'), [-1]);
  assert.deepEqual(parseShape('6,'), [6]);
  assert.equal(parseShape('2, x'), null);
});
