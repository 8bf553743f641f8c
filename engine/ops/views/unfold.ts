import { RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { checkStrided } from './as_strided.ts';
import { type Geometry, pickingView } from './make.ts';

function unfoldMove(dim: number, size: number, step: number) {
  return (g: Geometry): Geometry => {
    if (g.shape.length === 0) return { shape: [size], strides: [1], offset: g.offset };
    const shape = [...g.shape, size];
    const strides = [...g.strides, g.strides[dim]!];
    shape[dim] = Math.floor((g.shape[dim]! - size) / step) + 1;
    strides[dim] = g.strides[dim]! * step;
    return { shape, strides, offset: g.offset };
  };
}

/** `x.unfold(dim, size, step)`: windows of `size` every `step` along `dim` in a new last dimension; a view. */
export function unfold(self: Tensor, dimension: number, size: number, step: number): Tensor {
  const d = wrapDim(dimension, self.ndim);
  const maxSize = self.ndim === 0 ? 1 : self._shape[d]!;
  if (size > maxSize) throw new RuntimeError(`maximum size for tensor at dimension ${d} is ${maxSize} but size is ${size}`);
  if (step <= 0) throw new RuntimeError(`step is ${step} but must be > 0`);
  const move = unfoldMove(d, size, step);
  const out = move({ shape: [...self._shape], strides: [...self._stride], offset: self._offset });
  checkStrided(self, out.shape, out.strides, out.offset);
  return pickingView(self, 'UnfoldBackward0', move, (t) => unfold(t, d, size, step));
}

const methods = {
  /** `x.unfold(0, 2, 1)`: sliding windows of 2 along dimension 0. */
  unfold(this: Tensor, dimension: number, size: number, step: number): Tensor { return unfold(this, dimension, size, step); },
};
type UnfoldMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends UnfoldMethods {} }
addMethods(methods);
