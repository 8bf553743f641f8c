import { record } from '../../autograd/record.ts';
import { bool, type DType, int64, toDType } from '../../core/dtype.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { ones_like } from '../creation/fill.ts';
import { castTensor } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { where } from '../pointwise/where.ts';
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
  const input = self.dtype === dtype ? self : castTensor(self, dtype);
  const out = reduce(input, dims, keptShape(self, dims, keepdim), dtype, () => 1, (acc, x) => acc * x, (acc) => acc);
  const hasZero = self._values().includes(0);
  record(hasDim ? 'ProdBackward1' : 'ProdBackward0', [self], out, { self, result: out }, ([grad], s) => {
    if (s.self.ndim === 0) return [grad!];
    const g = restoreDims(grad!, dims, keepdim, s.self.ndim);
    if (!hasZero) return [g.mul(restoreDims(s.result, dims, keepdim, s.self.ndim).div(s.self))];
    // With zeros, result / input is 0/0: multiply the other elements of each slice instead.
    if (hasDim) return [g.mul(productOfOthers(s.self, dims[0]!))];
    return [g.mul(productOfOthers(s.self.reshape(-1), 0).reshape(s.self._shape))];
  });
  return out;
}

/**
 * `x` repeated along a new leading dim of size n = x.size(dim), the i-th copy with its i-th element along `dim`
 * replaced by 1: products over `dim` of the copies leave one element out each, even when some are zero.
 */
export function leaveOneOut(x: Tensor, dim: number): Tensor {
  const n = x._shape[dim]!;
  const shape = [n, ...x._shape.map((_, i) => (i === dim ? n : 1))];
  const eye = emptyTensor(shape, bool, x.device);
  for (let i = 0; i < n; i++) eye.storage.data[i * n + i] = 1;
  return where(eye, 1, x.unsqueeze(0));
}

/** Moves the leading dim of `t` (the copies of leaveOneOut, reduced over `dim + 1`) back to position `dim`. */
export function leadingTo(t: Tensor, dim: number): Tensor {
  const order = t._shape.map((_, i) => i).slice(1);
  order.splice(dim, 0, 0);
  return t.permute(order);
}

/** For each element, the product of the other elements of its slice along `dim` (prod's gradient with zeros). */
function productOfOthers(x: Tensor, dim: number): Tensor {
  if (x._shape[dim] === 1) return ones_like(x);
  return leadingTo(leaveOneOut(x, dim).prod(dim + 1), dim);
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
