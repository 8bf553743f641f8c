import { record } from '../../autograd/record.ts';
import { bool, float32 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { eye } from '../creation/eye.ts';
import { addMethods } from '../methods.ts';

/** `m.trace()`: the sum of a matrix's main diagonal (integers sum to int64). */
export function trace(self: Tensor): Tensor {
  if (self.dtype === bool) throw new RuntimeError('"trace" not implemented for \'Bool\'');
  if (self.ndim !== 2) throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${self.ndim}`);
  const [rows, cols] = self._shape as [number, number];
  // PyTorch accumulates a float32 trace in double, rounding once at the end.
  const out = withGradMode(false, () => {
    const diagonal = self.diagonal();
    return self.dtype === float32 ? diagonal.double().sum().float() : diagonal.sum();
  });
  record('TraceBackward0', [self], out, {}, ([grad]) => [eye(rows, cols, { dtype: grad!.dtype, device: grad!.device }).mul(grad!)]);
  return out;
}

const methods = {
  /** `m.trace()`. */
  trace(this: Tensor): Tensor { return trace(this); },
};
type TraceMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends TraceMethods {} }
addMethods(methods);

export const functions = { trace };
