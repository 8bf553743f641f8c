// cosine_similarity and pairwise_distance, composed from engine ops as ATen composes them (so their nodes are
// SumBackward1 and NormBackward1).
import { RuntimeError } from '../../core/errors.ts';
import { broadcastShapes } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { resultType } from '../dispatch.ts';
import { bindArgs } from './args.ts';

/**
 * ATen's norm clamped to eps in place under no_grad: the value is max(norm, eps) and the gradient is the norm's,
 * written here as norm + detached(max(norm, eps) - norm).
 */
function clampedNorm(t: Tensor, dim: number, eps: number): Tensor {
  const norm = t.norm(2, dim, true);
  return norm.add(norm.clamp_min(eps).sub(norm).detach());
}

/** `F.cosine_similarity(a, b)`: the cosine of the angle between a and b along dim 1 (`{ dim: 0 }` for vectors). */
export function cosine_similarity(x1: Tensor, x2: Tensor, ...rest: (number | { dim?: number; eps?: number })[]): Tensor {
  const bound = bindArgs('cosine_similarity', [x1, x2, ...rest], ['x1', 'x2', 'dim', 'eps'], 2);
  const dim = (bound['dim'] as number | undefined) ?? 1;
  const eps = (bound['eps'] as number | undefined) ?? 1e-8;
  const dtype = resultType(x1, x2);
  if (!dtype.is_floating_point) throw new RuntimeError(`expected common dtype to be floating point, yet common dtype is ${dtype.scalarName}`);
  const shape = broadcastShapes(x1._shape, x2._shape);
  const a = x1.to(dtype).expand(shape);
  const b = x2.to(dtype).expand(shape);
  return a.div(clampedNorm(a, dim, eps)).mul(b.div(clampedNorm(b, dim, eps))).sum(dim);
}

/** `F.pairwise_distance(a, b)`: the p-norm of a - b + eps along the last dimension. */
export function pairwise_distance(x1: Tensor, x2: Tensor, ...rest: (number | boolean | { p?: number; eps?: number; keepdim?: boolean })[]): Tensor {
  const bound = bindArgs('pairwise_distance', [x1, x2, ...rest], ['x1', 'x2', 'p', 'eps', 'keepdim'], 2);
  const p = (bound['p'] as number | undefined) ?? 2;
  const eps = (bound['eps'] as number | undefined) ?? 1e-6;
  const lastDim = Math.max(x1.ndim, x2.ndim) - 1;
  return x1.sub(x2).add(eps).norm(p, lastDim, Boolean(bound['keepdim']));
}

export const F = { cosine_similarity, pairwise_distance };
export const functions = {
  /** `torch.cosine_similarity(a, b, 0)`. */
  cosine_similarity: (x1: Tensor, x2: Tensor, dim = 1, eps = 1e-8) => cosine_similarity(x1, x2, dim, eps),
  /** `torch.pairwise_distance(a, b)`. */
  pairwise_distance: (x1: Tensor, x2: Tensor, p = 2, eps = 1e-6, keepdim = false) => pairwise_distance(x1, x2, p, eps, keepdim),
};
