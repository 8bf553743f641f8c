import { record } from '../../autograd/record.ts';
import { type DType, int64, toDType } from '../../core/dtype.ts';
import type { Tensor } from '../../core/tensor.ts';
import { ones, ones_like } from '../creation/fill.ts';
import { castTensor } from '../dispatch.ts';
import { cat } from '../joins/cat.ts';
import { addMethods } from '../methods.ts';
import { deviceInput, reducedOnDevice } from './device.ts';
import { checkDimType, keptShape, noneDimError, oneDim, pyArgs, type PyArgs, reduce, restoreDims } from './reduce.ts';

export interface ProdOptions { dim?: number | null; keepdim?: boolean; dtype?: DType | string | null }
export type ProdArgs = PyArgs<[dim: number, keepdim: boolean], ProdOptions>;

/** `x.prod()` or `x.prod(dim, keepdim?)`; integer and bool inputs multiply in int64, as PyTorch's do. */
export function prod(self: Tensor, options: ProdOptions = {}): Tensor {
  if (Array.isArray(options.dim)) {
    throw new TypeError('prod() received an invalid combination of arguments - got (list), but expected one of:\n' +
      ' * (*, torch.dtype dtype)\n * (int dim, bool keepdim, *, torch.dtype dtype)\n * (name dim, bool keepdim, *, torch.dtype dtype)\n');
  }
  if (options.dim === null) throw noneDimError('prod');
  checkDimType('prod', options.dim, false);
  const hasDim = options.dim !== undefined;
  const keepdim = hasDim && (options.keepdim ?? false);
  const dims = hasDim ? oneDim(self, options.dim!) : self._shape.map((_, i) => i);
  const dtype = options.dtype ? toDType(options.dtype) : self.dtype.is_floating_point ? self.dtype : int64;
  const input = deviceInput(self, dtype, castTensor);
  const shape = keptShape(self, dims, keepdim);
  const out = reducedOnDevice('prod', input, dims, shape, dtype) ??
    reduce(input.dtype === dtype ? input : castTensor(input, dtype), dims, shape, dtype, () => 1, (acc, x) => acc * x, (acc) => acc);
  record(hasDim ? 'ProdBackward1' : 'ProdBackward0', [self], out, { self, result: out }, ([grad], s) => {
    if (s.self.ndim === 0) return [grad!];
    const g = restoreDims(grad!, dims, keepdim, s.self.ndim);
    // Read only here: a device input's values stay on the device unless a gradient needs them.
    if (!s.self._values().includes(0)) return [g.mul(restoreDims(s.result, dims, keepdim, s.self.ndim).div(s.self))];
    // With zeros, result / input is 0/0: multiply the other elements of each slice instead.
    if (hasDim) return [g.mul(productOfOthers(s.self, dims[0]!))];
    return [g.mul(productOfOthers(s.self.reshape(-1), 0).reshape(s.self._shape))];
  });
  return out;
}

/**
 * prod_safe_zeros_backward: for each element, the product of the other elements of its slice along `dim`, as the
 * exclusive running products from the front times those from the back (no division, so zeros are safe).
 */
function productOfOthers(x: Tensor, dim: number): Tensor {
  const n = x._shape[dim]!;
  if (n === 1) return ones_like(x);
  const first = ones(x._shape.map((d, i) => (i === dim ? 1 : d)), { dtype: x.dtype, device: x.device });
  const before = cat([first, x.narrow(dim, 0, n - 1)], dim).cumprod(dim);
  const after = cat([first, x.narrow(dim, 1, n - 1).flip([dim])], dim).cumprod(dim).flip([dim]);
  return before.mul(after);
}

const prodNames = ['dim', 'keepdim'] as const;

const methods = {
  /** `x.prod()`, `x.prod(dim, keepdim?)` or `x.prod({ dim, keepdim, dtype })`. */
  prod(this: Tensor, ...args: ProdArgs): Tensor { return prod(this, pyArgs<ProdOptions>('prod', args, prodNames)); },
};
type ProdMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ProdMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.prod(x, 1)`. */
  prod: (input: Tensor, ...args: ProdArgs) => prod(input, pyArgs<ProdOptions>('prod', args, prodNames)),
};
