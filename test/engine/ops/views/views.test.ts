// View ops beyond what the golden cases compare: storage identity, `_base`, gradients against finite differences
// (also of the embedding nodes that are their backward, i.e. double backward), and PyTorch's double-backward names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { check, prng, randomTensor } from '../../helpers.ts';

const views: [string, (x: Tensor) => Tensor | Tensor[]][] = [
  ['view', (x) => x.view(6, 4)],
  ['reshape (viewable)', (x) => x.reshape(-1)],
  ['flatten', (x) => x.flatten(0, 1)],
  ['unflatten', (x) => x.unflatten(2, [2, 2])],
  ['squeeze', (x) => x.getitem('0:1').squeeze(0)],
  ['unsqueeze', (x) => x.unsqueeze(3)],
  ['t', (x) => x.getitem('0').t()],
  ['T', (x) => x.T],
  ['mT', (x) => x.mT],
  ['transpose', (x) => x.transpose(0, 2)],
  ['permute', (x) => x.permute(1, 2, 0)],
  ['movedim', (x) => x.movedim(0, -1)],
  ['expand', (x) => x.getitem('0:1').expand(5, 3, 4)],
  ['narrow', (x) => x.narrow(2, 1, 2)],
  ['select', (x) => x.select(1, 2)],
  ['unbind', (x) => x.unbind(1)],
  ['split', (x) => x.split(3, 2)],
  ['split with sizes', (x) => x.split([1, 3], 2)],
  ['chunk', (x) => x.chunk(2, 1)],
  ['tensor_split', (x) => x.tensor_split([1, 3], 2)],
  ['diagonal', (x) => x.diagonal(1, 1, 2)],
  ['unfold', (x) => x.unfold(2, 2, 1)],
  ['as_strided', (x) => x.as_strided([2, 2], [1, 2], 3)],
  ['getitem', (x) => x.getitem('1:, None, ..., ::2, -1')],
  ['alias', (x) => x.getitem('...')],
];

describe('views share storage and point _base at the owner', () => {
  for (const [name, op] of views) {
    test(name, () => {
      const owner = torch.tensor(Array.from({ length: 24 }, (_, i) => i), { dtype: torch.float64 });
      const x = owner.view(2, 3, 4);
      const results = [op(x)].flat();
      for (const r of results) {
        assert.equal(r.storage.id, owner.storage.id);
        assert.equal(r._base, owner);
        assert.ok(r._is_view());
      }
    });
  }
});

test('copies have their own storage', () => {
  const x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
  for (const r of [x.t().reshape(6), x.t().flatten(), x.t().ravel(), x.clone(), x.t().contiguous(), x.getitem(torch.tensor([1]))]) {
    assert.notEqual(r.storage.id, x.storage.id);
  }
  assert.equal(x.contiguous(), x);
  assert.equal(x.flatten(1, 1), x);
});

describe('gradients against finite differences', () => {
  const random = prng(31);
  for (const [name, op] of views) {
    test(name, () => check((x) => op(x.view(2, 3, 4)), [randomTensor(random, [24])]));
  }
  test('as_strided with overlapping output and expanded input', () => {
    check((x) => x.as_strided([3, 3], [1, 1]), [randomTensor(random, [6])]);
    check((x) => x.getitem('None').expand(2, 3).as_strided([2, 2], [1, 1]), [randomTensor(random, [3])]);
  });
  test('unfold with overlapping windows and with gaps', () => {
    check((x) => x.unfold(0, 3, 1), [randomTensor(random, [5])]);
    check((x) => x.unfold(1, 2, 3), [randomTensor(random, [2, 7])]);
  });
  test('reshape that copies, ravel of a transposed tensor', () => {
    check((x) => x.t().reshape(3, 2), [randomTensor(random, [2, 3])]);
    check((x) => x.t().ravel(), [randomTensor(random, [2, 3])]);
  });
});

describe('double backward: the embedding nodes are differentiable, under PyTorch names', () => {
  const random = prng(5);
  const cases: [string, (x: Tensor) => Tensor, string][] = [
    ['narrow', (x) => x.narrow(0, 1, 2), 'SliceBackwardBackward0'],
    ['select', (x) => x.select(0, 1), 'SelectBackwardBackward0'],
    ['diagonal', (x) => x.diagonal(), 'DiagonalBackwardBackward0'],
    ['unfold', (x) => x.unfold(1, 2, 1), 'UnfoldBackwardBackward0'],
    ['unbind', (x) => x.unbind(0)[1]!, 'StackBackward0'],
    ['split', (x) => x.split(2, 0)[1]!, 'CatBackward0'],
    ['split with sizes', (x) => x.split([1, 2], 0)[1]!, 'CatBackward0'],
  ];
  for (const [name, op, expected] of cases) {
    test(name, () => {
      const x = randomTensor(random, [3, 4]);
      const out = op(x);
      const go = randomTensor(random, [...out.shape]);
      const [g] = torch.autograd.grad(op(x), x, { grad_outputs: go, create_graph: true });
      assert.equal(g!.grad_fn!.name(), expected);
      // The gradient is linear in the output gradient; its own gradient is the op again.
      check((v) => torch.enable_grad(() => torch.autograd.grad(op(x), x, { grad_outputs: v, create_graph: true })[0]!), [go]);
    });
  }
});

test('a view op that fails leaves its input untouched', () => {
  const x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
  const before = { shape: [...x.shape], stride: x.stride(), version: x._version };
  for (const bad of [() => x.t().view(6), () => x.narrow(0, 1, 2), () => x.expand(3, 3), () => x.as_strided([7], [1]), () => x.split([1, 1], 1)]) {
    assert.throws(bad);
  }
  assert.deepEqual({ shape: [...x.shape], stride: x.stride(), version: x._version }, before);
  assert.deepEqual(x._values(), [1, 2, 3, 4, 5, 6]);
});
