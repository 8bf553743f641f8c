import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { viewOf } from './make.ts';

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

/** `x.squeeze()` drops every size-1 dimension; `x.squeeze(dim)` only that one, if it has size 1. */
export function squeeze(self: Tensor, dim?: number): Tensor {
  const dims = dim === undefined ? self._shape.map((_, i) => i) : [wrapDim(dim, self.ndim)];
  const keep = self._shape.map((s, i) => !(s === 1 && dims.includes(i)));
  const inputShape = [...self._shape];
  return viewOf(self, dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1',
    self._shape.filter((_, i) => keep[i]), self._stride.filter((_, i) => keep[i]), self._offset,
    (grad) => grad.reshape(inputShape));
}

const methods = {
  /** `x.unsqueeze(1)`. */
  unsqueeze(this: Tensor, dim: number): Tensor { return unsqueeze(this, dim); },
  /** `x.squeeze()` or `x.squeeze(0)`. */
  squeeze(this: Tensor, dim?: number): Tensor { return squeeze(this, dim); },
};
type SqueezeMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends SqueezeMethods {} }
addMethods(methods);

export const functions = {
  unsqueeze: (input: Tensor, dim: number) => unsqueeze(input, dim),
  squeeze: (input: Tensor, dim?: number) => squeeze(input, dim),
};
