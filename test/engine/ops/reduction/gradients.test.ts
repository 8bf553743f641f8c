// Backward of every differentiable reduction against central finite differences in float64, on contiguous,
// non-contiguous and expanded inputs; then the backward's own backward (each is written with engine ops).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { check, nonContiguous, prng, randomTensor } from '../../helpers.ts';

/**
 * Second derivatives: finite differences of the (graph-building) first derivative, against weights `w`. Finite
 * differences run with grad mode off, so the first derivative turns it back on; `x * 0` keeps a constant one in the graph.
 */
function checkSecondOrder(op: (x: Tensor) => Tensor, x: Tensor): void {
  const w = randomTensor(prng(7), [...op(x).shape], -1, 1, false);
  check((input) => torch.enable_grad(() =>
    torch.autograd.grad(op(input).mul(w).sum(), input, { create_graph: true })[0]!.add(input.mul(0))), [x]);
}

const ops: [string, (x: Tensor) => Tensor][] = [
  ['sum', (x) => x.sum()],
  ['sum dims keepdim', (x) => x.sum([0, 2], true)],
  ['mean', (x) => x.mean()],
  ['mean dim', (x) => x.mean(-1)],
  ['prod', (x) => x.prod()],
  ['prod dim', (x) => x.prod(1, true)],
  ['max', (x) => x.max()],
  ['max dim', (x) => x.max(1).values],
  ['min dim keepdim', (x) => x.min(0, true).values],
  ['amax', (x) => x.amax([0, 2])],
  ['amin', (x) => x.amin(1, true)],
  ['var', (x) => x.var()],
  ['var dims', (x) => x.var([0, 1], false)],
  ['var correction', (x) => x.var({ dim: 2, correction: 2, keepdim: true })],
  ['std', (x) => x.std()],
  ['std dim', (x) => x.std(1)],
  ['std_mean', (x) => torch.std_mean(x, 1)[0].add(torch.std_mean(x, 1)[1].mul(3))],
  ['var_mean', (x) => torch.var_mean(x, [0, 2], false, true)[0].mul(torch.var_mean(x, [0, 2], false, true)[1])],
  ['norm', (x) => x.norm()],
  ['norm 1', (x) => x.norm(1, 1)],
  ['norm inf', (x) => x.norm(Infinity, 2)],
  ['norm -inf', (x) => x.norm(-Infinity)],
  ['norm 3', (x) => x.norm(3, [0, 1])],
  ['norm 1.5', (x) => x.norm(1.5, 0)],
  ['norm 0.5', (x) => x.norm(0.5, 2, true)],
  ['norm fro two dims', (x) => x.norm('fro', [0, 2])],
  ['cumsum', (x) => x.cumsum(1)],
  ['cumprod', (x) => x.cumprod(2)],
  ['logsumexp', (x) => x.logsumexp([1, 2])],
];

describe('reductions against finite differences', () => {
  const random = prng(99);
  for (const [name, op] of ops) {
    test(name, () => {
      check(op, [randomTensor(random, [2, 3, 4], 0.5, 2)]);
      check((x) => op(x.neg()), [randomTensor(random, [2, 3, 4], 0.5, 2)]);
      const { leaf, view } = nonContiguous(random, [2, 3, 4], 0.5, 2);
      check(() => op(view), [leaf]);
      const small = randomTensor(random, [3, 1], 0.5, 2);
      check((x) => op(x.expand(2, 3, 4).mul(torch.tensor([1, 2, 3, 4], { dtype: torch.float64 }))), [small]);
    });
  }
});

describe('second derivatives of reductions', () => {
  const random = prng(5);
  for (const [name, op] of ops) {
    test(name, () => checkSecondOrder(op, randomTensor(random, [2, 3, 4], 0.5, 2)));
  }
});

test('prod and cumprod with zeros: the product of the other elements', () => {
  const random = prng(3);
  const withZeros = () => {
    const x = randomTensor(random, [3, 4], 0.5, 2, false);
    x.storage.data[1] = 0;
    x.storage.data[6] = 0;
    x.storage.data[7] = 0;
    return x.requires_grad_(true);
  };
  check((x) => x.prod(1), [withZeros()]);
  check((x) => x.prod(0, true), [withZeros()]);
  check((x) => x.cumprod(1), [withZeros()]);
  check((x) => x.cumprod(0), [withZeros()]);
  const single = torch.tensor([2, 0, 3], { dtype: torch.float64, requires_grad: true });
  single.prod().backward();
  assert.deepEqual(single.grad!.tolist(), [0, 6, 0]);
  checkSecondOrder((x) => x.prod(1), withZeros());
  checkSecondOrder((x) => x.cumprod(1), withZeros());
});

test('ties share the gradient of max() and amax, max(dim) sends it to one index', () => {
  const x = torch.tensor([[1, 3, 3], [3, 0, 2]], { dtype: torch.float64, requires_grad: true });
  x.max().backward();
  assert.deepEqual(x.grad!.tolist(), [[0, 1 / 3, 1 / 3], [1 / 3, 0, 0]]);
  const y = torch.tensor([[1, 3, 3], [3, 0, 2]], { dtype: torch.float64, requires_grad: true });
  y.amax(1).sum().backward();
  assert.deepEqual(y.grad!.tolist(), [[0, 0.5, 0.5], [1, 0, 0]]);
  const z = torch.tensor([[1, 3, 3], [3, 0, 2]], { dtype: torch.float64, requires_grad: true });
  z.max(1).values.sum().backward();
  assert.deepEqual(z.grad!.tolist(), [[0, 1, 0], [1, 0, 0]]);
});

test('grad_fn names follow PyTorch', () => {
  const x = torch.ones(2, 3, { requires_grad: true });
  const names = [
    x.sum(), x.sum(0), x.mean(), x.mean(0), x.prod(), x.prod(0), x.max(), x.max(0).values, x.min(), x.min(0).values,
    x.amax(), x.amin(0), x.var(), x.std(0), x.norm(), x.norm(1, 0), x.norm(2, 0, { dtype: torch.float64 }),
    x.norm('fro', [0, 1]), x.cumsum(0), x.cumprod(1), x.logsumexp(0), torch.std_mean(x)[1], torch.var_mean(x)[0],
  ].map((t) => t.grad_fn!.name());
  assert.deepEqual(names, [
    'SumBackward0', 'SumBackward1', 'MeanBackward0', 'MeanBackward1', 'ProdBackward0', 'ProdBackward1', 'MaxBackward1',
    'MaxBackward0', 'MinBackward1', 'MinBackward0', 'AmaxBackward0', 'AminBackward0', 'VarBackward0', 'StdBackward0',
    'NormBackward1', 'NormBackward1', 'NormBackward3', 'SqrtBackward0', 'CumsumBackward0', 'CumprodBackward0',
    'LogsumexpBackward0', 'StdMeanBackward0', 'VarMeanBackward0',
  ]);
  assert.equal(x.max(0).indices.grad_fn, null);
  assert.equal(x.argmax().requires_grad, false);
  assert.equal(x.all().requires_grad, false);
});
