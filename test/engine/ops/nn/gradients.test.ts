// Finite-difference checks for the torch.nn.functional ops and their options that the project-wide table does not
// cover, including gradients of gradients where PyTorch has dedicated double-backward nodes.
import { test } from 'node:test';
import { F, torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { withGradMode } from '../../../../engine/core/grad-mode.ts';
import { check, prng, randomTensor } from '../../helpers.ts';

/** The gradient of sum(fn(x) * weights) as a function of x, with create_graph, so gradcheck checks the double backward. */
function gradientOf(fn: (x: Tensor) => Tensor, weights: Tensor): (x: Tensor) => Tensor {
  return (x) => {
    // gradcheck's numerical pass calls under no_grad with plain tensors; the analytical one with the graph's leaves.
    const leaf = x.requires_grad ? x : x.detach().requires_grad_();
    return withGradMode(true, () => torch.autograd.grad(fn(leaf).mul(weights).sum(), leaf, { create_graph: true })[0]!);
  };
}

const random = prng(7);
const r = (shape: number[], low = -2, high = 2) => randomTensor(random, shape, low, high);
const constant = (shape: number[], low = -2, high = 2) => randomTensor(random, shape, low, high, false);

test('activations with their options', () => {
  check((x) => F.elu(x, 0.7), [r([2, 3])]);
  check((x) => F.elu(x.mul(1), { inplace: true }), [r([2, 3])]);
  check((x) => F.leaky_relu(x.mul(1), 0.2, true), [r([2, 3])]);
  check((x) => F.silu(x), [r([2, 3])]);
  check((x) => F.softplus(x, 2, 3), [r([2, 3])]);
  check((x) => F.gelu(x.t()), [r([3, 2])]);
});

test('double backward of gelu, softmax and log_softmax', () => {
  const weights = constant([2, 3]);
  check(gradientOf((x) => F.gelu(x), weights), [r([2, 3])]);
  check(gradientOf((x) => F.gelu(x, { approximate: 'tanh' }), weights), [r([2, 3])]);
  check(gradientOf((x) => F.softmax(x, 1), weights), [r([2, 3])]);
  check(gradientOf((x) => F.log_softmax(x, 0), weights), [r([2, 3])]);
  check(gradientOf((x) => F.cross_entropy(x, torch.tensor([2, 0])), torch.tensor(1.0, { dtype: torch.float64 })), [r([2, 3])]);
});

test('losses in every reduction, with weights and targets that need gradients', () => {
  const target = torch.tensor([[0, 2], [1, 1]]);
  const weight = constant([3], 0, 1);
  const posWeight = constant([3], 0.5, 2);
  for (const reduction of ['mean', 'sum', 'none'] as const) {
    check((x) => F.nll_loss(x, target, { weight: torch.tensor([1.0, 2.0, 0.5], { dtype: torch.float64 }), reduction }), [r([2, 3, 2])]);
    check((x) => F.nll_loss(x, torch.tensor([[[0, 2]], [[1, -100]]]), { reduction }), [r([2, 3, 1, 2])]);
    check((a, b) => F.mse_loss(a, b, { reduction }), [r([2, 3]), r([3])]);
    check((a, b) => F.l1_loss(a, b, { reduction }), [r([2, 3]), r([2, 3])]);
    check((x, y) => F.binary_cross_entropy(x, y, { weight, reduction }), [r([2, 3], 0.1, 0.9), r([2, 3], 0, 1)]);
    check((x, y) => F.binary_cross_entropy_with_logits(x, y, { pos_weight: posWeight, reduction }), [r([2, 3]), r([2, 3], 0, 1)]);
    check((x, p) => F.cross_entropy(x, p.softmax(1), { label_smoothing: 0.1, reduction }), [r([2, 3]), r([2, 3])]);
    check((x) => F.cross_entropy(x, torch.tensor([2, -100, 0]), { label_smoothing: 0.3, reduction }), [r([3, 4])]);
  }
});

test('pad in reflect, replicate and circular modes, over every padded rank, cropping and transposed', () => {
  for (const mode of ['reflect', 'replicate', 'circular'] as const) {
    check((x) => F.pad(x, [2, 1], { mode }), [r([1, 2, 4])]);
    check((x) => F.pad(x, [1, -1, 2, 1], { mode }), [r([1, 2, 3, 4])]);
    check((x) => F.pad(x, [1, 0, 0, 1, 1, 1], { mode }), [r([1, 1, 2, 3, 3])]);
    check((x) => F.pad(x.transpose(1, 2), [-1, 2], { mode }), [r([1, 4, 3])]);
  }
  check((x) => F.pad(x, [1, 2, 2, 1], { mode: 'reflect' }), [r([2, 3, 4])]);
  check((x) => F.pad(x, [3, 3, 1, 2, 0, 2], { mode: 'replicate' }), [r([2, 2, 2, 3])]);
});

test('the backward of reflect and replicate padding is differentiable in the incoming gradient', () => {
  const x = r([1, 3, 4]);
  for (const mode of ['reflect', 'replicate'] as const) {
    const backwardOf = (pad: number[]) => (g: Tensor) => withGradMode(true, () => {
      const leaf = x.detach().requires_grad_();
      return torch.autograd.grad(F.pad(leaf, pad, { mode }), leaf, { grad_outputs: g, create_graph: true })[0]!;
    });
    check(backwardOf([2, 1]), [r([1, 3, 7])]);
    check(backwardOf([1, 2, 2, 0]), [r([1, 5, 7])]);
  }
});
