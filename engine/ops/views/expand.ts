import { bool } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { broadcastShapes } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { PyTuple } from '../../core/tuple.ts';
import { requireArgument } from '../args.ts';
import { addMethods } from '../methods.ts';
import { intListParameter, listParameter } from '../joins/args.ts';
import { viewOf } from './make.ts';
import { tensorArgument } from './params.ts';

/**
 * `x.expand(2, 3)`: size-1 dimensions repeat with stride 0, new leading dimensions appear; no copy. Like ATen's
 * inferExpandGeometry it walks from the last dimension, so the last mismatch is the one reported.
 */
export function expand(self: Tensor, sizes: readonly number[]): Tensor {
  const ndim = sizes.length;
  const tensorDims = self.ndim;
  if (ndim < tensorDims) {
    // ATen names the type by its legacy tensor class, which bool never had: its name is the CPU type's.
    const typeName = self.dtype === bool ? 'CPUBoolType' : self.dtype.legacyName;
    throw new RuntimeError(`expand(${typeName}{[${self._shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${ndim}) must be greater or equal to the number of dimensions in the tensor (${tensorDims})`);
  }
  // A 0-dim tensor expands to any size with every stride 0.
  const shape = tensorDims === 0 ? [...sizes] : new Array<number>(ndim);
  const strides = new Array<number>(ndim).fill(0);
  for (let i = tensorDims === 0 ? -1 : ndim - 1; i >= 0; i--) {
    const dim = tensorDims - ndim + i;
    let size = dim >= 0 ? self._shape[dim]! : 1;
    let stride = dim >= 0 ? self._stride[dim]! : i + 1 < ndim ? shape[i + 1]! * strides[i + 1]! : 1;
    let target = sizes[i]!;
    if (target === -1) {
      if (dim < 0) throw new RuntimeError(`The expanded size of the tensor (${target}) isn't allowed in a leading, non-existing dimension ${i}`);
      target = size;
    }
    if (size !== target) {
      if (size !== 1) {
        throw new RuntimeError(`The expanded size of the tensor (${target}) must match the existing size (${size}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${self._shape.join(', ')}]`);
      }
      size = target;
      stride = 0;
    }
    shape[i] = size;
    strides[i] = stride;
  }
  if (shape.some((d) => d < 0)) throw new RuntimeError('numel: integer multiplication overflow');
  const inputShape = [...self._shape];
  return viewOf(self, 'ExpandBackward0', shape, strides, self._offset, (grad) => grad.sum_to_size(inputShape));
}

const methods = {
  /** `x.expand(3, -1)`. */
  expand(this: Tensor, ...sizes: (number | readonly number[] | { size?: readonly number[] })[]): Tensor {
    requireArgument(sizes, 'expand', 'size');
    return expand(this, intListParameter(sizes, 'expand', 'size', 'SymInts'));
  },
  /** `x.expand_as(y)`. */
  expand_as(this: Tensor, other: Tensor): Tensor { return expand(this, tensorArgument(other, 'expand_as')._shape); },
  /** `x.broadcast_to([2, 3])`. */
  broadcast_to(this: Tensor, ...size: (number | readonly number[] | { size?: readonly number[] })[]): Tensor {
    return expand(this, intListParameter(size, 'broadcast_to', 'size'));
  },
};
type ExpandMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ExpandMethods {} }
addMethods(methods);

/** `torch.broadcast_tensors(a, b)`: each input expanded to their common shape (an input already of it comes back as is). */
export function broadcast_tensors(...tensors: Tensor[]): PyTuple<Tensor> {
  const shape = tensors.reduce<number[]>((acc, t) => broadcastShapes(acc, t._shape), []);
  return PyTuple.from_(tensors.map((t) => (t._shape.length === shape.length && t._shape.every((s, i) => s === shape[i]) ? t : expand(t, shape))));
}

export const functions = {
  broadcast_tensors,
  broadcast_to: (input: Tensor, ...args: (readonly number[] | { size?: readonly number[] })[]) => expand(input, listParameter(args, 'broadcast_to', 'size')),
};
