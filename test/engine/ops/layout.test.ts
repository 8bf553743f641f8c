// Note [Outputs follow their inputs' layout]: the strides of elementwise results, checked against PyTorch 1.13.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../engine/index.ts';
import type { Tensor } from '../../../engine/index.ts';
import { isNonOverlappingAndDense } from '../../../engine/ops/layout.ts';

const strides = (t: Tensor) => [...t.stride()];

test('results of elementwise ops take the strides PyTorch gives them', () => {
  const a = torch.ones(2, 3);
  const b = torch.ones(2, 3, 4);
  const cases: [string, Tensor, number[]][] = [
    ['a.t().exp()', a.t().exp(), [1, 3]],
    ['a.t() + 1', a.t().add(1), [1, 3]],
    ['a.t() + ones(3, 2)', a.t().add(torch.ones(3, 2)), [1, 3]],
    ['ones(3, 2) + a.t()', torch.ones(3, 2).add(a.t()), [2, 1]],
    ['b.permute(2, 0, 1).neg()', b.permute(2, 0, 1).neg(), [1, 12, 4]],
    ['b.permute(1, 2, 0) * 2 operands', b.permute(1, 2, 0).add(b.permute(1, 2, 0)), [4, 1, 12]],
    ['b.permute(2, 0, 1) + ones(4, 1, 3)', b.permute(2, 0, 1).add(torch.ones(4, 1, 3)), [1, 12, 4]],
    ['b.transpose(0, 2) stepped', b.transpose(0, 2).getitem('::2').exp(), [1, 2, 6]],
    ['a.t()[:, :1].exp()', a.t().getitem(':, :1').exp(), [1, 1]],
    ['ones(3, 1, 2).transpose(0, 2).exp()', torch.ones(3, 1, 2).transpose(0, 2).exp(), [1, 2, 2]],
    ['expanded + contiguous', torch.ones(1, 3).expand(2, 3).add(a), [3, 1]],
    ['ones(2, 1).t() + ones(3, 1)', torch.ones(2, 1).t().add(torch.ones(3, 1)), [2, 1]],
    ['a.t().double()', a.t().double(), [1, 3]],
    ['a[:, ::2].double()', a.getitem(':, ::2').double(), [2, 1]],
    ['stepped transpose + contiguous', torch.ones(4, 3).t().getitem(':, ::2').add(torch.ones(3, 2)), [1, 3]],
    ['first operand decides', torch.ones(3, 2, 4).permute(1, 2, 0).add(torch.ones(2, 4, 3)), [4, 1, 8]],
    ['contiguous first operand decides', torch.ones(2, 4, 3).add(torch.ones(3, 2, 4).permute(1, 2, 0)), [12, 3, 1]],
    ['zero-size results are contiguous', torch.ones(0, 3).t().exp(), [1, 1]],
  ];
  for (const [what, result, want] of cases) assert.deepEqual(strides(result), want, what);
});

test('values are right whatever the output layout', () => {
  const a = torch.tensor([[1, 2, 3], [4, 5, 6]], { dtype: torch.float32 });
  const sum = a.t().add(torch.tensor([[10, 20], [30, 40], [50, 60]], { dtype: torch.float32 }));
  assert.deepEqual(sum.tolist(), [[11, 24], [32, 45], [53, 66]]);
  assert.deepEqual(a.t().neg().tolist(), [[-1, -4], [-2, -5], [-3, -6]]);
});

test('is_non_overlapping_and_dense', () => {
  assert.equal(isNonOverlappingAndDense([2, 3], [1, 2]), true);
  assert.equal(isNonOverlappingAndDense([2, 3], [3, 2]), false);
  assert.equal(isNonOverlappingAndDense([2, 3], [0, 1]), false);
  assert.equal(isNonOverlappingAndDense([3, 1, 2], [2, 7, 1]), true);
  assert.equal(isNonOverlappingAndDense([1], [5]), true);
});
