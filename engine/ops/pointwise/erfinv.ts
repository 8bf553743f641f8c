// torch.erfinv, the inverse error function, step for step as ATen's calc_erfinv (Gary L. Pavlis's translation of
// MATLAB's erfinv): a rational first guess, central below |y| = 0.7 and logarithmic beyond, then two Newton steps.
// PyTorch runs it in the tensor's own dtype, so the float32 kernel rounds every operation through Math.fround, and
// with the C library's erf of that dtype (libm-erf.ts).
import { unaryOp } from '../dispatch.ts';
import { erf, erff } from './libm-erf.ts';
import { installUnary, type UnaryMethods } from './support.ts';

const A = [0.886226899, -1.645349621, 0.914624893, -0.140543331];
const B = [-2.118377725, 1.442710462, -0.329097515, 0.012229801];
const C = [-1.970840454, -1.624906493, 3.429567803, 1.641345311];
const D = [3.5438892, 1.6370678];
const HALF_SQRT_PI = Math.sqrt(Math.PI) / 2;

/** a*b + c rounded once, in double precision: the product's rounding error from Dekker's split, added back last. */
function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  const productError = aHigh * bHigh - p + aHigh * bLow + aLow * bHigh + aLow * bLow;
  const s = p + c;
  const back = s - p;
  return s + ((p - (s - back)) + (c - back) + productError);
}

function split(a: number): [number, number] {
  const scaled = 134217729 * a;
  const high = scaled - (scaled - a);
  return [high, a - high];
}

/** a*b + c rounded once to float32: the product of two floats is exact in double. */
const fma32 = (a: number, b: number, c: number) => Math.fround(a * b + c);

/** Horner's rule over coefficients listed from the constant term, one fused multiply-add a step. */
function horner(fma: typeof fma64, coefficients: readonly number[], z: number): number {
  let acc = coefficients[coefficients.length - 1]!;
  for (let i = coefficients.length - 2; i >= 0; i--) acc = fma(acc, z, coefficients[i]!);
  return acc;
}

/**
 * calc_erfinv with every operation rounded by `r` (the identity for float64, Math.fround for float32), and its erf.
 * The polynomials use fused multiply-adds, as PyTorch's vectorized CPU builds compile them (GCC contracts a*b + c).
 */
function erfinvIn(r: (x: number) => number, fma: typeof fma64, erfIn: (x: number) => number): (y: number) => number {
  const [a, b, c, d] = [A.map(r), [1, ...B].map(r), C.map(r), [1, ...D].map(r)] as [number[], number[], number[], number[]];
  const centralRange = r(0.7);
  const twoOverSqrtPi = r(2 / r(Math.sqrt(Math.PI)));
  const newton = (x: number, y: number) => r(x - r(r(erfIn(x) - y) / r(twoOverSqrtPi * r(Math.exp(-r(x * x))))));
  return (y) => {
    const yAbs = Math.abs(y);
    if (yAbs > 1) return NaN;
    if (yAbs === 1) return y * Infinity;
    let x: number;
    if (yAbs <= centralRange) {
      const z = r(y * y);
      x = r(r(y * horner(fma, a, z)) / horner(fma, b, z));
    } else {
      const z = r(Math.sqrt(-r(Math.log(r(r(1 - yAbs) / 2)))));
      const num = horner(fma, c, z);
      x = r((y < 0 ? -Math.abs(num) : Math.abs(num)) / horner(fma, d, z));
    }
    return newton(newton(x, y), y);
  };
}

/** `x.erfinv()`: the y with erf(y) = x; `torch.erfinv(torch.tensor([0., 0.5, 1.]))` is [0.0000, 0.4769, inf]. */
export const erfinv = unaryOp({
  name: 'erfinv', grad_fn: 'ErfinvBackward0', dtype: 'float', cpu: erfinvIn((x) => x, fma64, erf), cpuFloat32: erfinvIn(Math.fround, fma32, erff),
  // Not a WGSL builtin, so the kernel is rejected and the op runs on the CPU (Note [CPU fallback]): the Newton steps
  // need an erf accurate to the last bit, which WGSL lacks.
  wgsl: 'erfinv(x)',
  backward: (grad, self) => self.erfinv().pow(2).exp().mul(HALF_SQRT_PI).mul(grad),
  domain: [-0.9, 0.9],
});

const ops = { erfinv };
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }
// PyTorch has the method x.erfinv_() but no torch.erfinv_.
export const functions = { erfinv: installUnary(ops).erfinv };
