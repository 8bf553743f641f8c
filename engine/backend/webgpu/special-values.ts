// Note [Special values in WGSL]: WGSL promises nothing about NaN, infinities, signed zeros or arguments outside a
// builtin's domain (`log(0.0)`, `tanh(inf)`, `pow` of a negative base, comparisons with NaN), and software drivers
// really do return finite garbage there. PyTorch follows IEEE and C's libm. So float32 kernels do not use an op's
// declared expression as is: NaN and infinities are tested on the bits, and the edges of each builtin's domain are
// written out. pow, atan2, fmod, remainder and floor/trunc division are functions below that follow C's libm case
// by case (pow(x, 0) = 1 even for NaN, pow(0, -1) = inf, pow of a negative base to a non-integer = NaN, atan2 of signed
// zeros, remainder in the divisor's sign); fmod is exact, as C's is, by repeated exact subtraction.

/** Helpers every float kernel includes. */
export const specialValueHelpers = `fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn nan_f32() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }
fn inf_f32() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }
fn is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn truthy(x: f32) -> bool { return x != 0.0 || is_nan(x); }
fn unordered(a: f32, b: f32) -> bool { return is_nan(a) || is_nan(b); }
// sin and cos to float32 accuracy: quadrant by Cody-Waite reduction (pi/2 = 1.5703125 + 4.8382679e-4, exact products
// for |x| < 1e5), then Taylor polynomials on [-pi/4, pi/4]; the builtins promise only 2^-11 absolute error.
fn sin_cos(x: f32) -> vec2<f32> {
  let q = round(x * 0.6366197723675814);
  let y = (x - q * 1.5703125) - q * 4.8382679e-4;
  let z = y * y;
  let s = y * (1.0 + z * (-1.0 / 6.0 + z * (1.0 / 120.0 + z * (-1.0 / 5040.0 + z * (1.0 / 362880.0)))));
  let c = 1.0 + z * (-0.5 + z * (1.0 / 24.0 + z * (-1.0 / 720.0 + z * (1.0 / 40320.0 + z * (-1.0 / 3628800.0)))));
  let quadrant = i32(q) & 3;
  if (quadrant == 0) { return vec2<f32>(s, c); }
  if (quadrant == 1) { return vec2<f32>(c, -s); }
  if (quadrant == 2) { return vec2<f32>(-s, -c); }
  return vec2<f32>(-c, s);
}
fn exp_ieee(x: f32) -> f32 { if (is_nan(x)) { return x; } if (x == -inf_f32()) { return 0.0; } if (x > 88.8) { return inf_f32(); } return exp(x); }
fn log_ieee(x: f32) -> f32 {
  if (is_nan(x) || x < 0.0) { return nan_f32(); } if (x == 0.0) { return -inf_f32(); } if (x == inf_f32()) { return x; } return log(x);
}
fn sign_bit(x: f32) -> bool { return (bitcast<u32>(x) & 0x80000000u) != 0u; }
fn with_sign(x: f32, negative: bool) -> f32 { return bitcast<f32>((bitcast<u32>(x) & 0x7fffffffu) | select(0u, 0x80000000u, negative)); }
// a / 0 as IEEE: NaN for 0/0 and NaN, else an infinity signed by both operands (WGSL leaves it undefined).
fn div_by_zero(a: f32, b: f32) -> f32 { if (a == 0.0 || is_nan(a)) { return nan_f32(); } return with_sign(inf_f32(), sign_bit(a) != sign_bit(b)); }
// C's fmod, exact: subtract the largest b * 2^k not above the rest (exact by Sterbenz's lemma) until it is below b.
fn fmod_f32(a: f32, b: f32) -> f32 {
  if (unordered(a, b) || is_inf(a) || b == 0.0) { return nan_f32(); }
  if (is_inf(b)) { return a; }
  let m = abs(b);
  var r = abs(a);
  for (var n = 0; n < 300 && r >= m; n++) {
    var t = ldexp(m, frexp(r).exp - frexp(m).exp);
    if (t > r) { t = t * 0.5; }
    r = r - t;
  }
  return with_sign(r, sign_bit(a));
}
// Python's %: fmod, moved into the divisor's sign.
fn remainder_f32(a: f32, b: f32) -> f32 {
  let r = fmod_f32(a, b);
  if (r != 0.0 && (b < 0.0) != (r < 0.0)) { return r + b; }
  return r;
}
// PyTorch's floor division of floats: through fmod, so that it agrees with remainder; a zero quotient keeps a / b's sign.
fn floor_div_f32(a: f32, b: f32) -> f32 {
  if (unordered(a, b)) { return nan_f32(); }
  if (b == 0.0) { return div_by_zero(a, b); }
  let r = fmod_f32(a, b);
  var q = (a - r) / b;
  if (r != 0.0 && (b < 0.0) != (r < 0.0)) { q = q - 1.0; }
  if (q == 0.0) { return with_sign(0.0, sign_bit(a) != sign_bit(b)); }
  let f = floor(q);
  return select(f, f + 1.0, q - f > 0.5);
}
fn trunc_div_f32(a: f32, b: f32) -> f32 {
  if (unordered(a, b)) { return nan_f32(); }
  if (b == 0.0) { return div_by_zero(a, b); }
  if (is_inf(a) && is_inf(b)) { return nan_f32(); }
  return trunc(a / b);
}
// atan of t in [0, 1]: about pi/8 moved to 0 past tan(pi/8), then the odd Taylor series (|t| < 0.415, 12 terms).
fn atan_unit(t: f32) -> f32 {
  let far = t > 0.41421356;
  let u = select(t, (t - 1.0) / (t + 1.0), far);
  let z = u * u;
  var sum = 0.0;
  for (var k = 11; k >= 0; k--) { sum = sum * z + select(1.0, -1.0, (k & 1) == 1) / f32(2 * k + 1); }
  return u * sum + select(0.0, 0.7853981633974483, far);
}
// C's atan2, special values first (signed zeros pick 0 or pi; infinities pick multiples of pi/4).
fn atan2_f32(y: f32, x: f32) -> f32 {
  if (unordered(y, x)) { return nan_f32(); }
  var r = 0.0;
  if (y == 0.0) { r = select(0.0, 3.141592653589793, sign_bit(x)); }
  else if (is_inf(y)) { r = select(1.5707963267948966, select(0.7853981633974483, 2.356194490192345, x < 0.0), is_inf(x)); }
  else if (is_inf(x)) { r = select(0.0, 3.141592653589793, x < 0.0); }
  else if (x == 0.0) { r = 1.5707963267948966; }
  else {
    let ax = abs(x);
    let ay = abs(y);
    r = atan_unit(min(ax, ay) / max(ax, ay));
    if (ay > ax) { r = 1.5707963267948966 - r; }
    if (x < 0.0) { r = 3.141592653589793 - r; }
  }
  return with_sign(r, sign_bit(y));
}
// |x| ** b for a finite x > 0 and finite b != 0: by squaring for small integer b (exact where the CPU is), else exp2.
fn pow_positive(x: f32, b: f32) -> f32 {
  if (abs(b) <= 64.0 && fract(b) == 0.0) {
    var result = 1.0;
    var base = x;
    for (var e = u32(abs(b)); e > 0u; e = e >> 1u) {
      if ((e & 1u) == 1u) { result = result * base; }
      base = base * base;
    }
    return select(result, 1.0 / result, b < 0.0);
  }
  let l = b * log2(x);
  if (l >= 128.0) { return inf_f32(); }
  if (l < -150.0) { return 0.0; }
  return exp2(l);
}
// C's pow, every special case of C99 F.9.4.4 written out.
fn pow_f32(a: f32, b: f32) -> f32 {
  if (b == 0.0 || a == 1.0) { return 1.0; }
  if (unordered(a, b)) { return nan_f32(); }
  if (is_inf(b)) {
    if (abs(a) == 1.0) { return 1.0; }
    return select(0.0, inf_f32(), (abs(a) < 1.0) == (b < 0.0));
  }
  let odd = abs(b) < 16777216.0 && fract(b) == 0.0 && fract(b * 0.5) != 0.0;
  if (a == 0.0) { return with_sign(select(0.0, inf_f32(), b < 0.0), odd && sign_bit(a)); }
  if (is_inf(a)) { return with_sign(select(inf_f32(), 0.0, b < 0.0), odd && a < 0.0); }
  if (a < 0.0 && fract(b) != 0.0) { return nan_f32(); }
  return with_sign(pow_positive(abs(a), b), odd && a < 0.0);
}
`;

/** Float32 expressions that replace the declared ones entirely (predicates, NaN-selecting ops, signed zeros). */
const replaced: Record<string, string> = {
  // The CPU's `a < b ? b : a` keeps signed zeros as PyTorch does; NaN wins.
  maximum: 'select(select(a, b, a < b), nan_f32(), unordered(a, b))',
  minimum: 'select(select(a, b, a > b), nan_f32(), unordered(a, b))',
  fmax: 'select(select(select(a, b, a < b), a, is_nan(b)), b, is_nan(a))',
  fmin: 'select(select(select(a, b, a > b), a, is_nan(b)), b, is_nan(a))',
  relu: 'select(x, 0.0, x < 0.0)',
  sin: 'select(sin_cos(x).x, nan_f32(), is_nan(x) || is_inf(x))',
  cos: 'select(sin_cos(x).y, nan_f32(), is_nan(x) || is_inf(x))',
  tan: 'select(sin_cos(x).x / sin_cos(x).y, nan_f32(), is_nan(x) || is_inf(x))',
  // Lowered tanh loses precision near 0 (a difference of exponentials): a series there, saturation far out.
  tanh: 'select(select(select(sign(x) * (1.0 - exp(-2.0 * abs(x))) / (1.0 + exp(-2.0 * abs(x))), ' +
    'x * (1.0 - x * x * (1.0 / 3.0 - x * x * (2.0 / 15.0 - x * x * (17.0 / 315.0)))), abs(x) < 0.1), sign(x), abs(x) > 10.0), x, is_nan(x))',
  sign: 'select(sign(x), 0.0, is_nan(x))',
  sgn: 'select(sign(x), 0.0, is_nan(x))',
  isnan: 'is_nan(x)',
  isfinite: '(bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u',
  isinf: 'is_inf(x)',
  isposinf: 'bitcast<u32>(x) == 0x7f800000u',
  isneginf: 'bitcast<u32>(x) == 0xff800000u',
  eq: 'a == b && !unordered(a, b)',
  ne: '!(a == b) || unordered(a, b)',
  lt: 'a < b && !unordered(a, b)',
  le: 'a <= b && !unordered(a, b)',
  gt: 'a > b && !unordered(a, b)',
  ge: 'a >= b && !unordered(a, b)',
  logical_and: 'truthy(a) && truthy(b)',
  logical_or: 'truthy(a) || truthy(b)',
  logical_xor: 'truthy(a) != truthy(b)',
  logical_not: '!truthy(x)',
  pow: 'pow_f32(a, b)',
  atan2: 'atan2_f32(a, b)',
  fmod: 'fmod_f32(a, b)',
  remainder: 'remainder_f32(a, b)',
  div_floor: 'floor_div_f32(a, b)',
  div_trunc: 'trunc_div_f32(a, b)',
};

/** Domain edges of builtins, as [condition, value] pairs checked before the builtin's own result. */
const edges: Record<string, [string, string][]> = {
  log: [['x < 0.0', 'nan_f32()'], ['x == 0.0', '-inf_f32()'], ['x == inf_f32()', 'inf_f32()']],
  log2: [['x < 0.0', 'nan_f32()'], ['x == 0.0', '-inf_f32()'], ['x == inf_f32()', 'inf_f32()']],
  log10: [['x < 0.0', 'nan_f32()'], ['x == 0.0', '-inf_f32()'], ['x == inf_f32()', 'inf_f32()']],
  log1p: [['x < -1.0', 'nan_f32()'], ['x == -1.0', '-inf_f32()'], ['x == inf_f32()', 'inf_f32()']],
  sqrt: [['x < 0.0', 'nan_f32()'], ['x == inf_f32()', 'inf_f32()']],
  rsqrt: [['x < 0.0', 'nan_f32()'], ['x == 0.0', 'select(inf_f32(), -inf_f32(), bitcast<u32>(x) != 0u)'], ['x == inf_f32()', '0.0']],
  reciprocal: [['x == 0.0', 'select(inf_f32(), -inf_f32(), bitcast<u32>(x) != 0u)'], ['is_inf(x)', 'select(0.0, -0.0, x < 0.0)']],
  exp: [['x == -inf_f32()', '0.0'], ['x > 88.8', 'inf_f32()']],
  exp2: [['x == -inf_f32()', '0.0'], ['x >= 128.0', 'inf_f32()']],
  expm1: [['x == -inf_f32()', '-1.0'], ['x > 88.8', 'inf_f32()']],
  sigmoid: [['x == -inf_f32()', '0.0'], ['x == inf_f32()', '1.0']],
  sinh: [['is_inf(x)', 'x']],
  cosh: [['is_inf(x)', 'inf_f32()']],
  asin: [['abs(x) > 1.0', 'nan_f32()']],
  acos: [['abs(x) > 1.0', 'nan_f32()']],
  atan: [['x == inf_f32()', '1.5707963267948966'], ['x == -inf_f32()', '-1.5707963267948966']],
  acosh: [['x < 1.0', 'nan_f32()'], ['x == inf_f32()', 'inf_f32()']],
  asinh: [['is_inf(x)', 'x']],
  atanh: [['abs(x) > 1.0', 'nan_f32()'], ['x == 1.0', 'inf_f32()'], ['x == -1.0', '-inf_f32()']],
  div: [['a == 0.0 && b == 0.0', 'nan_f32()'], ['is_inf(a) && is_inf(b)', 'nan_f32()'],
    ['b == 0.0', 'select(inf_f32(), -inf_f32(), ((bitcast<u32>(a) ^ bitcast<u32>(b)) & 0x80000000u) != 0u)']],
};

/**
 * The float32 expression for op `name` from its declared `wgsl` (null would send the op to the CPU). A value
 * op propagates NaN from any operand (PyTorch's libm does), then checks its domain edges.
 */
export function floatExpression(name: string, wgsl: string, arity: number, predicate: boolean): string | null {
  const exact = replaced[name];
  if (exact !== undefined) return exact;
  if (predicate) return wgsl;
  let expression = wgsl;
  for (const [condition, value] of [...(edges[name] ?? [])].reverse()) expression = `select(${expression}, ${value}, ${condition})`;
  const anyNan = arity === 1 ? 'is_nan(x)' : 'unordered(a, b)';
  return `select(${expression}, nan_f32(), ${anyNan})`;
}
