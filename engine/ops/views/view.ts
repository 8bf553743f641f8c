import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { computeViewStrides, contiguousStrides, inferSize } from '../../core/shape.ts';
import { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { isOptions, requireArgument } from '../args.ts';
import { intListParameter, listParameter, pythonType } from '../joins/args.ts';
import { tensorArgument } from './params.ts';
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
  view(this: Tensor, ...shape: (number | readonly number[] | { size?: readonly number[] })[]): Tensor {
    if (shape.length === 0) {
      throw new TypeError('view() received an invalid combination of arguments - got (), but expected one of:\n * (torch.dtype dtype)\n * (tuple of SymInts size)\n');
    }
    const first = shape[0];
    if (!(typeof first === 'number' && Number.isInteger(first)) && !isOptions(first) && !(Array.isArray(first) && (first.length === 0 || Number.isInteger(first[0])))) {
      // view's other overload takes a dtype, so Python lists both when the first argument fits neither.
      const got = Array.isArray(first) ? 'list' : pythonType(first);
      const why = `      didn't match because some of the arguments have invalid types: (!${got}!)\n`;
      throw new TypeError(`view() received an invalid combination of arguments - got (${got}), but expected one of:\n * (torch.dtype dtype)\n${why} * (tuple of SymInts size)\n${why}`);
    }
    return view(this, intListParameter(shape, 'view', 'size', 'SymInts'));
  },
  /** `x.reshape(-1)`. */
  reshape(this: Tensor, ...shape: (number | readonly number[] | { shape?: readonly number[] })[]): Tensor {
    requireArgument(shape, 'reshape', 'shape');
    return reshape(this, intListParameter(shape, 'reshape', 'shape', 'SymInts'));
  },
  /** `x.view_as(y)`: `x.view(y.shape)`. */
  view_as(this: Tensor, other: Tensor): Tensor { return view(this, tensorArgument(other, 'view_as')._shape); },
  /** `x.reshape_as(y)`. */
  reshape_as(this: Tensor, other: Tensor): Tensor { return reshape(this, tensorArgument(other, 'reshape_as')._shape); },
};
type ViewMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ViewMethods {} }
addMethods(methods);

export const functions = {
  reshape: (input: Tensor, ...args: (readonly number[] | { shape?: readonly number[] })[]) => reshape(input, listParameter(args, 'reshape', 'shape', 'SymInts')),
};
