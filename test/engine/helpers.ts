// Shared test utilities: a seeded PRNG (independent of torch's generator) and random float64 tensors.
import { torch } from '../../engine/index.ts';
import type { Tensor } from '../../engine/index.ts';

/** mulberry32: small, seeded, reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float64 leaf tensor with values uniform in [low, high), optionally bumped away from a set of kinks. */
export function randomTensor(random: () => number, shape: readonly number[], low = -2, high = 2, requiresGrad = true): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, () => low + (high - low) * random());
  const flat = torch.tensor(data, { dtype: torch.float64 });
  const t = flat.reshape([...shape]).detach();
  if (requiresGrad) t.requires_grad_(true);
  return t;
}

/**
 * The same values seen through a non-contiguous view: a leaf of the transposed shape, then `.t()`-like permute.
 * Gradients then flow through a view into the leaf.
 */
export function nonContiguous(random: () => number, shape: readonly number[], low = -2, high = 2): { leaf: Tensor; view: Tensor } {
  const reversed = [...shape].reverse();
  const leaf = randomTensor(random, reversed, low, high);
  const dims = reversed.map((_, i) => reversed.length - 1 - i);
  return { leaf, view: leaf.permute(dims) };
}

/** torch.autograd.gradcheck with the tolerances every gradient test here uses (float64 inputs); throws on a mismatch. */
export function check(fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[]): void {
  torch.autograd.gradcheck(fn, inputs, { eps: 1e-6, atol: 1e-5, rtol: 1e-3 });
}

/**
 * Second derivatives: finite differences of the graph-building first derivative, weighted by a fixed tensor. Finite
 * differences run with grad mode off, so the first derivative turns it back on; `x * 0` keeps each input in the graph.
 */
export function checkSecondOrder(op: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const w = randomTensor(prng(7), [...op(...inputs).shape], -1, 1, false);
  check((...xs) => torch.enable_grad(() => {
    const grads = torch.autograd.grad(op(...xs).mul(w).sum(), xs, { create_graph: true });
    return grads.map((g, i) => g!.add(xs[i]!.mul(0)));
  }), inputs);
}
