// Note [Special values in WGSL]: WGSL promises nothing about NaN, infinities, signed zeros or arguments outside a
// builtin's domain (`log(0.0)`, `tanh(inf)`, `pow` of a negative base, comparisons with NaN), and software drivers
// really do return finite garbage there. PyTorch follows IEEE and C's libm. So float32 kernels do not use an op's
// declared expression as is: NaN and infinities are tested on the bits, and the edges of each builtin's domain are
// written out. An op whose edges are not handled here (pow) has no float kernel and runs on the CPU.

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

/** Ops whose float edges are not written out yet: they run on the CPU (pow of a negative base, 0 ** 0, ...). */
const noFloatKernel = new Set(['pow', 'float_power', 'atan2', 'remainder', 'fmod', 'div_floor', 'div_trunc', 'floor_divide']);

/**
 * The float32 expression for op `name` from its declared `wgsl`, or null when it has no float kernel. A value
 * op propagates NaN from any operand (PyTorch's libm does), then checks its domain edges.
 */
export function floatExpression(name: string, wgsl: string, arity: number, predicate: boolean): string | null {
  if (noFloatKernel.has(name)) return null;
  const exact = replaced[name];
  if (exact !== undefined) return exact;
  if (predicate) return wgsl;
  let expression = wgsl;
  for (const [condition, value] of [...(edges[name] ?? [])].reverse()) expression = `select(${expression}, ${value}, ${condition})`;
  const anyNan = arity === 1 ? 'is_nan(x)' : 'unordered(a, b)';
  return `select(${expression}, nan_f32(), ${anyNan})`;
}
