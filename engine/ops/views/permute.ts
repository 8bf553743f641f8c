import { RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import { Tensor } from '../../core/tensor.ts';
import { requireArgument } from '../args.ts';
import { intListParameter } from '../joins/args.ts';
import { addMethods } from '../methods.ts';
import { viewOf } from './make.ts';
import { bind } from './params.ts';

/** `x.permute(2, 0, 1)`: reorders dimensions by reordering strides. */
export function permute(self: Tensor, dims: readonly number[], grad_fn = 'PermuteBackward0'): Tensor {
  const ndim = self.ndim;
  if (dims.length !== ndim) {
    throw new RuntimeError(`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${ndim} is not equal to len(dims) = ${dims.length}`);
  }
  const wrapped = dims.map((d) => wrapDim(d, ndim));
  const seen = new Set<number>();
  for (const d of wrapped) {
    if (seen.has(d)) throw new RuntimeError('permute(): duplicate dims are not allowed.');
    seen.add(d);
  }
  const inverse = new Array<number>(ndim);
  wrapped.forEach((d, i) => { inverse[d] = i; });
  return viewOf(self, grad_fn, wrapped.map((d) => self._shape[d]!), wrapped.map((d) => self._stride[d]!), self._offset,
    (grad) => grad.permute(inverse));
}

/** `x.transpose(0, 1)`: swaps two dimensions. */
export function transpose(self: Tensor, dim0: number, dim1: number): Tensor {
  const ndim = self.ndim;
  const a = wrapDim(dim0, ndim);
  const b = wrapDim(dim1, ndim);
  const shape = [...self._shape];
  const strides = [...self._stride];
  // A 0-dim tensor wraps dims 0 and -1 to a dimension it does not have: nothing to swap.
  if (a !== b) {
    [shape[a], shape[b]] = [shape[b]!, shape[a]!];
    [strides[a], strides[b]] = [strides[b]!, strides[a]!];
  }
  return viewOf(self, 'TransposeBackward0', shape, strides, self._offset, (grad) => grad.transpose(a, b));
}

/** `x.t()`: transposes a matrix; vectors and scalars come back unchanged (as views). */
export function t(self: Tensor): Tensor {
  if (self.ndim > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${self.ndim}D`);
  const shape = [...self._shape].reverse();
  const strides = [...self._stride].reverse();
  return viewOf(self, 'TBackward0', shape, strides, self._offset, (grad) => grad.t());
}

/** The last two dimensions swapped; a 0-dim tensor is returned as it is, a 1-D one refused (`mT`, `mH`, `adjoint`). */
function matrixTranspose(self: Tensor, what: string): Tensor {
  if (self.ndim === 0) return self;
  if (self.ndim === 1) {
    throw new RuntimeError(`tensor.${what} is only supported on matrices or batches of matrices. Got 1-D tensor.`);
  }
  return transpose(self, -2, -1);
}

type TransposeArgs = (number | { dim0?: number; dim1?: number; axis0?: number; axis1?: number })[];

/** Binds transpose's two dims, named `dim0`/`dim1` (`axis0`/`axis1` for swapaxes). */
function swapped(self: Tensor, args: TransposeArgs, prefix: 'dim' | 'axis'): Tensor {
  const bound = bind(args, [`${prefix}0`, `${prefix}1`], {} as Record<string, number>);
  return transpose(self, bound[`${prefix}0`]!, bound[`${prefix}1`]!);
}

const methods = {
  /** `x.permute(1, 0)` or `x.permute([1, 0])`. */
  permute(this: Tensor, ...dims: (number | readonly number[] | { dims?: readonly number[] })[]): Tensor {
    requireArgument(dims, 'permute', 'dims');
    return permute(this, intListParameter(dims, 'permute', 'dims'));
  },
  /** `x.transpose(0, 1)` or `x.transpose({ dim0: 0, dim1: 1 })`. */
  transpose(this: Tensor, ...args: TransposeArgs): Tensor { return swapped(this, args, 'dim'); },
  /** `x.swapaxes(0, 1)`, an alias of transpose (keywords `axis0`, `axis1`). */
  swapaxes(this: Tensor, ...args: TransposeArgs): Tensor { return swapped(this, args, 'axis'); },
  /** `x.swapdims(0, 1)`, an alias of transpose. */
  swapdims(this: Tensor, ...args: TransposeArgs): Tensor { return swapped(this, args, 'dim'); },
  /** `m.t()`. */
  t(this: Tensor): Tensor { return t(this); },
  /** `x.adjoint()`: the conjugate transpose of the last two dimensions (a transpose for real tensors). */
  adjoint(this: Tensor): Tensor { return matrixTranspose(this, 'adjoint()'); },
};
type PermuteMethods = typeof methods;
declare module '../../core/tensor.ts' {
  interface Tensor extends PermuteMethods {
    /** `x.T`: all dimensions reversed. */
    readonly T: Tensor;
    /** `x.mT`: the last two dimensions swapped. */
    readonly mT: Tensor;
    /** `x.mH`: the conjugate transpose of the last two dimensions (`mT` for real tensors). */
    readonly mH: Tensor;
  }
}
addMethods(methods);
Object.defineProperty(Tensor.prototype, 'T', {
  get(this: Tensor) { return permute(this, this._shape.map((_, i) => this.ndim - 1 - i)); },
});
Object.defineProperty(Tensor.prototype, 'mT', { get(this: Tensor) { return matrixTranspose(this, 'mT'); } });
Object.defineProperty(Tensor.prototype, 'mH', { get(this: Tensor) { return matrixTranspose(this, 'mH'); } });

export const functions = {
  permute: (input: Tensor, ...dims: (number | readonly number[] | { dims?: readonly number[] })[]) => {
    requireArgument(dims, 'permute', 'dims');
    return permute(input, intListParameter(dims, 'permute', 'dims', 'ints', 2));
  },
  transpose: (input: Tensor, ...args: TransposeArgs) => swapped(input, args, 'dim'),
  swapaxes: (input: Tensor, ...args: TransposeArgs) => swapped(input, args, 'axis'),
  swapdims: (input: Tensor, ...args: TransposeArgs) => swapped(input, args, 'dim'),
  t: (input: Tensor) => t(input),
  adjoint: (input: Tensor) => matrixTranspose(input, 'adjoint()'),
};
