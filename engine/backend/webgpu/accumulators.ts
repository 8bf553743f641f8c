// Note [Reduction states]: every GPU reduction and scan folds its elements into a small state with three WGSL
// functions: `acc_step(a, v, j)` folds the value `v` at index `j` of the reduced block, `acc_merge(a, b)` joins the
// states of two disjoint parts, and `acc_finish(a, n)` gives the output of a state that saw all `n` elements. Threads
// fold strided parts of a block and merge in a tree, so merges carry what order needs (argmax keeps the index and
// breaks ties toward the smaller one) and float sums stay compensated (Neumaier's step, Knuth's two-sum merge), which
// keeps float32 results within a few ulp of the CPU's double sums. `acc_pack`/`acc_unpack` store a state in four
// words for a two-pass reduction's partials.
import type { GpuType } from './wgsl.ts';

export type AccumulatorOp = 'sum' | 'mean' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin' | 'var' | 'std' | 'logsumexp' | 'norm';

export interface Accumulator {
  /** WGSL: `struct State`, the acc_* functions, for inputs of storage type `input` (named T). */
  code: string;
  /** Storage type of the output: f32, i32, or x64 (int64 as double bits). */
  output: GpuType;
  /** Part of the pipeline key beyond op and dtype (the norm's kind). */
  variant: string;
  /** Fold each value minus the first of its block (Note [Shifted variance]). */
  shifted?: boolean;
}

const compensated = `struct State { s: f32, c: f32 }
fn acc_init() -> State { return State(0.0, 0.0); }
fn add_f32(a: State, x: f32) -> State {
  let t = a.s + x;
  return State(t, a.c + select((x - t) + a.s, (a.s - t) + x, abs(a.s) >= abs(x)));
}
fn acc_merge(a: State, b: State) -> State {
  let t = a.s + b.s;
  let bb = t - a.s;
  return State(t, a.c + b.c + ((a.s - (t - bb)) + (b.s - bb)));
}
// An infinite or NaN sum is the plain sum's (the compensation is then NaN).
fn total(a: State) -> f32 { return select(a.s, a.s + a.c, (bitcast<u32>(a.s) & 0x7fffffffu) < 0x7f800000u); }
fn acc_pack(a: State) -> vec4<u32> { return vec4<u32>(bitcast<u32>(a.s), bitcast<u32>(a.c), 0u, 0u); }
fn acc_unpack(w: vec4<u32>) -> State { return State(bitcast<f32>(w.x), bitcast<f32>(w.y)); }
`;

const int64State = (init: string, combine: string) => `struct State { v: vec2<u32> }
fn acc_init() -> State { return State(vec2<u32>(${init}u, 0u)); }
fn acc_merge(a: State, b: State) -> State { return State(${combine}(a.v, b.v)); }
fn acc_step(a: State, v: T, j: u32) -> State { return State(${combine}(a.v, WIDEN)); }
fn acc_finish(a: State, n: u32) -> vec2<u32> { return i64_to_f64_bits(a.v); }
fn acc_pack(a: State) -> vec4<u32> { return vec4<u32>(a.v, 0u, 0u); }
fn acc_unpack(w: vec4<u32>) -> State { return State(w.xy); }
`;

/** x^q for x >= 0 (or NaN) with IEEE's edges, which WGSL's pow leaves undefined. */
const powAbs = `fn pow_abs(x: f32, q: f32) -> f32 {
  if (is_nan(x) || q == 1.0) { return x; }
  if (x == 0.0) { return select(inf_f32(), 0.0, q > 0.0); }
  if (is_inf(x)) { return select(0.0, inf_f32(), q > 0.0); }
  let e = q * log2(x);
  if (e >= 128.0) { return inf_f32(); }
  if (e < -150.0) { return 0.0; }
  return exp2(e);
}
fn param() -> f32 { return bitcast<f32>(PARAM); }
`;

/** The first of two states by index: ties of max/min go to the earlier element. */
const extreme = (better: '>' | '<', float: boolean) => `struct State { v: T, j: u32 }
const empty = 0xffffffffu;
fn acc_init() -> State { return State(T(0), empty); }
fn acc_step(a: State, v: T, j: u32) -> State {
  if (a.j == empty || (${float ? '!is_nan(a.v) && (is_nan(v) || ' : '('}v ${better} a.v))) { return State(v, j); }
  return a;
}
fn acc_merge(a: State, b: State) -> State {
  if (b.j == empty) { return a; }
  if (a.j == empty) { return b; }
  ${float ? `let an = is_nan(a.v);
  let bn = is_nan(b.v);
  if (an && !bn) { return a; }
  if (bn && !an) { return b; }
  if (!an) {` : '{'}
    if (b.v ${better} a.v) { return b; }
    if (a.v ${better} b.v) { return a; }
  }
  if (a.j < b.j) { return a; }
  return b;
}
fn acc_pack(a: State) -> vec4<u32> { return vec4<u32>(bitcast<u32>(a.v), a.j, 0u, 0u); }
fn acc_unpack(w: vec4<u32>) -> State { return State(bitcast<T>(w.x), w.y); }
`;

/**
 * Welford's running mean and squared deviations, merged by Chan's formula. Note [Shifted variance]: in float32 the
 * deviations of values far from zero lose their low bits (1000 + 0.01 * randn: 0.5% off the CPU's double Welford),
 * so kernels fold each value minus the first value of its block: the variance does not change, and the differences
 * of nearby floats keep the deviations' bits.
 */
const welford = `struct State { n: f32, mean: f32, m2: f32 }
fn acc_init() -> State { return State(0.0, 0.0, 0.0); }
fn acc_step(a: State, v: f32, j: u32) -> State {
  let n = a.n + 1.0;
  let d = v - a.mean;
  let mean = a.mean + d / n;
  return State(n, mean, a.m2 + d * (v - mean));
}
fn acc_merge(a: State, b: State) -> State {
  if (a.n == 0.0) { return b; }
  if (b.n == 0.0) { return a; }
  let n = a.n + b.n;
  let d = b.mean - a.mean;
  return State(n, a.mean + d * (b.n / n), a.m2 + b.m2 + d * d * (a.n * (b.n / n)));
}
// m2 / max(0, n - correction), with IEEE's x / 0.
fn variance(a: State) -> f32 {
  let dof = a.n - param();
  if (dof > 0.0 || is_nan(a.m2)) { return a.m2 / max(dof, 1e-30); }
  return select(inf_f32(), nan_f32(), a.m2 == 0.0);
}
fn acc_pack(a: State) -> vec4<u32> { return vec4<u32>(bitcast<u32>(a.n), bitcast<u32>(a.mean), bitcast<u32>(a.m2), 0u); }
fn acc_unpack(w: vec4<u32>) -> State { return State(bitcast<f32>(w.x), bitcast<f32>(w.y), bitcast<f32>(w.z)); }
`;

/** The running maximum m (NaN wins) and the sum of exp(x - m), rescaled when m grows. */
const logSumExp = `struct State { m: f32, s: f32 }
fn acc_init() -> State { return State(-inf_f32(), 0.0); }
fn acc_step(a: State, v: f32, j: u32) -> State {
  if (is_nan(a.m) || v == -inf_f32()) { return a; }
  if (is_nan(v)) { return State(v, 0.0); }
  if (v > a.m) { return State(v, a.s * exp_ieee(a.m - v) + 1.0); }
  return State(a.m, a.s + exp_ieee(v - a.m));
}
fn acc_merge(a: State, b: State) -> State {
  if (is_nan(a.m) || b.m == -inf_f32()) { return a; }
  if (is_nan(b.m) || a.m == -inf_f32()) { return b; }
  let m = max(a.m, b.m);
  return State(m, a.s * exp_ieee(a.m - m) + b.s * exp_ieee(b.m - m));
}
fn acc_finish(a: State, n: u32) -> f32 { if (is_nan(a.m) || is_inf(a.m)) { return a.m; } return log_ieee(a.s) + a.m; }
fn acc_pack(a: State) -> vec4<u32> { return vec4<u32>(bitcast<u32>(a.m), bitcast<u32>(a.s), 0u, 0u); }
fn acc_unpack(w: vec4<u32>) -> State { return State(bitcast<f32>(w.x), bitcast<f32>(w.y)); }
`;

/** The largest (or smallest) magnitude, NaN winning: the ±inf norms. */
const magnitude = (pick: 'max' | 'min') => `struct State { v: f32 }
fn acc_init() -> State { return State(${pick === 'max' ? '0.0' : 'inf_f32()'}); }
fn acc_merge(a: State, b: State) -> State {
  if (is_nan(a.v) || is_nan(b.v)) { return State(nan_f32()); }
  return State(${pick}(a.v, b.v));
}
fn acc_step(a: State, v: f32, j: u32) -> State { return acc_merge(a, State(abs(v))); }
fn acc_finish(a: State, n: u32) -> f32 { return ${pick === 'max' ? 'a.v' : 'select(a.v, 0.0, n == 0u)'}; }
fn acc_pack(a: State) -> vec4<u32> { return vec4<u32>(bitcast<u32>(a.v), 0u, 0u, 0u); }
fn acc_unpack(w: vec4<u32>) -> State { return State(bitcast<f32>(w.x)); }
`;

const sqrtIeee = 'select(sqrt(x), x, is_nan(x) || is_inf(x))';

/** A compensated float sum of `term(v)`, finished by `finish(total)`. */
function floatSum(term: string, finish: string, variant = ''): Accumulator {
  return {
    code: `${compensated}fn acc_step(a: State, v: f32, j: u32) -> State { return add_f32(a, ${term}); }
fn acc_finish(a: State, n: u32) -> f32 { let x = total(a); return ${finish}; }
`,
    output: 'f32',
    variant,
  };
}

/** The norm's fold for p (the CPU's `foldFor`): the general p reads p from the uniforms. */
function norm(p: number): Accumulator {
  if (p === 0) return floatSum('select(0.0, 1.0, v != 0.0 || is_nan(v))', 'x', '-p0');
  if (p === 1) return floatSum('abs(v)', 'x', '-p1');
  if (p === 2) return floatSum('v * v', sqrtIeee, '-p2');
  if (p === Infinity) return { code: magnitude('max'), output: 'f32', variant: '-pinf' };
  if (p === -Infinity) return { code: magnitude('min'), output: 'f32', variant: '-pneginf' };
  return floatSum('pow_abs(abs(v), param())', 'pow_abs(x, 1.0 / param())', '-p');
}

/**
 * The state of `op` for inputs stored as `input`, or null where no kernel exists: float32 for every op; int32 and bool
 * sums and products (int64 results), int32 max/min. `p` is the norm's order.
 */
export function accumulator(op: AccumulatorOp, input: GpuType, p = 2): Accumulator | null {
  const float = input === 'f32';
  if (op === 'sum' || op === 'prod') {
    if (float) {
      if (op === 'sum') return floatSum('v', 'x');
      return { code: `struct State { p: f32 }
fn acc_init() -> State { return State(1.0); }
fn acc_step(a: State, v: f32, j: u32) -> State { return State(a.p * v); }
fn acc_merge(a: State, b: State) -> State { return State(a.p * b.p); }
fn acc_finish(a: State, n: u32) -> f32 { return a.p; }
fn acc_pack(a: State) -> vec4<u32> { return vec4<u32>(bitcast<u32>(a.p), 0u, 0u, 0u); }
fn acc_unpack(w: vec4<u32>) -> State { return State(bitcast<f32>(w.x)); }
`, output: 'f32', variant: '' };
    }
    if (input !== 'i32' && input !== 'u32') return null;
    const widen = input === 'i32' ? 'i64_from_i32(v)' : 'vec2<u32>(v, 0u)';
    const code = op === 'sum' ? int64State('0', 'i64_add') : int64State('1', 'i64_mul');
    return { code: code.replace('WIDEN', widen), output: 'x64', variant: '' };
  }
  if (op === 'max' || op === 'min' || op === 'argmax' || op === 'argmin') {
    if (!float && input !== 'i32') return null;
    const finish = op.startsWith('arg') ? 'fn acc_finish(a: State, n: u32) -> vec2<u32> { return i64_to_f64_bits(vec2<u32>(a.j, 0u)); }\n'
      : 'fn acc_finish(a: State, n: u32) -> T { return a.v; }\n';
    return { code: extreme(op.endsWith('max') ? '>' : '<', float) + finish, output: op.startsWith('arg') ? 'x64' : input, variant: '' };
  }
  if (!float) return null;
  switch (op) {
    case 'mean': return floatSum('v', 'select(x / f32(n), nan_f32(), n == 0u)');
    case 'var': return { code: `${welford}fn acc_finish(a: State, n: u32) -> f32 { return variance(a); }\n`, output: 'f32', variant: '', shifted: true };
    case 'std': return { code: `${welford}fn acc_finish(a: State, n: u32) -> f32 { let x = variance(a); return ${sqrtIeee}; }\n`, output: 'f32', variant: '', shifted: true };
    case 'logsumexp': return { code: logSumExp, output: 'f32', variant: '' };
    case 'norm': return norm(p);
  }
}

/** Helpers the accumulators call, with the uniform word holding the op's parameter (p or correction). */
export const accumulatorHelpers = (paramWord: string): string => powAbs.replace('PARAM', paramWord);
