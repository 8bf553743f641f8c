// sort, topk and kthvalue against central finite differences in float64 (contiguous and non-contiguous inputs),
// then their backward's own backward. Random values are distinct, so small steps never reorder them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../../../engine/index.ts';
import { check, checkSecondOrder, nonContiguous, prng, randomTensor } from '../../helpers.ts';

const ops: [string, (x: Tensor) => Tensor][] = [
  ['sort', (x) => x.sort().values],
  ['sort dim 0 descending', (x) => x.sort(0, true).values],
  ['sort stable', (x) => x.sort({ dim: 1, stable: true }).values],
  ['msort', (x) => x.msort()],
  ['topk', (x) => x.topk(2).values],
  ['topk smallest dim 1 unsorted', (x) => x.topk(2, 1, false, false).values],
  ['topk partial sort path', (x) => x.reshape(-1).topk(1).values],
  ['kthvalue', (x) => x.kthvalue(2).values],
  ['kthvalue dim 0 keepdim', (x) => x.kthvalue(1, 0, true).values],
];

describe('sorting ops against finite differences', () => {
  const random = prng(17);
  for (const [name, op] of ops) {
    test(name, () => {
      check(op, [randomTensor(random, [2, 3, 4])]);
      const { leaf, view } = nonContiguous(random, [2, 3, 4]);
      check(() => op(view), [leaf]);
    });
  }
});

describe('second derivatives of sorting ops', () => {
  const random = prng(23);
  for (const [name, op] of ops) test(name, () => checkSecondOrder(op, [randomTensor(random, [2, 3, 4])]));
});

test('sorting ops record PyTorch grad_fn names', () => {
  const x = randomTensor(prng(1), [3, 4]);
  const names = [x.sort().values, x.sort({ stable: true }).values, x.msort(), x.topk(2).values, x.kthvalue(1).values]
    .map((t) => t.grad_fn!.name());
  assert.deepEqual(names, ['SortBackward0', 'SortBackward1', 'SortBackward0', 'TopkBackward0', 'KthvalueBackward0']);
});
