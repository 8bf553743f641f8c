import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { parseShape } from '../args.ts';
import { addMethods } from '../methods.ts';
import { viewOf } from './make.ts';

/** `x.expand(2, 3)`: size-1 dimensions repeat with stride 0, new leading dimensions appear; no copy. */
export function expand(self: Tensor, sizes: readonly number[]): Tensor {
  const ndim = self.ndim;
  if (sizes.length < ndim) {
    throw new RuntimeError(`expand(${self.dtype.legacyName}{[${self._shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${ndim})`);
  }
  const shape: number[] = [];
  const strides: number[] = [];
  const lead = sizes.length - ndim;
  for (let i = 0; i < sizes.length; i++) {
    const target = sizes[i]!;
    if (i < lead) {
      if (target < 0) throw new RuntimeError(`The expanded size of the tensor (${target}) isn't allowed in a leading, non-existing dimension ${i}`);
      shape.push(target);
      strides.push(0);
      continue;
    }
    const current = self._shape[i - lead]!;
    const wanted = target === -1 ? current : target;
    if (current !== wanted) {
      if (current !== 1) {
        throw new RuntimeError(`The expanded size of the tensor (${wanted}) must match the existing size (${current}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${self._shape.join(', ')}]`);
      }
      shape.push(wanted);
      strides.push(0);
    } else {
      shape.push(current);
      strides.push(self._stride[i - lead]!);
    }
  }
  const inputShape = [...self._shape];
  return viewOf(self, 'ExpandBackward0', shape, strides, self._offset, (grad) => grad.sum_to_size(inputShape));
}

const methods = {
  /** `x.expand(3, -1)`. */
  expand(this: Tensor, ...sizes: (number | readonly number[])[]): Tensor { return expand(this, parseShape(sizes)); },
  /** `x.expand_as(y)`. */
  expand_as(this: Tensor, other: Tensor): Tensor { return expand(this, other._shape); },
};
type ExpandMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ExpandMethods {} }
addMethods(methods);
