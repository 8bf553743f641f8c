// Note [Scalar overloads]: ATen's C++ composites call the Scalar overloads (mul.Scalar, div.Scalar, add.Scalar),
// whose nodes PyTorch names MulBackward1, DivBackward1 and AddBackward1; Python calls with numbers reach the Tensor
// overloads (MulBackward0...). The composites here (cross_entropy) use these so their graphs read as PyTorch's.
import { record } from '../../autograd/record.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';

/** `self * other` for a number, recorded as mul.Scalar. */
export function mulScalar(self: Tensor, other: number): Tensor {
  const out = withGradMode(false, () => self.mul(other));
  record('MulBackward1', [self], out, {}, ([grad]) => [grad!.mul(other)]);
  return out;
}

/** `self / other` for a number, recorded as div.Scalar. */
export function divScalar(self: Tensor, other: number): Tensor {
  const out = withGradMode(false, () => self.div(other));
  record('DivBackward1', [self], out, {}, ([grad]) => [grad!.div(other)]);
  return out;
}

/** `self + other` for a number, recorded as add.Scalar. */
export function addScalar(self: Tensor, other: number): Tensor {
  const out = withGradMode(false, () => self.add(other));
  record('AddBackward1', [self], out, {}, ([grad]) => [grad!]);
  return out;
}
