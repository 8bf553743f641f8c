// torch.erf, the Gauss error function, through the double-precision erf the nn family uses for GELU.
import { unaryOp } from '../dispatch.ts';
import { erf as erfValue } from '../nn/erf.ts';
import { installUnary, type UnaryMethods } from './support.ts';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** `x.erf()`: erf(x) = 2/sqrt(pi) * integral of e^(-t^2) from 0 to x. */
export const erf = unaryOp({
  name: 'erf', grad_fn: 'ErfBackward0', dtype: 'float', cpu: erfValue,
  // WGSL has no erf: Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, enough for float32).
  wgsl: 'sign(x) * (1.0 - (((((1.061405429 * (1.0 / (1.0 + 0.3275911 * abs(x))) - 1.453152027) * (1.0 / (1.0 + 0.3275911 * abs(x))) + 1.421413741) * (1.0 / (1.0 + 0.3275911 * abs(x))) - 0.284496736) * (1.0 / (1.0 + 0.3275911 * abs(x))) + 0.254829592) * (1.0 / (1.0 + 0.3275911 * abs(x)))) * exp(-x * x))',
  backward: (grad, self) => self.pow(2).neg().exp().mul(TWO_OVER_SQRT_PI).mul(grad),
});

const ops = { erf };
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }
export const functions = installUnary(ops);
