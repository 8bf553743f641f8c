// pow in its three forms (tensor ** scalar, tensor ** tensor, scalar ** tensor), square and float_power. Integer
// powers are exact (wrapping at 64 bits like PyTorch's); float powers follow C's pow, with PyTorch's shortcuts for
// the common scalar exponents.
import { record } from '../../autograd/record.ts';
import { mapUnary } from '../../backend/cpu/kernels.ts';
import { bool, float32, float64 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { pyfloat, type Scalar, scalarKind, scalarValue } from '../../core/scalar.ts';
import { Tensor } from '../../core/tensor.ts';
import { zeros_like } from '../creation/fill.ts';
import { asTensor, binaryOp, inPlace, resultType, storeFor, type TensorOrScalar, viewOf } from '../dispatch.ts';
import { elementwiseOutput, inOrder } from '../layout.ts';
import { addMethods } from '../methods.ts';
import { notImplementedFor } from './support.ts';
import { where } from './where.ts';

/** C's pow, which differs from JavaScript's ** at 1 ** nan and (-1) ** inf (both 1). */
function floatPow(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && Math.abs(b) === Infinity) return 1;
  return a ** b;
}

/** Integer power by squaring, wrapping at 64 bits; negative exponents give 0 except for bases 1 and -1. */
function integerPow(base: number, exponent: number): number {
  if (exponent < 0) return base === 1 ? 1 : base === -1 ? (exponent % 2 === 0 ? 1 : -1) : 0;
  const plain = base ** exponent;
  if (Number.isSafeInteger(plain)) return plain;
  let result = 1n;
  let b = BigInt(base);
  for (let e = BigInt(exponent); e > 0n; e >>= 1n) {
    if (e & 1n) result = BigInt.asIntN(64, result * b);
    b = BigInt.asIntN(64, b * b);
  }
  return Number(result);
}

/** PyTorch's kernel for a scalar exponent: multiplications and roots for the common ones, pow for the rest. */
function scalarExponentKernel(e: number, integral: boolean): (x: number) => number {
  if (integral) return (x) => integerPow(x, e);
  if (e === 2) return (x) => x * x;
  if (e === 3) return (x) => x * x * x;
  if (e === 0.5) return Math.sqrt;
  if (e === -0.5) return (x) => 1 / Math.sqrt(x);
  if (e === -1) return (x) => 1 / x;
  if (e === -2) return (x) => 1 / (x * x);
  return (x) => floatPow(x, e);
}

const powOp = binaryOp({
  name: 'pow', grad_fn: 'PowBackward1', dtype: 'promote', cpu: floatPow, cpuIntegral: integerPow,
  // WGSL's pow is exp2(b * log2(a)): undefined for a <= 0 and at 0 ** 0, so signs, zeros and integer exponents are
  // spelled out.
  wgsl: 'select(select(select(pow(a, b), select(nan_f32(), select(pow(-a, b), -pow(-a, b), fract(b * 0.5) != 0.0), ' +
    'fract(b) == 0.0), a < 0.0), bitcast<f32>(0x7f800000u), a == 0.0 && b < 0.0), 1.0, b == 0.0 || a == 1.0)',
  check: (_self, _other, compute) => { if (compute === bool) notImplementedFor('pow', bool); },
  saves: ['self', 'other', 'result'],
  backward: (grad, self, exponent, result) => [
    where(exponent.eq(0), 0, grad.mul(exponent.mul(self.pow(exponent.sub(1))))),
    grad.mul(where(self.eq(0).logical_and(exponent.ge(0)), 0, result.mul(self.log()))),
  ],
});

function powOnHost(input: Tensor, e: number): Tensor {
  const { out, order } = elementwiseOutput(input._shape, input.dtype, input.device, [input]);
  mapUnary(out.storage.data, inOrder(viewOf(input), order), scalarExponentKernel(e, !input.dtype.is_floating_point), storeFor(input.dtype));
  return out;
}

/** The device's kernels for the CPU's choices: sqrt and rsqrt for +-0.5 (they differ from pow at -0 and -inf), else pow. */
function powOnDevice(input: Tensor, e: number): Tensor {
  if (e === 0.5) return input.sqrt();
  if (e === -0.5) return input.rsqrt();
  return powOp(input, pyfloat(e));
}

/** tensor ** scalar (PowBackward0). */
function powScalarExponent(self: Tensor, exponent: Scalar): Tensor {
  const dtype = resultType(self, exponent);
  if (dtype === bool) notImplementedFor('pow', bool);
  const e = scalarValue(exponent);
  if (!dtype.is_floating_point && scalarKind(exponent) !== 'float' && e < 0) {
    throw new RuntimeError('Integers to negative integer powers are not allowed.');
  }
  const input = asTensor(self, dtype);
  const out = (input.storage.device.type === 'webgpu' && dtype === float32 ? withGradMode(false, () => powOnDevice(input, e)) : null) ??
    powOnHost(input, e);
  record('PowBackward0', [self], out, { self }, ([grad], saved) => [
    e === 0 ? zeros_like(saved.self) : grad!.mul(saved.self.pow(pyfloat(e - 1)).mul(pyfloat(e))),
  ]);
  return out;
}

/** scalar ** tensor (PowBackward2): d/dx base^x = base^x log(base), taken as 0 where base is 0 and x >= 0. */
function powScalarBase(base: Scalar, exponent: Tensor): Tensor {
  const out = withGradMode(false, () => powOp(base, exponent));
  const b = scalarValue(base);
  record('PowBackward2', [exponent], out, { exponent, result: out }, ([grad], saved) => {
    const scaled = saved.result.mul(pyfloat(Math.log(b)));
    return [grad!.mul(b === 0 ? where(saved.exponent.ge(0), 0, scaled) : scaled)];
  });
  return out;
}

/** `torch.pow(x, 2)`, `torch.pow(x, y)`, `torch.pow(2, x)`: powers with broadcasting and promotion. */
export function pow(self: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  if (!(self instanceof Tensor)) {
    if (!(exponent instanceof Tensor)) throw new TypeError('pow() received an invalid combination of arguments');
    return powScalarBase(self, exponent);
  }
  return exponent instanceof Tensor ? powOp(self, exponent) : powScalarExponent(self, exponent);
}

/** `x.square()`: x ** 2 (bool becomes int64, as 2 is an int). */
export function square(self: Tensor): Tensor { return pow(self, 2); }

const toDouble = (x: TensorOrScalar) => (x instanceof Tensor ? x.to(float64) : pyfloat(scalarValue(x)));
/** `torch.float_power(x, y)`: pow in float64, whatever the inputs' dtypes. */
export function float_power(self: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  return pow(toDouble(self), toDouble(exponent));
}

/**
 * The power for `self.pow_(exponent)`: with a Python scalar exponent PyTorch's pow_ demands a result of self's own
 * dtype ("Found dtype Bool but expected Long" for a bool tensor squared), after pow's own checks (negative integer
 * powers); a tensor exponent goes through the usual cast check.
 */
function powInPlace(self: Tensor, before: Tensor, exponent: TensorOrScalar): Tensor {
  const result = pow(before, exponent);
  if (!(exponent instanceof Tensor) && result.dtype !== self.dtype) {
    throw new RuntimeError(`Found dtype ${self.dtype.scalarName} but expected ${result.dtype.scalarName}`);
  }
  return result;
}

const methods = {
  /** `x.pow(2)` or `x.pow(y)`. */
  pow(this: Tensor, exponent: TensorOrScalar): Tensor { return pow(this, exponent); },
  pow_(this: Tensor, exponent: TensorOrScalar): Tensor { return inPlace(this, [exponent], (s) => powInPlace(this, s, exponent)); },
  /** `x.square()`. */
  square(this: Tensor): Tensor { return square(this); },
  square_(this: Tensor): Tensor { return inPlace(this, [], (s) => powInPlace(this, s, 2)); },
  /** `x.float_power(2)`: the power in float64. */
  float_power(this: Tensor, exponent: TensorOrScalar): Tensor { return float_power(this, exponent); },
  float_power_(this: Tensor, exponent: TensorOrScalar): Tensor {
    if (this.dtype !== float64) {
      throw new RuntimeError(`the base given to float_power_ has dtype ${this.dtype.scalarName} but the operation's result requires dtype Double`);
    }
    return inPlace(this, [exponent], (s) => float_power(s, exponent));
  },
};
type PowMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends PowMethods {} }
addMethods(methods);

export const functions = { pow, square, float_power, square_: (input: Tensor) => input.square_() };
