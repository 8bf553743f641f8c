import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { wrapDims } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { emptyLike } from '../layout.ts';
import { addMethods } from '../methods.ts';
import { intListParameter, listParameter } from './args.ts';
import { copyPart, partOf, whole } from './parts.ts';

/** `x.flip([0, 1])`: a copy with the order of elements reversed along `dims` (not a view, unlike NumPy). */
export function flip(self: Tensor, dims: readonly number[]): Tensor {
  const wrapped = wrapDims(dims, self.ndim);
  // Laid out like self (empty_like), as PyTorch's flip kernel writes it.
  const out = emptyLike(self);
  // Reading the source from the far end with negated strides reverses it.
  const strides = [...self._stride];
  let offset = self._offset;
  for (const d of wrapped) {
    if (d >= self.ndim || self._shape[d] === 0) continue;
    offset += (self._shape[d]! - 1) * strides[d]!;
    strides[d] = -strides[d]!;
  }
  copyPart(whole(out), partOf(self, self._shape, strides, offset));
  record('FlipBackward0', [self], out, {}, ([grad]) => [grad!.flip(wrapped)]);
  return out;
}

/** `m.fliplr()`: flips the columns (dim 1). */
export function fliplr(self: Tensor): Tensor {
  if (self.ndim < 2) throw new RuntimeError('Input must be >= 2-d.');
  return flip(self, [1]);
}

/** `m.flipud()`: flips the rows (dim 0). */
export function flipud(self: Tensor): Tensor {
  if (self.ndim < 1) throw new RuntimeError('Input must be >= 1-d.');
  return flip(self, [0]);
}

const methods = {
  /** `x.flip(0)`, `x.flip(0, 1)` or `x.flip([0, 1])`. */
  flip(this: Tensor, ...dims: (number | readonly number[] | { dims?: readonly number[] })[]): Tensor {
    if (dims.length === 0) throw new TypeError('flip() missing 1 required positional arguments: "dims"');
    return flip(this, intListParameter(dims, 'flip', 'dims'));
  },
  /** `m.fliplr()`. */
  fliplr(this: Tensor): Tensor { return fliplr(this); },
  /** `m.flipud()`. */
  flipud(this: Tensor): Tensor { return flipud(this); },
};
type FlipMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends FlipMethods {} }
addMethods(methods);

export const functions = {
  flip: (input: Tensor, ...args: (readonly number[] | { dims?: readonly number[] })[]) => flip(input, listParameter(args, 'flip', 'dims')),
  fliplr, flipud,
};
