// Note [Vectorized expf]: PyTorch's float32 CPU kernels evaluate exp in AVX2 registers with SLEEF's expf (1.0 ulp),
// whose last bit sometimes differs from the correctly rounded value. Softmax multiplies each of those exponentials
// into its output, so it reproduces SLEEF's steps: n = rint(x / ln 2), a two-part reduction s = x - n ln 2, a
// degree-6 polynomial with fused multiply-adds, and scaling by 2^n.

const LOG2E = Math.fround(1.442695040888963407359924681001892137426645954152985934135449406931);
const LN2_HIGH = Math.fround(0.693145751953125);
const LN2_LOW = Math.fround(1.428606765330187045e-6);
const COEFFICIENTS = [
  0.000198527617612853646278381, 0.00139304355252534151077271, 0.00833336077630519866943359,
  0.0416664853692054748535156, 0.166666671633720397949219, 0.5,
].map(Math.fround);

/** A float32 fused multiply-add: a * b + c rounded once (the product of two floats is exact in a double). */
function fma(a: number, b: number, c: number): number {
  return Math.fround(a * b + c);
}

/** rint: round half to even, as cvtps2dq does. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** SLEEF's expf_u10 on a float32 value: `sleefExpf(1)` is 2.7182817459106445. */
export function sleefExpf(d: number): number {
  if (Number.isNaN(d)) return d;
  if (d > 100) return Infinity;
  if (d < -104) return 0;
  const q = roundHalfEven(Math.fround(d * LOG2E));
  let s = fma(q, -LN2_HIGH, d);
  s = fma(q, -LN2_LOW, s);
  let u = COEFFICIENTS[0]!;
  for (let i = 1; i < COEFFICIENTS.length; i++) u = fma(u, s, COEFFICIENTS[i]!);
  u = Math.fround(1 + fma(Math.fround(s * s), u, s));
  // ldexp in two halves, as SLEEF does, so that neither factor overflows.
  const half = q >> 1;
  return Math.fround(Math.fround(u * 2 ** half) * 2 ** (q - half));
}
