// Rounded division and remainders: div(rounding_mode='trunc'|'floor'), floor_divide, remainder (the result takes
// the divisor's sign, like Python's %) and fmod (the dividend's sign, like C's fmod). Integer division by zero
// raises PyTorch's ZeroDivisionError; for floats it gives inf or nan.
import { record } from '../../autograd/record.ts';
import { bool, type DType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { Tensor } from '../../core/tensor.ts';
import { zeros_like } from '../creation/fill.ts';
import { binaryOp, inPlace, resultType, type TensorOrScalar } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { div, roundedDivision } from './arithmetic.ts';
import { notImplementedFor } from './support.ts';

/** Refuses bool, and integer division by zero, before a kernel runs. */
const checkDivisor = (kernel: string) => (_self: Tensor, other: Tensor, compute: DType): void => {
  if (compute === bool) notImplementedFor(kernel, bool);
  if (!compute.is_floating_point && other._values().includes(0)) throw new RuntimeError('ZeroDivisionError');
};

/** Floor division of floats as PyTorch computes it (through fmod, so that it agrees with remainder). */
function floorDivideFloat(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let quotient = (a - mod) / b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) quotient -= 1;
  if (quotient === 0) return a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  const floor = Math.floor(quotient);
  return quotient - floor > 0.5 ? floor + 1 : floor;
}
/** Exact integer division: JavaScript's % on integral doubles is exact, so the quotient is too. */
const truncDivideInt = (a: number, b: number) => (a - (a % b)) / b;
const floorDivideInt = (a: number, b: number) => {
  const r = a % b;
  return (a - r) / b - (r !== 0 && (r < 0) !== (b < 0) ? 1 : 0);
};
function remainderOf(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

const divFloorOp = binaryOp({
  name: 'div_floor', dtype: 'promote', cpu: floorDivideFloat, cpuIntegral: floorDivideInt,
  wgsl: 'floor(a / b)', check: checkDivisor('div_floor_cpu'),
});
const divTruncIntegralOp = binaryOp({
  name: 'div_trunc', dtype: 'promote', cpu: (a, b) => Math.trunc(a / b), cpuIntegral: truncDivideInt,
  wgsl: 'trunc(a / b)', check: checkDivisor('div_trunc_cpu'),
});

const inputsOf = (a: TensorOrScalar, b: TensorOrScalar) => [a instanceof Tensor ? a : null, b instanceof Tensor ? b : null];
/** Rounded quotients are piecewise constant: their gradient is zero (DivBackward2). */
function recordZeroGradient(a: TensorOrScalar, b: TensorOrScalar, out: Tensor): Tensor {
  record('DivBackward2', inputsOf(a, b), out, {}, ([grad]) => [zeros_like(grad!), zeros_like(grad!)]);
  return out;
}
roundedDivision.floor = (a, b) => recordZeroGradient(a, b, withGradMode(false, () => divFloorOp(a, b)));
// trunc(a / b) with the quotient rounded to the tensor's dtype first, as PyTorch's kernel does for floats.
roundedDivision.trunc = (a, b) => recordZeroGradient(a, b, withGradMode(false, () =>
  resultType(a, b).is_floating_point ? div(a, b).trunc() : divTruncIntegralOp(a, b)));

/** `torch.floor_divide(a, b)`: floor(a / b); PyTorch has no derivative for it. */
export function floor_divide(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  const out = withGradMode(false, () => divFloorOp(self, other));
  record('NotImplemented', inputsOf(self, other), out, {}, () => {
    throw new RuntimeError('derivative for aten::floor_divide is not implemented');
  });
  return out;
}

const remainderOp = binaryOp({
  name: 'remainder', grad_fn: 'RemainderBackward1', dtype: 'promote', cpu: remainderOf, wgsl: 'a - b * floor(a / b)',
  check: checkDivisor('remainder_cpu'),
  backward: (grad, self, other) => [grad, grad.neg().mul(self.div(other, { rounding_mode: 'floor' }))],
});
/** `torch.remainder(a, b)`: a - b * floor(a / b), with the sign of b (Python's %). */
export function remainder(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (self instanceof Tensor && other instanceof Tensor) return remainderOp(self, other);
  const out = withGradMode(false, () => remainderOp(self, other));
  if (self instanceof Tensor) record('RemainderBackward0', [self], out, {}, ([grad]) => [grad!]);
  else record('NotImplemented', [other as Tensor], out, {}, () => {
    throw new RuntimeError('derivative for aten::remainder is not implemented');
  });
  return out;
}

const fmodOp = binaryOp({
  name: 'fmod', grad_fn: 'FmodBackward1', dtype: 'promote', cpu: (a, b) => a % b, wgsl: 'a - b * trunc(a / b)',
  check: checkDivisor('fmod_cpu'),
  backward: (grad, self, other) => [grad, grad.neg().mul(self.div(other, { rounding_mode: 'trunc' }))],
});
/** `torch.fmod(a, b)`: a - b * trunc(a / b), with the sign of a (C's fmod). */
export function fmod(self: Tensor, other: TensorOrScalar): Tensor {
  if (other instanceof Tensor) return fmodOp(self, other);
  const out = withGradMode(false, () => fmodOp(self, other));
  record('FmodBackward0', [self], out, {}, ([grad]) => [grad!]);
  return out;
}

const methods = {
  /** `a.floor_divide(b)`: floor(a / b). */
  floor_divide(this: Tensor, other: TensorOrScalar): Tensor { return floor_divide(this, other); },
  floor_divide_(this: Tensor, other: TensorOrScalar): Tensor { return inPlace(this, [other], (s) => floor_divide(s, other)); },
  /** `a.remainder(b)`: Python's a % b. */
  remainder(this: Tensor, other: TensorOrScalar): Tensor { return remainder(this, other); },
  remainder_(this: Tensor, other: TensorOrScalar): Tensor { return inPlace(this, [other], (s) => remainder(s, other)); },
  /** `a.fmod(b)`: C's fmod(a, b). */
  fmod(this: Tensor, other: TensorOrScalar): Tensor { return fmod(this, other); },
  fmod_(this: Tensor, other: TensorOrScalar): Tensor { return inPlace(this, [other], (s) => fmod(s, other)); },
};
type DivisionMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends DivisionMethods {} }
addMethods(methods);

export const functions = { floor_divide, remainder, fmod };
