// Float32 log and sincos as PyTorch's AVX2 build computes them, for bit-exact random streams.
//
// Note [AVX2 normal_fill]: on an AVX2 CPU, PyTorch 1.13 turns uniform floats into normals with avx_mathfun's
// Cephes-style log256_ps and sincos256_ps (float32 polynomials), and GCC, compiling that file with -mfma, fuses each
// multiply whose only use is an add into one fused multiply-add. Replaying the same operations with the same
// fusions reproduces torch.randn's float32 values bit for bit. (An AVX-512 or non-x86 build of PyTorch uses a
// double-rounded scalar path instead, whose values can differ in the last bit.)

import { fmaf } from './fma.ts';

const f = Math.fround;
const scratch = new DataView(new ArrayBuffer(4));
function bitsOf(x: number): number { scratch.setFloat32(0, x); return scratch.getInt32(0); }
function fromBits(bits: number): number { scratch.setInt32(0, bits); return scratch.getFloat32(0); }

const LOG_P = [
  7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const LOG_Q1 = f(-2.12194440e-4);
const LOG_Q2 = f(0.693359375);
const SQRT_HALF = f(0.707106781186547524);
const MIN_NORMAL = fromBits(0x00800000);

/** log256_ps for one lane: log(x) for float32 x > 0 (NaN for x <= 0). */
export function logf(input: number): number {
  let x = Math.max(input, MIN_NORMAL);
  const bits = bitsOf(x);
  let e = f((bits >>> 23) - 127 + 1);
  x = fromBits((bits & ~0x7f800000) | 0x3f000000); // the significand, scaled into [0.5, 1)
  const small = x < SQRT_HALF;
  x = f(f(x - 1) + (small ? x : 0));
  if (small) e = f(e - 1);
  const z = f(x * x);
  let y = LOG_P[0]!;
  for (let k = 1; k < LOG_P.length; k++) y = fmaf(y, x, LOG_P[k]!);
  y = f(y * x);
  y = fmaf(y, z, f(e * LOG_Q1));
  y = f(y - z * 0.5);
  x = f(f(x + y) + e * LOG_Q2); // e * LOG_Q2 is exact, so fusing it changes nothing
  return input <= 0 ? NaN : x;
}

const DP1 = f(-0.78515625);
const DP2 = f(-2.4187564849853515625e-4);
const DP3 = f(-3.77489497744594108e-8);
const SIN_P = [f(-1.9515295891e-4), f(8.3321608736e-3), f(-1.6666654611e-1)] as const;
const COS_P = [f(2.443315711809948e-5), f(-1.388731625493765e-3), f(4.166664568298827e-2)] as const;
const FOUR_OVER_PI = f(1.27323954473516);

/** sincos256_ps for one lane: [sin(x), cos(x)] in float32. */
export function sincosf(input: number): [number, number] {
  let x = Math.abs(input);
  let octant = Math.trunc(f(x * FOUR_OVER_PI));
  octant = (octant + 1) & ~1;
  const sinNegative = (input < 0 || Object.is(input, -0)) !== ((octant & 4) !== 0);
  const cosNegative = (~(octant - 2) & 4) !== 0;
  const sinFromSinPolynomial = (octant & 2) === 0;
  // Extended-precision reduction: x - octant * pi/4 in three parts.
  x = fmaf(octant, DP1, x);
  x = fmaf(octant, DP2, x);
  x = fmaf(octant, DP3, x);
  const z = f(x * x);
  let c = fmaf(COS_P[0], z, COS_P[1]);
  c = fmaf(c, z, COS_P[2]);
  c = f(c * z);
  c = fmaf(c, z, -f(z * 0.5));
  c = f(c + 1);
  let s = fmaf(SIN_P[0], z, SIN_P[1]);
  s = fmaf(s, z, SIN_P[2]);
  s = f(s * z);
  s = fmaf(s, x, x);
  // The vector code selects with masks and adds +0, which turns -0 into +0; replay that too.
  let sine = sinFromSinPolynomial ? f(0 + s) : f(c + 0);
  let cosine = sinFromSinPolynomial ? f(c + 0) : f(0 + s);
  if (sinNegative) sine = -sine;
  if (cosNegative) cosine = -cosine;
  return [sine, cosine];
}
