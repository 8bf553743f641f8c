import { record } from '../../autograd/record.ts';
import { type DType, int64, toDType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { castTensor } from '../dispatch.ts';
import { deviceInput, reducedOnDevice } from './device.ts';
import { addMethods } from '../methods.ts';
import { checkDimType, type Dim, pyArgs, type PyArgs, reduce, reductionShape, type ReduceOptions, restoreDims } from './reduce.ts';

export interface SumOptions extends ReduceOptions { dtype?: DType | string | null }
export type SumArgs = PyArgs<[dim: Dim | null, keepdim: boolean], SumOptions>;

/** Integer and bool sums accumulate in int64, as PyTorch's do. */
function sumDType(self: Tensor, dtype: DType | string | null | undefined): DType {
  if (dtype) return toDType(dtype);
  return self.dtype.is_floating_point ? self.dtype : int64;
}

/** `x.sum()`, `x.sum(0)`, `x.sum({ dim: [0, 2], keepdim: true })`. */
export function sum(self: Tensor, options: SumOptions = {}): Tensor {
  checkDimType('sum', options.dim);
  const keepdim = options.keepdim ?? false;
  const { dims, shape } = reductionShape(self, options.dim, keepdim);
  const dtype = sumDType(self, options.dtype);
  const input = deviceInput(self, dtype, castTensor);
  // Float sums accumulate in double and round once (PyTorch's cascade sum differs only in the last bits).
  const out = reducedOnDevice('sum', input, dims, shape, dtype) ??
    reduce(input.dtype === dtype ? input : castTensor(input, dtype), dims, shape, dtype, () => 0, (acc, x) => acc + x, (acc) => acc, 'sum');
  const inputShape = [...self._shape];
  // Passing dim at all, even None, selects PyTorch's dim overload and its node.
  const hasDim = options.dim !== undefined;
  // sum_backward expands the gradient straight to the input's shape (all strides 0) unless dims were named, when it
  // first unsqueezes them back.
  const namedDims = options.dim != null && !(Array.isArray(options.dim) && options.dim.length === 0);
  record(hasDim ? 'SumBackward1' : 'SumBackward0', [self], out, {}, ([grad]) =>
    [(namedDims ? restoreDims(grad!, dims, keepdim, inputShape.length) : grad!).expand(inputShape)]);
  return out;
}

/** `x.sum_to_size(2, 1)`: sums broadcast dimensions away (the inverse of expand; autograd uses it centrally). */
export function sumToSize(self: Tensor, size: readonly number[]): Tensor {
  const lead = self.ndim - size.length;
  if (lead < 0 || size.some((d, i) => d !== 1 && d !== self._shape[lead + i])) {
    throw new RuntimeError(`size {[${size.join(', ')}]} is not expandable to size {[${self._shape.join(', ')}]}.`);
  }
  const dims: number[] = [];
  for (let i = 0; i < self.ndim; i++) {
    if (i < lead) dims.push(i);
    else if (size[i - lead] === 1 && self._shape[i] !== 1) dims.push(i);
  }
  let out = dims.length > 0 ? sum(self, { dim: dims, keepdim: true }) : self;
  if (lead > 0) out = out.reshape(size);
  return out;
}

const sumNames = ['dim', 'keepdim'] as const;

const methods = {
  /** `x.sum()`, `x.sum(dim, keepdim?)` or `x.sum({ dim, keepdim, dtype })`. */
  sum(this: Tensor, ...args: SumArgs): Tensor { return sum(this, pyArgs<SumOptions>('sum', args, sumNames)); },
  /** `x.sum_to_size(2, 1)`. */
  sum_to_size(this: Tensor, ...size: (number | readonly number[])[]): Tensor {
    return sumToSize(this, size.length === 1 && Array.isArray(size[0]) ? size[0] as number[] : size as number[]);
  },
};

type SumMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends SumMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.sum(x, 0, true)`. */
  sum: (input: Tensor, ...args: SumArgs) => sum(input, pyArgs<SumOptions>('sum', args, sumNames)),
};
