import { record } from '../../autograd/record.ts';
import { type DType, int64, toDType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { castTensor } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { reduce, reductionShape, type ReduceOptions } from './reduce.ts';

export interface SumOptions extends ReduceOptions { dtype?: DType | string | null }

/** Integer and bool sums accumulate in int64, as PyTorch's do. */
function sumDType(self: Tensor, dtype: DType | string | null | undefined): DType {
  if (dtype) return toDType(dtype);
  return self.dtype.is_floating_point ? self.dtype : int64;
}

/** `x.sum()`, `x.sum(0)`, `x.sum({ dim: [0, 2], keepdim: true })`. */
export function sum(self: Tensor, options: SumOptions = {}): Tensor {
  const keepdim = options.keepdim ?? false;
  const { dims, shape } = reductionShape(self, options.dim, keepdim);
  const dtype = sumDType(self, options.dtype);
  const input = self.dtype === dtype ? self : castTensor(self, dtype);
  const out = reduce(input, dims, shape, dtype, () => 0, (acc, x) => acc + x, (acc) => acc);
  const inputShape = [...self._shape];
  const hasDim = options.dim !== undefined && options.dim !== null;
  record(hasDim ? 'SumBackward1' : 'SumBackward0', [self], out, {}, ([grad]) => {
    let g = grad!;
    if (!keepdim) for (const d of [...dims].sort((a, b) => a - b)) g = g.unsqueeze(d);
    return [g.expand(inputShape)];
  });
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

const methods = {
  /** `x.sum()` or `x.sum(dim, keepdim?)` or `x.sum({ dim, keepdim, dtype })`. */
  sum(this: Tensor, dim?: number | readonly number[] | SumOptions, keepdim?: boolean | SumOptions): Tensor {
    return sum(this, normalize(dim, keepdim));
  },
  /** `x.sum_to_size(2, 1)`. */
  sum_to_size(this: Tensor, ...size: (number | readonly number[])[]): Tensor {
    return sumToSize(this, size.length === 1 && Array.isArray(size[0]) ? size[0] as number[] : size as number[]);
  },
};

/** Accepts `(dim)`, `(dim, keepdim)`, `(dim, { keepdim })` and `({ dim, keepdim })`. */
export function normalize<O extends ReduceOptions>(dim?: number | readonly number[] | O | null, keepdim?: boolean | O): O {
  if (dim !== null && typeof dim === 'object' && !Array.isArray(dim)) return dim as O;
  const rest = typeof keepdim === 'object' ? keepdim : { keepdim } as O;
  return { ...rest, dim: dim as number | readonly number[] | undefined, keepdim: rest.keepdim ?? (typeof keepdim === 'boolean' ? keepdim : undefined) } as O;
}

type SumMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends SumMethods {} }
addMethods(methods);

export const functions = {
  sum: (input: Tensor, dim?: number | readonly number[] | SumOptions, keepdim?: boolean | SumOptions) => sum(input, normalize(dim, keepdim)),
};
