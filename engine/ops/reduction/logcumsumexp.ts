// logcumsumexp: log(cumsum(exp(x))) along a dim without overflow, accumulated in double as PyTorch's CPU kernel.
import { record } from '../../autograd/record.ts';
import { scanDim } from '../../backend/cpu/kernels.ts';
import { RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { viewOf } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { where } from '../pointwise/where.ts';
import { type DimArgs, scanDimArg } from './cummax.ts';

/** log(exp(x) + exp(acc)), keeping NaN and returning x when both are the same infinity (PyTorch's helper). */
function logAddExp(acc: number, x: number): number {
  const min = Number.isNaN(acc) ? acc : Math.min(x, acc);
  const max = Number.isNaN(acc) ? acc : Math.max(x, acc);
  if (min !== max || Number.isFinite(min)) return Math.log1p(Math.exp(min - max)) + max;
  return x;
}

/** `x.logcumsumexp(1)`: the running log-sum-exp along a dim. */
export function logcumsumexp(self: Tensor, dimArg: number): Tensor {
  const dim = wrapDim(dimArg, self.ndim);
  if (!self.dtype.is_floating_point) throw new RuntimeError(`"logcumsumexp_out_cpu" not implemented for '${self.dtype.scalarName}'`);
  const out = emptyTensor(self._shape, self.dtype, self.device);
  const view = viewOf(self);
  scanDim(out.storage.data, self.ndim === 0 ? { ...view, shape: [1], strides: [1] } : view, self.ndim === 0 ? 0 : dim, -Infinity, logAddExp);
  record('LogcumsumexpBackward0', [self], out, { self, result: out }, ([grad], s) => {
    const g = grad!;
    if (g.ndim === 0 || g.numel() === 0) return [g];
    // Positive and negative parts of grad go through log space separately (PyTorch's formula, from TensorFlow's).
    const lowest = g.dtype.name === 'float32' ? -3.4028234663852886e38 : -Number.MAX_VALUE;
    const reversed = (t: Tensor) => t.flip([dim]).logcumsumexp(dim).flip([dim]);
    const logAbs = g.abs().log();
    const positive = reversed(where(g.gt(0), logAbs, lowest).sub(s.result)).add(s.self).exp();
    const negative = reversed(where(g.lt(0), logAbs, lowest).sub(s.result)).add(s.self).exp();
    return [positive.sub(negative)];
  });
  return out;
}

const methods = {
  /** `x.logcumsumexp(dim)`. */
  logcumsumexp(this: Tensor, ...args: DimArgs): Tensor { return logcumsumexp(this, scanDimArg('logcumsumexp', args)); },
};
type LogcumsumexpMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends LogcumsumexpMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.logcumsumexp(x, 0)`. */
  logcumsumexp: (input: Tensor, ...args: DimArgs) => logcumsumexp(input, scanDimArg('logcumsumexp', args)),
};
