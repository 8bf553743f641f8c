// softmin: softmax of the negated input, as torch.nn.functional composes it (so its node is SoftmaxBackward0).
import type { DType } from '../../core/dtype.ts';
import type { Tensor } from '../../core/tensor.ts';
import { bindArgs, warn } from './args.ts';

/** `F.softmin(x, 1)`: exp(-x) / sum(exp(-x)) along dim 1. */
export function softmin(input: Tensor, ...rest: (number | DType | string | null | { dim?: number | null; dtype?: DType | string | null; _stacklevel?: number })[]): Tensor {
  const bound = bindArgs('softmin', [input, ...rest], ['input', 'dim', '_stacklevel', 'dtype'], 1);
  let dim = (bound['dim'] as number | null | undefined) ?? null;
  if (dim === null) {
    warn('Implicit dimension choice for softmin has been deprecated. Change the call to include dim=X as an argument.');
    dim = input.ndim === 0 || input.ndim === 1 || input.ndim === 3 ? 0 : 1;
  }
  return input.neg().softmax(dim, { dtype: (bound['dtype'] as DType | null | undefined) ?? null });
}

export const F = { softmin };
