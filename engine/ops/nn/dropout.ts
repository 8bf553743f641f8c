// dropout: zeroes each element with probability p and scales the rest by 1 / (1 - p), drawing its mask with
// bernoulli_ exactly as PyTorch's CPU path does (so a seed gives PyTorch's mask); the product is an ordinary mul.
import { ValueError, RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarKind, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { scalarTensor } from '../dispatch.ts';
import { bindArgs } from './args.ts';

/** How Python prints the probability in the error: `1.5`, `2`, `2.0`. */
function formatProbability(p: Scalar): string {
  const value = scalarValue(p);
  return scalarKind(p) === 'float' && Number.isInteger(value) ? `${value}.0` : String(value);
}

/** ATen's dropout: the input itself when nothing is dropped, else input * (bernoulli(1 - p) / (1 - p)). */
function dropoutImpl(input: Tensor, p: number, train: boolean, inplace: boolean): Tensor {
  if (p === 0 || !train || input.numel() === 0) return input;
  if (p === 1) {
    const zero = scalarTensor(0, input.dtype);
    return inplace ? input.mul_(zero) : input.mul(zero);
  }
  const noise = emptyTensor(input._shape, input.dtype, input.device);
  noise.bernoulli_(1 - p);
  noise.div_(1 - p);
  return inplace ? input.mul_(noise) : input.mul(noise);
}

/** `F.dropout(x, 0.2)`; `training: false` returns x unchanged, `inplace: true` overwrites it. */
export function dropout(input: Tensor, ...rest: (Scalar | boolean | { p?: Scalar; training?: boolean; inplace?: boolean })[]): Tensor {
  const bound = bindArgs('dropout', [input, ...rest], ['input', 'p', 'training', 'inplace'], 1);
  const p = (bound['p'] as Scalar | undefined) ?? 0.5;
  if (!isScalar(p) || scalarValue(p) < 0 || scalarValue(p) > 1) {
    throw new ValueError(`dropout probability has to be between 0 and 1, but got ${formatProbability(p)}`);
  }
  return dropoutImpl(input, scalarValue(p), (bound['training'] as boolean | undefined) ?? true, (bound['inplace'] as boolean | undefined) ?? false);
}

export const F = { dropout };

export const functions = {
  /** `torch.dropout(x, 0.2, true)`: p and train are required. */
  dropout: (input: Tensor, p: Scalar, train: boolean): Tensor => {
    const value = scalarValue(p);
    if (!(value >= 0 && value <= 1)) throw new RuntimeError(`dropout probability has to be between 0 and 1, but got ${String(value)}`);
    return dropoutImpl(input, value, train, false);
  },
};
