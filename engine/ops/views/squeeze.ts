import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { requireArgument } from '../args.ts';
import { addMethods } from '../methods.ts';
import { viewOf } from './make.ts';
import { bind } from './params.ts';

/** `x.unsqueeze(0)`: a new size-1 dimension at `dim`. */
export function unsqueeze(self: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, self.ndim + 1);
  const shape = [...self._shape];
  const strides = [...self._stride];
  const stride = d >= self.ndim ? 1 : self._shape[d]! * self._stride[d]!;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return viewOf(self, 'UnsqueezeBackward0', shape, strides, self._offset, (grad) => grad.squeeze(d));
}

/** Puts back the size-1 dimensions listed in `dims` (ascending), as PyTorch's unsqueeze_to does. */
function unsqueezeAt(grad: Tensor, dims: readonly number[]): Tensor {
  return dims.reduce((g, d) => g.unsqueeze(d), grad);
}

/** `x.squeeze()` drops every size-1 dimension; `x.squeeze(dim)` only that one, if it has size 1. */
export function squeeze(self: Tensor, dim?: number | null): Tensor {
  const all = dim === undefined || dim === null;
  const dims = all ? self._shape.map((_, i) => i) : [wrapDim(dim, self.ndim)];
  const removed = dims.filter((d) => self._shape[d] === 1);
  const keep = (_: number, i: number) => !removed.includes(i);
  return viewOf(self, all ? 'SqueezeBackward0' : 'SqueezeBackward1',
    self._shape.filter(keep), self._stride.filter(keep), self._offset, (grad) => unsqueezeAt(grad, removed));
}

const methods = {
  /** `x.unsqueeze(1)`. */
  unsqueeze(this: Tensor, ...args: (number | { dim?: number })[]): Tensor {
    requireArgument(args, 'unsqueeze', 'dim');
    return unsqueeze(this, bind(args, ['dim'], { dim: undefined as unknown as number }, { fn: 'unsqueeze', ints: ['dim'] }).dim);
  },
  /** `x.squeeze()`, `x.squeeze(0)` or `x.squeeze({ dim: 0 })`. */
  squeeze(this: Tensor, ...args: (number | null | { dim?: number | null })[]): Tensor {
    return squeeze(this, bind(args, ['dim'], { dim: null as number | null }).dim);
  },
};
type SqueezeMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends SqueezeMethods {} }
addMethods(methods);

export const functions = {
  unsqueeze: (input: Tensor, ...args: (number | { dim?: number })[]) => {
    requireArgument(args, 'unsqueeze', 'dim');
    return unsqueeze(input, bind(args, ['dim'], { dim: undefined as unknown as number }, { fn: 'unsqueeze', ints: ['dim'], first: 2 }).dim);
  },
  squeeze: (input: Tensor, ...args: (number | null | { dim?: number | null })[]) => input.squeeze(...args),
};
