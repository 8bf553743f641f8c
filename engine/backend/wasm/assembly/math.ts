// Vector math on two doubles at a time. Float32 kernels widen to doubles, compute here and round once, so that they
// give the reference kernels' values (Math.exp rounded to float) in all but the rarest ties; float64 kernels agree
// with Math.exp and Math.log to an ulp or two.

const LOG2E: f64 = 1.4426950408889634;
// ln 2 split so that k * LN2_HIGH is exact for |k| < 2^11.
const LN2_HIGH: f64 = 6.93147180369123816490e-01;
const LN2_LOW: f64 = 1.90821492927058770002e-10;
// 1.5 * 2^52: adding it to a double with an integer value leaves that integer in the low mantissa bits.
const ROUNDING_MAGIC: f64 = 6755399441055744.0;

@inline function splat(x: f64): v128 { return f64x2.splat(x); }

/** Integer-valued doubles to int64 lanes (|k| < 2^51). */
@inline function toInt64(k: v128): v128 {
  return i64x2.sub(v128.add<f64>(k, splat(ROUNDING_MAGIC)), f64x2.splat(ROUNDING_MAGIC));
}

/** 2^k for int64 lanes k in [-1022, 1023]. */
@inline function pow2(k: v128): v128 {
  return i64x2.shl(i64x2.add(k, i64x2.splat(1023)), 52);
}

/** e^r - 1 for |r| <= ln(2)/2 (Taylor to r^13, error below 1e-17). */
@inline function expm1Reduced(r: v128): v128 {
  let p = splat(1.0 / 6227020800.0);
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 479001600.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 39916800.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 3628800.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 362880.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 40320.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 5040.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 720.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 120.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 24.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 6.0));
  p = f64x2.add(f64x2.mul(p, r), splat(0.5));
  return f64x2.add(f64x2.mul(f64x2.mul(p, r), r), r);
}

/** e^x: x = k ln 2 + r, e^r by polynomial, scaled by 2^k in two halves so that subnormal results survive. */
export function exp2x(x: v128): v128 {
  const clamped = f64x2.max(f64x2.min(x, splat(710.0)), splat(-746.0));
  const k = f64x2.nearest(f64x2.mul(clamped, splat(LOG2E)));
  const r = f64x2.sub(f64x2.sub(clamped, f64x2.mul(k, splat(LN2_HIGH))), f64x2.mul(k, splat(LN2_LOW)));
  const p = f64x2.add(expm1Reduced(r), splat(1.0));
  // Halves of k computed in doubles: SIMD has no 64-bit arithmetic shift on most CPUs.
  const half = f64x2.floor(f64x2.mul(k, splat(0.5)));
  const scaled = f64x2.mul(f64x2.mul(p, pow2(toInt64(half))), pow2(toInt64(f64x2.sub(k, half))));
  // NaN stays NaN (min/max propagate it); beyond the clamp the result is inf or 0.
  const big = f64x2.gt(x, splat(709.782712893384));
  const small = f64x2.lt(x, splat(-745.1332191019412));
  return v128.bitselect(splat(Infinity), v128.bitselect(splat(0.0), scaled, small), big);
}

/** tanh: an odd polynomial through expm1 near 0, 1 - 2 / (e^2|x| + 1) elsewhere, with x's sign. */
export function tanh2x(x: v128): v128 {
  const ax = f64x2.abs(x);
  const em = expm1Reduced(f64x2.mul(f64x2.min(ax, splat(0.17)), splat(2.0)));
  const near = f64x2.div(em, f64x2.add(em, splat(2.0)));
  const far = f64x2.sub(splat(1.0), f64x2.div(splat(2.0), f64x2.add(exp2x(f64x2.mul(ax, splat(2.0))), splat(1.0))));
  const magnitude = v128.bitselect(near, far, f64x2.lt(ax, splat(0.17)));
  // copysign; NaN passes through the far branch as NaN.
  return v128.or(v128.and(magnitude, i64x2.splat(0x7fffffffffffffff)), v128.and(x, i64x2.splat(0x8000000000000000)));
}

/** Natural logarithm: x = 2^e m with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s), s = (m - 1) / (m + 1). */
export function log2x(x: v128): v128 {
  // Subnormals are scaled into the normal range first.
  const tiny = f64x2.lt(x, splat(2.2250738585072014e-308));
  const xs = v128.bitselect(f64x2.mul(x, splat(18014398509481984.0)), x, tiny);
  const bits = xs;
  let e = i64x2.sub(i64x2.shr_u(bits, 52), i64x2.splat(1023));
  e = v128.bitselect(i64x2.sub(e, i64x2.splat(54)), e, tiny);
  let m = v128.or(v128.and(bits, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3ff0000000000000));
  const high = f64x2.gt(m, splat(1.4142135623730951));
  m = v128.bitselect(f64x2.mul(m, splat(0.5)), m, high);
  e = v128.bitselect(i64x2.add(e, i64x2.splat(1)), e, high);
  const ef = f64x2.sub(i64x2.add(e, f64x2.splat(ROUNDING_MAGIC)), splat(ROUNDING_MAGIC));
  const f = f64x2.sub(m, splat(1.0));
  const s = f64x2.div(f, f64x2.add(m, splat(1.0)));
  const z = f64x2.mul(s, s);
  let p = splat(1.0 / 23.0);
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 21.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 19.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 17.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 15.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 13.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 11.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 9.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 7.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 5.0));
  p = f64x2.add(f64x2.mul(p, z), splat(1.0 / 3.0));
  // log m = 2s + 2s z p = f - s f + 2s z p, which keeps the leading term exact.
  const logm = f64x2.add(f64x2.sub(f, f64x2.mul(s, f)), f64x2.mul(f64x2.mul(splat(2.0), s), f64x2.mul(z, p)));
  const finite = f64x2.add(f64x2.mul(ef, splat(LN2_HIGH)), f64x2.add(logm, f64x2.mul(ef, splat(LN2_LOW))));
  // log 0 = -inf, log inf = inf, negative or NaN give NaN.
  let out = v128.bitselect(splat(-Infinity), finite, f64x2.eq(x, splat(0.0)));
  out = v128.bitselect(splat(Infinity), out, f64x2.eq(x, splat(Infinity)));
  return v128.bitselect(splat(NaN), out, v128.not(f64x2.ge(x, splat(0.0))));
}

// SLEEF's expf_u10 constants (Note [Vectorized expf] in the reference softmax).
const SLEEF_LOG2E: f64 = <f64><f32>1.442695040888963407359924681001892137426645954152985934135449406931;
const SLEEF_LN2_HIGH: f64 = <f64><f32>0.693145751953125;
const SLEEF_LN2_LOW: f64 = <f64><f32>1.428606765330187045e-6;

/** Rounds doubles to float precision, staying in double lanes. */
@inline export function f32round(x: v128): v128 { return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x)); }

/** fround(a * b + c): SLEEF's fused multiply-add on floats, exact in doubles then rounded once. */
@inline function fmaf(a: v128, b: v128, c: v128): v128 { return f32round(f64x2.add(f64x2.mul(a, b), c)); }

const SLEEF_C0: f64 = <f64><f32>0.000198527617612853646278381;
const SLEEF_C1: f64 = <f64><f32>0.00139304355252534151077271;
const SLEEF_C2: f64 = <f64><f32>0.00833336077630519866943359;
const SLEEF_C3: f64 = <f64><f32>0.0416664853692054748535156;
const SLEEF_C4: f64 = <f64><f32>0.166666671633720397949219;

/**
 * SLEEF's float expf step by step (bit-identical to the reference's sleefExpf) on 8 floats from `x` to `out`, each
 * shifted by `-max` first. The four double-lane chains are written interleaved: each is a long dependent sequence,
 * and interleaving lets the processor overlap them.
 */
export function sleefExpf8(x: usize, out: usize, max: v128): void {
  const v0 = f32x4.sub(v128.load(x), max);
  const v1 = f32x4.sub(v128.load(x, 16), max);
  const da = f64x2.promote_low_f32x4(v0);
  const db = f64x2.promote_low_f32x4(v128.shuffle<u32>(v0, v0, 2, 3, 0, 1));
  const dc = f64x2.promote_low_f32x4(v1);
  const dd = f64x2.promote_low_f32x4(v128.shuffle<u32>(v1, v1, 2, 3, 0, 1));
  const qa = f64x2.nearest(f32round(f64x2.mul(da, splat(SLEEF_LOG2E))));
  const qb = f64x2.nearest(f32round(f64x2.mul(db, splat(SLEEF_LOG2E))));
  const qc = f64x2.nearest(f32round(f64x2.mul(dc, splat(SLEEF_LOG2E))));
  const qd = f64x2.nearest(f32round(f64x2.mul(dd, splat(SLEEF_LOG2E))));
  let sa = fmaf(qa, splat(-SLEEF_LN2_HIGH), da);
  let sb = fmaf(qb, splat(-SLEEF_LN2_HIGH), db);
  let sc = fmaf(qc, splat(-SLEEF_LN2_HIGH), dc);
  let sd = fmaf(qd, splat(-SLEEF_LN2_HIGH), dd);
  sa = fmaf(qa, splat(-SLEEF_LN2_LOW), sa);
  sb = fmaf(qb, splat(-SLEEF_LN2_LOW), sb);
  sc = fmaf(qc, splat(-SLEEF_LN2_LOW), sc);
  sd = fmaf(qd, splat(-SLEEF_LN2_LOW), sd);
  let ua = fmaf(splat(SLEEF_C0), sa, splat(SLEEF_C1));
  let ub = fmaf(splat(SLEEF_C0), sb, splat(SLEEF_C1));
  let uc = fmaf(splat(SLEEF_C0), sc, splat(SLEEF_C1));
  let ud = fmaf(splat(SLEEF_C0), sd, splat(SLEEF_C1));
  ua = fmaf(ua, sa, splat(SLEEF_C2));
  ub = fmaf(ub, sb, splat(SLEEF_C2));
  uc = fmaf(uc, sc, splat(SLEEF_C2));
  ud = fmaf(ud, sd, splat(SLEEF_C2));
  ua = fmaf(ua, sa, splat(SLEEF_C3));
  ub = fmaf(ub, sb, splat(SLEEF_C3));
  uc = fmaf(uc, sc, splat(SLEEF_C3));
  ud = fmaf(ud, sd, splat(SLEEF_C3));
  ua = fmaf(ua, sa, splat(SLEEF_C4));
  ub = fmaf(ub, sb, splat(SLEEF_C4));
  uc = fmaf(uc, sc, splat(SLEEF_C4));
  ud = fmaf(ud, sd, splat(SLEEF_C4));
  ua = fmaf(ua, sa, splat(0.5));
  ub = fmaf(ub, sb, splat(0.5));
  uc = fmaf(uc, sc, splat(0.5));
  ud = fmaf(ud, sd, splat(0.5));
  ua = f32round(f64x2.add(splat(1.0), fmaf(f32round(f64x2.mul(sa, sa)), ua, sa)));
  ub = f32round(f64x2.add(splat(1.0), fmaf(f32round(f64x2.mul(sb, sb)), ub, sb)));
  uc = f32round(f64x2.add(splat(1.0), fmaf(f32round(f64x2.mul(sc, sc)), uc, sc)));
  ud = f32round(f64x2.add(splat(1.0), fmaf(f32round(f64x2.mul(sd, sd)), ud, sd)));
  const ca = f64x2.max(f64x2.min(qa, splat(200.0)), splat(-200.0));
  const cb = f64x2.max(f64x2.min(qb, splat(200.0)), splat(-200.0));
  const cc = f64x2.max(f64x2.min(qc, splat(200.0)), splat(-200.0));
  const cd = f64x2.max(f64x2.min(qd, splat(200.0)), splat(-200.0));
  // Note [One scaling step]: SLEEF scales by 2^h, then 2^(c - h), rounding to float after each. u is in [0.7, 1.42]
  // and |h| <= 100, so u * 2^h is always a normal float and its rounding is exact: one product in doubles (exact),
  // rounded to float once by the store, gives the same bits.
  ua = f64x2.mul(ua, pow2(toInt64(ca)));
  ub = f64x2.mul(ub, pow2(toInt64(cb)));
  uc = f64x2.mul(uc, pow2(toInt64(cc)));
  ud = f64x2.mul(ud, pow2(toInt64(cd)));
  ua = v128.bitselect(splat(Infinity), v128.bitselect(splat(0.0), ua, f64x2.lt(da, splat(-104.0))), f64x2.gt(da, splat(100.0)));
  ub = v128.bitselect(splat(Infinity), v128.bitselect(splat(0.0), ub, f64x2.lt(db, splat(-104.0))), f64x2.gt(db, splat(100.0)));
  uc = v128.bitselect(splat(Infinity), v128.bitselect(splat(0.0), uc, f64x2.lt(dc, splat(-104.0))), f64x2.gt(dc, splat(100.0)));
  ud = v128.bitselect(splat(Infinity), v128.bitselect(splat(0.0), ud, f64x2.lt(dd, splat(-104.0))), f64x2.gt(dd, splat(100.0)));
  ua = v128.bitselect(da, ua, f64x2.ne(da, da));
  ub = v128.bitselect(db, ub, f64x2.ne(db, db));
  uc = v128.bitselect(dc, uc, f64x2.ne(dc, dc));
  ud = v128.bitselect(dd, ud, f64x2.ne(dd, dd));
  v128.store(out, v128.shuffle<u32>(f32x4.demote_f64x2_zero(ua), f32x4.demote_f64x2_zero(ub), 0, 1, 4, 5));
  v128.store(out, v128.shuffle<u32>(f32x4.demote_f64x2_zero(uc), f32x4.demote_f64x2_zero(ud), 0, 1, 4, 5), 16);
}

/** The same on two floats held in double lanes (the tail of a row). */
export function sleefExpf2x(d: v128): v128 {
  const q = f64x2.nearest(f32round(f64x2.mul(d, splat(SLEEF_LOG2E))));
  let s = fmaf(q, splat(-SLEEF_LN2_HIGH), d);
  s = fmaf(q, splat(-SLEEF_LN2_LOW), s);
  let u = fmaf(splat(SLEEF_C0), s, splat(SLEEF_C1));
  u = fmaf(u, s, splat(SLEEF_C2));
  u = fmaf(u, s, splat(SLEEF_C3));
  u = fmaf(u, s, splat(SLEEF_C4));
  u = fmaf(u, s, splat(0.5));
  u = f32round(f64x2.add(splat(1.0), fmaf(f32round(f64x2.mul(s, s)), u, s)));
  const c = f64x2.max(f64x2.min(q, splat(200.0)), splat(-200.0));
  // Note [One scaling step]; callers round the result to float.
  u = f64x2.mul(u, pow2(toInt64(c)));
  u = v128.bitselect(splat(Infinity), v128.bitselect(splat(0.0), u, f64x2.lt(d, splat(-104.0))), f64x2.gt(d, splat(100.0)));
  u = v128.bitselect(d, u, f64x2.ne(d, d));
  return u;
}
