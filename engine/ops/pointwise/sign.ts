// abs, sign, sgn, positive: magnitude and sign. Their dtype is the input's; abs has no bool kernel.
import { bool } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { zeros_like } from '../creation/fill.ts';
import { unaryOp } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { installUnary, notImplementedFor, type UnaryMethods } from './support.ts';

/** sign as PyTorch computes it: (0 < x) - (x < 0), so sign(-0.) is 0 and sign(nan) is 0. */
const signOf = (x: number): number => Number(x > 0) - Number(x < 0);

const absOp = unaryOp({
  name: 'abs', grad_fn: 'AbsBackward0', dtype: 'same', cpu: Math.abs, wgsl: 'abs(x)', wasm: 'abs',
  backward: (grad, self) => grad.mul(self.sgn()),
});
/** `x.abs()`: |x|; the gradient at 0 is 0. */
export function abs(self: Tensor): Tensor {
  if (self.dtype === bool) notImplementedFor('abs_cpu', bool);
  return absOp(self);
}
/** `x.sign()`: -1, 0 or 1 (0 for nan); its gradient is 0 everywhere. */
export const sign = unaryOp({
  name: 'sign', grad_fn: 'SignBackward0', dtype: 'same', cpu: signOf, wgsl: 'sign(x)',
  saves: [], backward: (grad) => zeros_like(grad),
});
/** `x.sgn()`: sign, extended to complex numbers in PyTorch; the same as sign for real tensors. */
export const sgn = unaryOp({
  name: 'sgn', grad_fn: 'SgnBackward0', dtype: 'same', cpu: signOf, wgsl: 'sign(x)',
  saves: [], backward: (grad) => zeros_like(grad),
});

const ops = { abs, absolute: abs, sign, sgn };
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }

/** `x.positive()`: `x` itself (unary plus); refused for bool like PyTorch. */
export function positive(self: Tensor): Tensor {
  if (self.dtype === bool) throw new RuntimeError('The `+` operator, on a bool tensor is not supported.');
  return self;
}
const methods = {
  /** `x.positive()` is `+x`: the same tensor. */
  positive(this: Tensor): Tensor { return positive(this); },
};
type PositiveMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends PositiveMethods {} }
addMethods(methods);

export const functions = { ...installUnary(ops), positive };
