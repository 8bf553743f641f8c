// torch.erf, the Gauss error function, through the double-precision erf the nn family uses for GELU.
import { unaryOp } from '../dispatch.ts';
import { erf as erfValue } from '../nn/erf.ts';
import { installUnary, type UnaryMethods } from './support.ts';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** `x.erf()`: erf(x) = 2/sqrt(pi) * integral of e^(-t^2) from 0 to x. */
export const erf = unaryOp({
  name: 'erf', grad_fn: 'ErfBackward0', dtype: 'float', cpu: erfValue, wgsl: 'erf(x)',
  backward: (grad, self) => self.pow(2).neg().exp().mul(TWO_OVER_SQRT_PI).mul(grad),
});

const ops = { erf };
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }
export const functions = installUnary(ops);
