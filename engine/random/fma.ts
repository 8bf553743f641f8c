// Fused multiply-add, as the FMA instructions compute it: a * b + c with one rounding. PyTorch's AVX2 build is
// compiled with -mfma, so GCC fuses many `x * y + z` expressions in its kernels; replaying them bit for bit needs
// the same single rounding (Note [AVX2 normal_fill], Note [Vectorized sequences]).

const f = Math.fround;

/** fmaf: a * b + c rounded once to float32 (a, b, c float32), as the FMA instruction does. */
export function fmaf(a: number, b: number, c: number): number {
  const product = a * b; // exact: two 24-bit significands fit in 53 bits
  const sum = product + c;
  const back = sum - product;
  const error = (product - (sum - back)) + (c - back);
  const rounded = f(sum);
  if (error === 0) return rounded;
  // Rounding `sum` (already rounded once) to float32 is only wrong when it lies exactly halfway between two floats;
  // then the discarded error decides the direction.
  const half = sum - rounded;
  const other = rounded + 2 * half;
  return half !== 0 && f(other) === other && error * half > 0 ? other : rounded;
}

/** Veltkamp's split of a double into two halves whose products are exact. */
function split(a: number): [number, number] {
  const c = 134217729 * a; // 2^27 + 1
  const high = c - (c - a);
  return [high, a - high];
}

/**
 * fma for doubles: the product's exact error (Dekker) and the sum's exact error (Knuth) are added back before the
 * final rounding. Exact except when that last addition itself lands on a rounding tie, which is vanishingly rare.
 */
export function fma(a: number, b: number, c: number): number {
  const product = a * b;
  if (!Number.isFinite(product) || product === 0) return product + c;
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  const productError = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow;
  const sum = product + c;
  const back = sum - product;
  const sumError = (product - (sum - back)) + (c - back);
  return sum + (sumError + productError);
}
