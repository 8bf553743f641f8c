// Movement ops are views, not kernels (Note [Views share storage]): a new shape/strides/offset over the same
// storage, with the inverse movement as backward.
import { record } from '../../autograd/record.ts';
import { makeView, type Tensor } from '../../core/tensor.ts';

/** Creates a view of `self` with the given geometry and records `grad_fn` with the inverse movement. */
export function viewOf(
  self: Tensor, grad_fn: string, shape: number[], strides: number[], offset: number,
  backward: (grad: Tensor) => Tensor,
): Tensor {
  const out = makeView(self, shape, strides, offset);
  record(grad_fn, [self], out, {}, ([grad]) => [backward(grad!)]);
  return out;
}
