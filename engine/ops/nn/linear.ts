// linear: input @ weight^T + bias, routed as PyTorch routes it (which decides the grad_fn): addmm for 2-D inputs
// with a bias, addmm on a flattened view for contiguous 3-D inputs, matmul then an in-place add otherwise.
import type { Tensor } from '../../core/tensor.ts';
import { bindArgs } from './args.ts';

/** `F.linear(x, w, b)`: x @ w.T + b, with w of shape (out_features, in_features). */
export function linear(input: Tensor, weight: Tensor, ...rest: (Tensor | null | { bias?: Tensor | null })[]): Tensor {
  const bound = bindArgs('linear', [input, weight, ...rest], ['input', 'weight', 'bias'], 2);
  const bias = (bound['bias'] as Tensor | null | undefined) ?? null;
  if (bias === null) return input.matmul(weight.t());
  if (input.ndim === 2) return bias.addmm(input, weight.t());
  if (input.ndim === 3 && input.is_contiguous()) {
    const [batch, rows, features] = input._shape as [number, number, number];
    const result = bias.addmm(input.view(batch * rows, features), weight.t());
    return result.view(batch, rows, result._shape[1]!);
  }
  return input.matmul(weight.t()).add_(bias);
}

export const F = { linear };
