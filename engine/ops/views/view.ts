import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { computeViewStrides, contiguousStrides, inferSize } from '../../core/shape.ts';
import { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { parseShape, requireArgument } from '../args.ts';
import { viewOf } from './make.ts';

/** `x.view(2, 3)`: the same memory seen with a new shape; fails when the strides cannot express it. */
export function view(self: Tensor, shape: readonly number[]): Tensor {
  const size = inferSize(shape, self.numel());
  const strides = computeViewStrides(self._shape, self._stride, size);
  if (strides === null) {
    throw new RuntimeError("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  }
  const inputShape = [...self._shape];
  return viewOf(self, 'ViewBackward0', size, strides, self._offset, (grad) => grad.reshape(inputShape));
}

/** `x.reshape(6)`: a view when the strides allow one (as `view` would), else a contiguous copy. */
export function reshape(self: Tensor, shape: readonly number[]): Tensor {
  const size = inferSize(shape, self.numel());
  const strides = computeViewStrides(self._shape, self._stride, size);
  const inputShape = [...self._shape];
  if (strides !== null) {
    return viewOf(self, 'ReshapeAliasBackward0', size, strides, self._offset, (grad) => grad.reshape(inputShape));
  }
  // PyTorch copies (CloneBackward0), then reinterprets the copy without making it a view (UnsafeViewBackward0).
  const copy = self.contiguous();
  const out = new Tensor(copy.storage, size, contiguousStrides(size), 0);
  record('UnsafeViewBackward0', [copy], out, {}, ([grad]) => [grad!.reshape(inputShape)]);
  return out;
}

const methods = {
  /** `x.view(2, 3)` or `x.view([2, 3])`. */
  view(this: Tensor, ...shape: (number | readonly number[])[]): Tensor {
    if (shape.length === 0) {
      throw new TypeError('view() received an invalid combination of arguments - got (), but expected one of:\n * (torch.dtype dtype)\n * (tuple of SymInts size)\n');
    }
    return view(this, parseShape(shape));
  },
  /** `x.reshape(-1)`. */
  reshape(this: Tensor, ...shape: (number | readonly number[])[]): Tensor {
    requireArgument(shape, 'reshape', 'shape');
    return reshape(this, parseShape(shape));
  },
  /** `x.view_as(y)`: `x.view(y.shape)`. */
  view_as(this: Tensor, other: Tensor): Tensor { return view(this, other._shape); },
  /** `x.reshape_as(y)`. */
  reshape_as(this: Tensor, other: Tensor): Tensor { return reshape(this, other._shape); },
};
type ViewMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ViewMethods {} }
addMethods(methods);

export const functions = { reshape: (input: Tensor, shape: readonly number[]) => reshape(input, shape) };
