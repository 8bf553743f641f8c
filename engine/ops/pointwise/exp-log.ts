// Exponentials, logarithms, roots and the reciprocal. Integer and bool inputs compute in the default float dtype.
import { unaryOp } from '../dispatch.ts';
import { mulScalar } from './arithmetic.ts';
import { installUnary, type UnaryMethods } from './support.ts';

const LN2 = 0.6931471805599453;
const LN10 = 2.3025850929940456;

/** `x.exp()`: e^x. */
export const exp = unaryOp({
  name: 'exp', grad_fn: 'ExpBackward0', dtype: 'float', cpu: Math.exp, wgsl: 'exp(x)', wasm: 'exp',
  saves: ['result'], backward: (grad, _self, result) => grad.mul(result),
});
/** `x.exp2()`: 2^x. */
export const exp2 = unaryOp({
  name: 'exp2', grad_fn: 'Exp2Backward0', dtype: 'float', cpu: (x) => 2 ** x, wgsl: 'exp2(x)',
  saves: ['result'], backward: (grad, _self, result) => mulScalar(grad.mul(result), LN2),
});
/** `x.expm1()`: e^x - 1, accurate near 0. */
export const expm1 = unaryOp({
  name: 'expm1', grad_fn: 'Expm1Backward0', dtype: 'float', cpu: Math.expm1, wgsl: 'exp(x) - 1.0',
  saves: ['result'], backward: (grad, _self, result) => grad.mul(result.add(1)),
});
/** `x.log()`: natural logarithm; log(0) is -inf, negatives give nan. */
export const log = unaryOp({
  name: 'log', grad_fn: 'LogBackward0', dtype: 'float', cpu: Math.log, wgsl: 'log(x)', wasm: 'log',
  backward: (grad, self) => grad.div(self), domain: [0.1, 4],
});
/** `x.log2()`. */
export const log2 = unaryOp({
  name: 'log2', grad_fn: 'Log2Backward0', dtype: 'float', cpu: Math.log2, wgsl: 'log2(x)',
  backward: (grad, self) => grad.div(self.mul(LN2)), domain: [0.1, 4],
});
/** `x.log10()`. */
export const log10 = unaryOp({
  name: 'log10', grad_fn: 'Log10Backward0', dtype: 'float', cpu: Math.log10, wgsl: 'log(x) * 0.4342944819032518',
  backward: (grad, self) => grad.div(self.mul(LN10)), domain: [0.1, 4],
});
/** `x.log1p()`: log(1 + x), accurate near 0. */
export const log1p = unaryOp({
  name: 'log1p', grad_fn: 'Log1PBackward0', dtype: 'float', cpu: Math.log1p, wgsl: 'log(1.0 + x)',
  backward: (grad, self) => grad.div(self.add(1)), domain: [-0.9, 4],
});
/** `x.sqrt()`: the gradient at 0 is inf, as in PyTorch. */
export const sqrt = unaryOp({
  name: 'sqrt', grad_fn: 'SqrtBackward0', dtype: 'float', cpu: Math.sqrt, wgsl: 'sqrt(x)', wasm: 'sqrt',
  saves: ['result'], backward: (grad, _self, result) => grad.div(result.mul(2)), domain: [0.1, 4],
});
/** `x.rsqrt()`: 1 / sqrt(x). */
export const rsqrt = unaryOp({
  name: 'rsqrt', grad_fn: 'RsqrtBackward0', dtype: 'float', cpu: (x) => 1 / Math.sqrt(x), wgsl: 'inverseSqrt(x)',
  saves: ['result'], backward: (grad, _self, result) => grad.mul(-0.5).mul(result.pow(3)), domain: [0.1, 4],
});
/** `x.reciprocal()`: 1 / x; integers give floats. */
export const reciprocal = unaryOp({
  name: 'reciprocal', grad_fn: 'ReciprocalBackward0', dtype: 'float', cpu: (x) => 1 / x, wgsl: '1.0 / x',
  saves: ['result'], backward: (grad, _self, result) => grad.neg().mul(result.mul(result)), domain: [0.5, 4],
});

const ops = { exp, exp2, expm1, log, log2, log10, log1p, sqrt, rsqrt, reciprocal };
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }
export const functions = installUnary(ops);
