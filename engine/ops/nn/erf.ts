// The error function for GELU, to double precision: W. J. Cody's rational Chebyshev approximations (Math. Comp. 23,
// 1969), in three intervals of |x|: erf directly below 0.46875, erfc through a rational function up to 4, and an
// asymptotic rational function in 1/x^2 beyond. exp(-x^2) is split as exp(-r^2) * exp(-(x - r)(x + r)) with r = x
// rounded down to 1/16, so that squaring x loses no bits.

const A = [3.16112374387056560e0, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3, 1.85777706184603153e-1];
const B = [2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3];
const C = [
  5.64188496988670089e-1, 8.88314979438837594e0, 6.61191906371416295e1, 2.98635138197400131e2, 8.81952221241769090e2,
  1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3, 2.15311535474403846e-8,
];
const D = [
  1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3, 3.29079923573345963e3,
  4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3,
];
const P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
const Q = [2.56852019228982242e0, 1.87295284992346047e0, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];
const ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;
/** Past this |x|, erfc(x) underflows and erf(x) is +-1 in double precision. */
const ERFC_UNDERFLOW = 26.543;

/** exp(-y^2) * ratio, with y^2 taken apart so that its rounding error does not reach the result. */
function scaledByGaussian(y: number, ratio: number): number {
  const r = Math.trunc(y * 16) / 16;
  return Math.exp(-r * r) * Math.exp(-(y - r) * (y + r)) * ratio;
}

/** erfc(|x|) for |x| >= 0.46875. */
function erfcTail(y: number): number {
  if (y <= 4) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    return scaledByGaussian(y, (num + C[7]!) / (den + D[7]!));
  }
  if (y >= ERFC_UNDERFLOW) return 0;
  const z = 1 / (y * y);
  let num = P[5]! * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]!) * z;
    den = (den + Q[i]!) * z;
  }
  const ratio = (ONE_OVER_SQRT_PI - (z * (num + P[4]!)) / (den + Q[4]!)) / y;
  return scaledByGaussian(y, ratio);
}

/** erf(x) to about one ulp of double precision: `erf(0.5)` is 0.5204998778130465. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const z = y > 1.11e-16 ? y * y : 0;
    let num = A[4]! * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * z;
      den = (den + B[i]!) * z;
    }
    return (x * (num + A[3]!)) / (den + B[3]!);
  }
  const result = 0.5 - erfcTail(y) + 0.5;
  return x < 0 ? -result : result;
}

/** erfc(x) = 1 - erf(x) without cancellation in the tail: `erfc(10)` is 2.088487583762545e-45. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erf(x);
  const tail = erfcTail(y);
  return x < 0 ? 2 - tail : tail;
}
