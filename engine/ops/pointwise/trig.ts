// Trigonometric and hyperbolic functions and their inverses. Integer and bool inputs compute in the default float
// dtype. Each backward is PyTorch's formula, so values match to the last bit where the forward does.
import { record } from '../../autograd/record.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { binaryOp, inPlace, type TensorOrScalar, unaryOp } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { installUnary, requireTensor, type UnaryMethods } from './support.ts';

/** `x.sin()`. */
export const sin = unaryOp({
  name: 'sin', grad_fn: 'SinBackward0', dtype: 'float', cpu: Math.sin, wgsl: 'sin(x)',
  backward: (grad, self) => grad.mul(self.cos()),
});
/** `x.cos()`. */
export const cos = unaryOp({
  name: 'cos', grad_fn: 'CosBackward0', dtype: 'float', cpu: Math.cos, wgsl: 'cos(x)',
  backward: (grad, self) => grad.mul(self.sin().neg()),
});
/** `x.tan()`. */
export const tan = unaryOp({
  name: 'tan', grad_fn: 'TanBackward0', dtype: 'float', cpu: Math.tan, wgsl: 'tan(x)',
  saves: ['result'], backward: (grad, _self, result) => grad.mul(result.pow(2).add(1)), domain: [-1.2, 1.2],
});
/** `x.asin()`: nan outside [-1, 1]. */
export const asin = unaryOp({
  name: 'asin', grad_fn: 'AsinBackward0', dtype: 'float', cpu: Math.asin, wgsl: 'asin(x)',
  backward: (grad, self) => grad.mul(self.neg().mul(self).add(1).rsqrt()), domain: [-0.9, 0.9],
});
/** `x.acos()`: nan outside [-1, 1]. */
export const acos = unaryOp({
  name: 'acos', grad_fn: 'AcosBackward0', dtype: 'float', cpu: Math.acos, wgsl: 'acos(x)',
  backward: (grad, self) => grad.mul(self.neg().mul(self).add(1).rsqrt().neg()), domain: [-0.9, 0.9],
});
/** `x.atan()`. */
export const atan = unaryOp({
  name: 'atan', grad_fn: 'AtanBackward0', dtype: 'float', cpu: Math.atan, wgsl: 'atan(x)',
  backward: (grad, self) => grad.div(self.mul(self).add(1)),
});
/** `x.sinh()`. */
export const sinh = unaryOp({
  name: 'sinh', grad_fn: 'SinhBackward0', dtype: 'float', cpu: Math.sinh, wgsl: 'sinh(x)',
  backward: (grad, self) => grad.mul(self.cosh()),
});
/** `x.cosh()`. */
export const cosh = unaryOp({
  name: 'cosh', grad_fn: 'CoshBackward0', dtype: 'float', cpu: Math.cosh, wgsl: 'cosh(x)',
  backward: (grad, self) => grad.mul(self.sinh()),
});
/** `x.tanh()`. */
export const tanh = unaryOp({
  name: 'tanh', grad_fn: 'TanhBackward0', dtype: 'float', cpu: Math.tanh, wgsl: 'tanh(x)', wasm: 'tanh',
  saves: ['result'], backward: (grad, _self, result) => tanhBackward(grad, result),
});
/** tanh_backward: grad * (1 - y^2) as its own node, so double backward records TanhBackwardBackward0. */
function tanhBackward(grad: Tensor, result: Tensor): Tensor {
  const out = withGradMode(false, () => grad.mul(result.mul(result).neg().add(1)));
  record('TanhBackwardBackward0', [grad, result], out, {}, ([gg]) => [tanhBackward(gg!, result), gg!.mul(result.mul(-2).mul(grad))]);
  return out;
}
/** `x.asinh()`. */
export const asinh = unaryOp({
  name: 'asinh', grad_fn: 'AsinhBackward0', dtype: 'float', cpu: Math.asinh, wgsl: 'asinh(x)',
  backward: (grad, self) => grad.mul(self.pow(2).add(1).rsqrt()),
});
/** `x.acosh()`: nan below 1. */
export const acosh = unaryOp({
  name: 'acosh', grad_fn: 'AcoshBackward0', dtype: 'float', cpu: Math.acosh, wgsl: 'acosh(x)',
  backward: (grad, self) => grad.mul(self.pow(2).sub(1).rsqrt()), domain: [1.1, 4],
});
/** `x.atanh()`: +-inf at +-1, nan beyond. */
export const atanh = unaryOp({
  name: 'atanh', grad_fn: 'AtanhBackward0', dtype: 'float', cpu: Math.atanh, wgsl: 'atanh(x)',
  backward: (grad, self) => grad.div(self.pow(2).neg().add(1)), domain: [-0.9, 0.9],
});

const ops = {
  sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh,
  arcsin: asin, arccos: acos, arctan: atan, arcsinh: asinh, arccosh: acosh, arctanh: atanh,
};
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }

const atan2Op = binaryOp({
  name: 'atan2', grad_fn: 'Atan2Backward0', dtype: 'float', tensorsOnly: true, cpu: Math.atan2, wgsl: 'atan2(a, b)',
  backward: (grad, self, other) => {
    const recip = self.mul(self).add(other.mul(other)).reciprocal();
    return [grad.mul(other).mul(recip), grad.mul(self.neg()).mul(recip)];
  },
});
/** `torch.atan2(y, x)`: the angle of the point (x, y), in (-pi, pi]. */
export function atan2(input: Tensor, other: TensorOrScalar): Tensor {
  requireTensor(input, 'atan2', 'input', 1);
  requireTensor(other, 'atan2', 'other', 2);
  return atan2Op(input, other);
}
function atan2Method(this: Tensor, other: TensorOrScalar): Tensor {
  requireTensor(other, 'atan2', 'other', 1);
  return atan2Op(this, other);
}
function atan2InPlace(this: Tensor, other: TensorOrScalar): Tensor {
  requireTensor(other, 'atan2_', 'other', 1);
  return inPlace(this, [other], (s) => atan2Op(s, other));
}
const methods = { atan2: atan2Method, arctan2: atan2Method, atan2_: atan2InPlace, arctan2_: atan2InPlace };
type Atan2Methods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends Atan2Methods {} }
addMethods(methods);

export const functions = { ...installUnary(ops), atan2, arctan2: atan2 };
