// torch.logit, the inverse of sigmoid, with PyTorch's optional eps that clamps the input into [eps, 1 - eps].
import { record } from '../../autograd/record.ts';
import { get_default_dtype } from '../../core/dtype.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { isPyFloat, type Scalar, scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { inPlace, unaryOp } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { pythonType } from './support.ts';
import { where } from './where.ts';

export interface LogitOptions { eps?: Scalar | null }
type Eps = Scalar | null | undefined | LogitOptions;

/** PyTorch's logit_backward: NaN outside [0, 1] without eps; with it, no gradient where the input was clamped. */
function logitBackward(grad: Tensor, self: Tensor, eps: number | null): Tensor {
  const slope = grad.div(self.mul(self.neg().add(1)));
  if (eps === null) return where(self.lt(0).logical_or(self.gt(1)), NaN, slope);
  return where(self.lt(eps).logical_or(self.gt(1 - eps)), 0, slope);
}

const logitOp = unaryOp({
  name: 'logit', grad_fn: 'LogitBackward0', dtype: 'float',
  cpu: (x) => Math.log(x / (1 - x)),
  // x / (1 - x) divides by zero at 1; log_ieee gives -inf at +-0 and NaN below it (Note [Special values in WGSL]).
  wgsl: 'select(log_ieee(x / (1.0 - x)), inf_f32(), x == 1.0)',
  backward: (grad, self) => logitBackward(grad, self, null),
  domain: [0.05, 0.95],
});

function epsValue(eps: Eps): number | null {
  const value = eps !== null && typeof eps === 'object' && !isPyFloat(eps) ? eps.eps : eps;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || isPyFloat(value)) return scalarValue(value);
  throw new TypeError(`logit(): argument 'eps' (position 2) must be float, not ${pythonType(value)}`);
}

/** `torch.logit(x, eps)`: log(x / (1 - x)), x first clamped into [eps, 1 - eps] when eps is given: `logit(0.75)` is 1.0986. */
export function logit(self: Tensor, eps?: Eps): Tensor {
  const e = epsValue(eps);
  if (e === null) return logitOp(self);
  const input = self.dtype.is_floating_point ? self : self.to(get_default_dtype());
  // PyTorch's kernel tests the low bound first, so eps above 0.5 clamps everything below eps up to eps.
  const out = withGradMode(false, () => logitOp(where(input.lt(e), e, where(input.gt(1 - e), 1 - e, input))));
  record('LogitBackward0', [self], out, { self }, ([grad], s) => [logitBackward(grad!, s.self, e)]);
  return out;
}

const methods = {
  /** `x.logit()`, `x.logit(1e-6)`. */
  logit(this: Tensor, eps?: Eps): Tensor { return logit(this, eps); },
  logit_(this: Tensor, eps?: Eps): Tensor { return inPlace(this, [], (s) => logit(s, eps)); },
};
type LogitMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends LogitMethods {} }
addMethods(methods);

export const functions = { logit, logit_: (input: Tensor, eps?: Eps) => input.logit_(eps) };
