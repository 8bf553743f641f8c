// add, sub, rsub, mul, div, neg: the arithmetic operators, with broadcasting, promotion and in-place twins.
import { record } from '../../autograd/record.ts';
import { mapBinary } from '../../backend/cpu/kernels.ts';
import { bool, type DType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { type Scalar, scalarKind, scalarValue } from '../../core/scalar.ts';
import { broadcastShapes } from '../../core/shape.ts';
import { Tensor } from '../../core/tensor.ts';
import { asTensor, binaryOp, inPlace, resultType, storeFor, type TensorOrScalar, unaryOp, viewOf, writing } from '../dispatch.ts';
import { ELEMENTWISE } from '../overlap.ts';
import { commonDevice, elementwiseOutput, inOrder } from '../layout.ts';
import { addMethods } from '../methods.ts';

const addOp = binaryOp({
  name: 'add', grad_fn: 'AddBackward0', dtype: 'promote',
  cpu: (a, b) => a + b, wgsl: 'a + b', wasm: 'add',
  saves: [],
  backward: (grad) => [grad, grad],
});

const subOp = binaryOp({
  name: 'sub', grad_fn: 'SubBackward0', dtype: 'promote',
  cpu: (a, b) => a - b, wgsl: 'a - b', wasm: 'sub',
  saves: [],
  backward: (grad) => [grad, grad.neg()],
});

const mulOp = binaryOp({
  name: 'mul', grad_fn: 'MulBackward0', dtype: 'promote',
  cpu: (a, b) => a * b, cpuInt32: Math.imul, wgsl: 'a * b', wasm: 'mul',
  backward: (grad, self, other) => [grad.mul(other), grad.mul(self)],
});

const divOp = binaryOp({
  name: 'div', grad_fn: 'DivBackward0', dtype: 'float',
  cpu: (a, b) => a / b, wgsl: 'a / b', wasm: 'div',
  backward: (grad, self, other) => [grad.div(other), grad.neg().mul(self.div(other).div(other))],
});

const negOp = unaryOp({
  name: 'neg', grad_fn: 'NegBackward0', dtype: 'same',
  cpu: (x) => -x, wgsl: '-x', wasm: 'neg', saves: [],
  backward: (grad) => grad.neg(),
});

export interface AlphaOptions { alpha?: Scalar }
export type RoundingMode = 'trunc' | 'floor' | null;
export interface DivOptions { rounding_mode?: RoundingMode | string }

const isBool = (x: TensorOrScalar) => (x instanceof Tensor ? x.dtype === bool : typeof x === 'boolean');

/** sub_check: bool tensors have no subtraction (PyTorch points to xor and not instead). */
function checkSub(self: TensorOrScalar, other: TensorOrScalar): void {
  if (isBool(self) && isBool(other)) {
    throw new RuntimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  }
  if (isBool(self) || isBool(other)) {
    throw new RuntimeError('Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  }
}

/** alpha_check: a float alpha needs a float result, a bool alpha a bool result. */
function checkAlpha(alpha: Scalar, dtype: DType): void {
  if (typeof alpha === 'boolean' && dtype !== bool) throw new RuntimeError('Boolean alpha only supported for Boolean results.');
  if (!dtype.is_floating_point && scalarKind(alpha) === 'float') {
    throw new RuntimeError('For integral input tensors, argument alpha must not be a floating point number.');
  }
}

/** self + alpha * other in one kernel (no autograd), with alpha first converted to the result dtype as PyTorch does. */
function addScaled(selfArg: TensorOrScalar, otherArg: TensorOrScalar, alpha: number): Tensor {
  const dtype = resultType(selfArg, otherArg);
  const self = asTensor(selfArg, dtype);
  const other = asTensor(otherArg, dtype);
  const shape = broadcastShapes(self._shape, other._shape);
  const { out, order } = elementwiseOutput(shape, dtype, commonDevice([self, other]), [self, other]);
  const scale = dtype.cast(alpha);
  mapBinary(out.storage.data, inOrder(viewOf(self, shape), order), inOrder(viewOf(other, shape), order), (a, b) => a + scale * b, storeFor(dtype));
  return out;
}

const tensorOrNull = (x: TensorOrScalar) => (x instanceof Tensor ? x : null);

/** `torch.add(a, b, { alpha })`: a + alpha * b. */
export function add(self: TensorOrScalar, other: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  const alpha = options.alpha ?? 1;
  checkAlpha(alpha, resultType(self, other));
  if (alpha === 1) return addOp(self, other);
  const a = scalarValue(alpha);
  const out = addScaled(self, other, a);
  record('AddBackward0', [tensorOrNull(self), tensorOrNull(other)], out, {}, ([grad]) => [grad!, grad!.mul(alpha)]);
  return out;
}
/** `torch.sub(a, b, { alpha })`: a - alpha * b. */
export function sub(self: TensorOrScalar, other: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  checkSub(self, other);
  const alpha = options.alpha ?? 1;
  checkAlpha(alpha, resultType(self, other));
  if (alpha === 1) return subOp(self, other);
  const out = addScaled(self, other, -scalarValue(alpha));
  record('SubBackward0', [tensorOrNull(self), tensorOrNull(other)], out, {}, ([grad]) => [grad!, grad!.neg().mul(alpha)]);
  return out;
}
/** `torch.rsub(a, b, { alpha })`: b - alpha * a (subtraction with the operands swapped). */
export function rsub(self: Tensor, other: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  checkSub(other, self);
  const alpha = options.alpha ?? 1;
  checkAlpha(alpha, resultType(self, other));
  const out = addScaled(other, self, -scalarValue(alpha));
  const backwardSelf = (grad: Tensor) => grad.neg().mul(alpha);
  if (other instanceof Tensor) record('RsubBackward0', [self, other], out, {}, ([grad]) => [backwardSelf(grad!), grad!]);
  else record('RsubBackward1', [self], out, {}, ([grad]) => [backwardSelf(grad!)]);
  return out;
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
/** `torch.neg(a)`: -a; bool tensors are refused (PyTorch suggests logical_not). */
export function neg(self: Tensor): Tensor {
  if (self.dtype === bool) {
    throw new RuntimeError('Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  }
  return negOp(self);
}

// Note [Scalar overloads]: Python wraps a number operand into a tensor, so `x.mul(2)` records MulBackward0 with two
// edges. PyTorch's C++ composites (losses, norms) call the Scalar overloads instead, which record MulBackward1 with
// one edge. Op families that build such composites use these to match PyTorch's graph.
function scalarOverload(grad_fn: string, op: (self: Tensor, other: Scalar) => Tensor, backward: (grad: Tensor, other: Scalar) => Tensor) {
  return (self: Tensor, other: Scalar): Tensor => {
    const out = withGradMode(false, () => op(self, other));
    record(grad_fn, [self], out, {}, ([grad]) => [backward(grad!, other)]);
    return out;
  };
}
/** `aten::add.Scalar`: self + other, recording AddBackward1. */
export const addScalar = scalarOverload('AddBackward1', (s, o) => addOp(s, o), (g) => g);
/** `aten::sub.Scalar`: self - other, recording SubBackward1. */
export const subScalar = scalarOverload('SubBackward1', (s, o) => sub(s, o), (g) => g);
/** `aten::mul.Scalar`: self * other, recording MulBackward1. */
export const mulScalar = scalarOverload('MulBackward1', (s, o) => mulOp(s, o), (g, o) => g.mul(o));
/** `aten::div.Scalar`: self / other, recording DivBackward1. */
export const divScalar = scalarOverload('DivBackward1', (s, o) => divOp(s, o), (g, o) => g.div(o));

/** Rounded divisions live with floor_divide and remainder (division.ts), which install them here. */
export const roundedDivision: {
  floor: (a: TensorOrScalar, b: TensorOrScalar) => Tensor;
  trunc: (a: TensorOrScalar, b: TensorOrScalar) => Tensor;
} = {
  floor: () => { throw new RuntimeError('floor division is not available'); },
  trunc: () => { throw new RuntimeError('trunc division is not available'); },
};

// In-place forms that are one kernel write straight into `self` when autograd is not involved (Note [Writing in
// place] in dispatch.ts); with an alpha, a rounding mode or a bool operand they take the general path.
const addInto = (other: TensorOrScalar, options?: AlphaOptions) => (options?.alpha === undefined ? writing(addOp, other) : undefined);
const subInto = (self: Tensor, other: TensorOrScalar, options?: AlphaOptions) =>
  (options?.alpha === undefined && !isBool(self) && !isBool(other) ? writing(subOp, other) : undefined);
const divInto = (other: TensorOrScalar, options?: DivOptions) => ((options?.rounding_mode ?? null) === null ? writing(divOp, other) : undefined);
const negInto = (self: Tensor) => (self.dtype === bool ? undefined : writing(negOp));
const addInPlace = (self: Tensor, other: TensorOrScalar, options?: AlphaOptions) =>
  inPlace(self, [other], (s) => add(s, other, options), ELEMENTWISE, addInto(other, options));
const subInPlace = (self: Tensor, other: TensorOrScalar, options?: AlphaOptions) =>
  inPlace(self, [other], (s) => sub(s, other, options), ELEMENTWISE, subInto(self, other, options));
const mulInPlace = (self: Tensor, other: TensorOrScalar) => inPlace(self, [other], (s) => mul(s, other), ELEMENTWISE, writing(mulOp, other));
const divInPlace = (self: Tensor, other: TensorOrScalar, options?: DivOptions) =>
  inPlace(self, [other], (s) => div(s, other, options), ELEMENTWISE, divInto(other, options));
const negInPlace = (self: Tensor) => inPlace(self, [], (s) => neg(s), ELEMENTWISE, negInto(self));

const methods = {
  /** `a.add(b)` is `a + b`; `a.add(b, { alpha: 2 })` is `a + 2 * b`. */
  add(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return add(this, other, options); },
  /** In-place `a += b`. */
  add_(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return addInPlace(this, other, options); },
  /** `a.sub(b)` is `a - b`. */
  sub(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return sub(this, other, options); },
  sub_(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return subInPlace(this, other, options); },
  /** `a.mul(b)` is `a * b`. */
  mul(this: Tensor, other: TensorOrScalar): Tensor { return mul(this, other); },
  mul_(this: Tensor, other: TensorOrScalar): Tensor { return mulInPlace(this, other); },
  /** `a.div(b)` is `a / b`. */
  div(this: Tensor, other: TensorOrScalar, options?: DivOptions): Tensor { return div(this, other, options); },
  div_(this: Tensor, other: TensorOrScalar, options?: DivOptions): Tensor { return divInPlace(this, other, options); },
  /** `a.neg()` is `-a`. */
  neg(this: Tensor): Tensor { return neg(this); },
  neg_(this: Tensor): Tensor { return negInPlace(this); },
  /** Aliases PyTorch also has. */
  subtract(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return sub(this, other, options); },
  subtract_(this: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor { return subInPlace(this, other, options); },
  multiply(this: Tensor, other: TensorOrScalar): Tensor { return mul(this, other); },
  multiply_(this: Tensor, other: TensorOrScalar): Tensor { return mulInPlace(this, other); },
  divide(this: Tensor, other: TensorOrScalar, options?: DivOptions): Tensor { return div(this, other, options); },
  divide_(this: Tensor, other: TensorOrScalar, options?: DivOptions): Tensor { return divInPlace(this, other, options); },
  true_divide(this: Tensor, other: TensorOrScalar): Tensor { return div(this, other); },
  true_divide_(this: Tensor, other: TensorOrScalar): Tensor { return divInPlace(this, other); },
  negative(this: Tensor): Tensor { return neg(this); },
  negative_(this: Tensor): Tensor { return negInPlace(this); },
};
type ArithmeticMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ArithmeticMethods {} }
addMethods(methods);

export const functions = {
  add, sub, rsub, mul, div, neg,
  subtract: sub, multiply: mul, divide: div, true_divide: (a: TensorOrScalar, b: TensorOrScalar) => div(a, b), negative: neg,
  neg_: (input: Tensor) => input.neg_(), negative_: (input: Tensor) => input.neg_(),
};
