// add, sub, mul, div, neg: the arithmetic operators, with broadcasting, promotion and in-place twins.
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { binaryOp, inPlace, type TensorOrScalar, unaryOp } from '../dispatch.ts';
import { addMethods } from '../methods.ts';

const addOp = binaryOp({
  name: 'add', grad_fn: 'AddBackward0', dtype: 'promote',
  cpu: (a, b) => a + b, wgsl: 'a + b',
  saves: [],
  backward: (grad) => [grad, grad],
});

const subOp = binaryOp({
  name: 'sub', grad_fn: 'SubBackward0', dtype: 'promote',
  cpu: (a, b) => a - b, wgsl: 'a - b',
  saves: [],
  backward: (grad) => [grad, grad.neg()],
});

const mulOp = binaryOp({
  name: 'mul', grad_fn: 'MulBackward0', dtype: 'promote',
  cpu: (a, b) => a * b, wgsl: 'a * b',
  backward: (grad, self, other) => [grad.mul(other), grad.mul(self)],
});

const divOp = binaryOp({
  name: 'div', grad_fn: 'DivBackward0', dtype: 'float',
  cpu: (a, b) => a / b, wgsl: 'a / b',
  backward: (grad, self, other) => [grad.div(other), grad.neg().mul(self).div(other.mul(other))],
});

const negOp = unaryOp({
  name: 'neg', grad_fn: 'NegBackward0', dtype: 'same',
  cpu: (x) => -x, wgsl: '-x', saves: [],
  backward: (grad) => grad.neg(),
});

export interface AlphaOptions { alpha?: Scalar }
export type RoundingMode = 'trunc' | 'floor' | null;
export interface DivOptions { rounding_mode?: RoundingMode }

function scaled(other: TensorOrScalar, alpha: Scalar | undefined): TensorOrScalar {
  if (alpha === undefined || scalarValue(alpha) === 1) return other;
  return isScalar(other) ? scalarValue(other) * scalarValue(alpha) : mulOp(other, alpha);
}

/** `torch.add(a, b, { alpha })`: a + alpha * b. */
export function add(self: TensorOrScalar, other: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  return addOp(self, scaled(other, options.alpha));
}
/** `torch.sub(a, b, { alpha })`: a - alpha * b. */
export function sub(self: TensorOrScalar, other: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  return subOp(self, scaled(other, options.alpha));
}
/** `torch.mul(a, b)`. */
export function mul(self: TensorOrScalar, other: TensorOrScalar): Tensor { return mulOp(self, other); }
/** `torch.div(a, b, { rounding_mode })`: true division, or rounded with 'trunc' / 'floor'. */
export function div(self: TensorOrScalar, other: TensorOrScalar, options: DivOptions = {}): Tensor {
  const mode = options.rounding_mode ?? null;
  if (mode === null) return divOp(self, other);
  if (mode === 'floor') return roundedDivision.floor(self, other);
  if (mode === 'trunc') return roundedDivision.trunc(self, other);
  throw new RuntimeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
}
/** `torch.neg(a)`. */
export function neg(self: Tensor): Tensor { return negOp(self); }

/** Rounded divisions live with the other integer-aware ops; installed there to keep this file small. */
export const roundedDivision: {
  floor: (a: TensorOrScalar, b: TensorOrScalar) => Tensor;
  trunc: (a: TensorOrScalar, b: TensorOrScalar) => Tensor;
} = {
  floor: () => { throw new RuntimeError('floor division is not available'); },
  trunc: () => { throw new RuntimeError('trunc division is not available'); },
};

const methods = {
  /** `a.add(b)` is `a + b`; `a.add(b, { alpha: 2 })` is `a + 2 * b`. */
  add(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return add(this, other, options); },
  /** In-place `a += b`. */
  add_(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return inPlace(this, [other], (s) => add(s, other, options)); },
  /** `a.sub(b)` is `a - b`. */
  sub(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return sub(this, other, options); },
  sub_(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return inPlace(this, [other], (s) => sub(s, other, options)); },
  /** `a.mul(b)` is `a * b`. */
  mul(this: Tensor, other: TensorOrScalar): Tensor { return mul(this, other); },
  mul_(this: Tensor, other: TensorOrScalar): Tensor { return inPlace(this, [other], (s) => mul(s, other)); },
  /** `a.div(b)` is `a / b`. */
  div(this: Tensor, other: TensorOrScalar, options?: DivOptions): Tensor { return div(this, other, options); },
  div_(this: Tensor, other: TensorOrScalar, options?: DivOptions): Tensor { return inPlace(this, [other], (s) => div(s, other, options)); },
  /** `a.neg()` is `-a`. */
  neg(this: Tensor): Tensor { return neg(this); },
  neg_(this: Tensor): Tensor { return inPlace(this, [], (s) => neg(s)); },
  /** Aliases PyTorch also has. */
  subtract(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return sub(this, other, options); },
  multiply(this: Tensor, other: TensorOrScalar): Tensor { return mul(this, other); },
  divide(this: Tensor, other: TensorOrScalar, options?: DivOptions): Tensor { return div(this, other, options); },
  true_divide(this: Tensor, other: TensorOrScalar): Tensor { return div(this, other); },
  negative(this: Tensor): Tensor { return neg(this); },
};
type ArithmeticMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ArithmeticMethods {} }
addMethods(methods);

export const functions = {
  add, sub, mul, div, neg,
  subtract: sub, multiply: mul, divide: div, true_divide: (a: TensorOrScalar, b: TensorOrScalar) => div(a, b), negative: neg,
};
