// Elementwise maps over up to two strided dimensions (the loader collapses and loops over the rest). The output is
// contiguous. The inner loop is vectorized when the operands are contiguous or broadcast (stride 0) along it.
// Element types: f32 and f64 (floats), i32 (int32) and f64 holding integers (int64, Note [int64 storage] in
// engine/core/dtype.ts), the last with `integral` set.
import { exp2x, f32round, log2x, tanh2x } from './math';

// Operation ids, shared with the loader (engine/backend/wasm/elementwise.ts).
export const ADD = 0, SUB = 1, MUL = 2, DIV = 3;
export const NEG = 0, ABS = 1, SQRT = 2, RELU = 3, EXP = 4, LOG = 5, TANH = 6, SIGMOID = 7, COPY = 8;


/** Integers held in doubles never keep a -0 (0 * -3 gives -0 in doubles): the reference stores Math.trunc(v) + 0. */
@inline function noNegativeZero(v: v128, integral: bool): v128 {
  return integral ? f64x2.add(v, f64x2.splat(0.0)) : v;
}

@inline function binaryVector<T>(op: i32, a: v128, b: v128, integral: bool): v128 {
  if (op == ADD) return noNegativeZero(v128.add<T>(a, b), integral);
  if (op == SUB) return noNegativeZero(v128.sub<T>(a, b), integral);
  if (isInteger<T>()) {
    // int32 products wrap, as PyTorch's (and the reference's Math.imul).
    return i32x4.mul(a, b);
  } else {
    if (op == MUL) return noNegativeZero(v128.mul<T>(a, b), integral);
    return v128.div<T>(a, b);
  }
}

@inline function binaryScalar<T>(op: i32, a: T, b: T, integral: bool): T {
  if (isInteger<T>()) {
    if (op == ADD) return a + b;
    if (op == SUB) return a - b;
    return a * b;
  }
  if (op == ADD) return integral ? a + b + <T>0 : a + b;
  if (op == SUB) return integral ? a - b + <T>0 : a - b;
  if (op == MUL) return integral ? a * b + <T>0 : a * b;
  return a / b;
}

/** out[i, j] = a[i, j] op b[i, j] with element strides (sa0, sa1), (sb0, sb1); integer types have no DIV. */
@inline export function binary<T>(op: i32, a: usize, b: usize, out: usize, n0: i32, n1: i32, sa0: i32, sa1: i32, sb0: i32, sb1: i32, integral: bool): void {
  // One copy of the loops per op, so that the op is a constant inside them.
  if (op == ADD) binaryLoops<T>(ADD, a, b, out, n0, n1, sa0, sa1, sb0, sb1, integral);
  else if (op == SUB) binaryLoops<T>(SUB, a, b, out, n0, n1, sa0, sa1, sb0, sb1, integral);
  else if (op == MUL) binaryLoops<T>(MUL, a, b, out, n0, n1, sa0, sa1, sb0, sb1, integral);
  else if (!isInteger<T>()) binaryLoops<T>(DIV, a, b, out, n0, n1, sa0, sa1, sb0, sb1, integral);
}

@inline function binaryLoops<T>(op: i32, a: usize, b: usize, out: usize, n0: i32, n1: i32, sa0: i32, sa1: i32, sb0: i32, sb1: i32, integral: bool): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  const vectorEnd = n1 - n1 % lanes;
  for (let i = 0; i < n0; i++) {
    let pa = a + <usize>i * sa0 * size;
    let pb = b + <usize>i * sb0 * size;
    let po = out + <usize>i * n1 * size;
    let j = 0;
    if (sa1 == 1 && sb1 == 1) {
      for (; j < vectorEnd; j += lanes) v128.store(po + j * size, binaryVector<T>(op, v128.load(pa + j * size), v128.load(pb + j * size), integral));
    } else if (sa1 == 1 && sb1 == 0) {
      const bv = v128.splat<T>(load<T>(pb));
      for (; j < vectorEnd; j += lanes) v128.store(po + j * size, binaryVector<T>(op, v128.load(pa + j * size), bv, integral));
    } else if (sa1 == 0 && sb1 == 1) {
      const av = v128.splat<T>(load<T>(pa));
      for (; j < vectorEnd; j += lanes) v128.store(po + j * size, binaryVector<T>(op, av, v128.load(pb + j * size), integral));
    }
    pa += <usize>j * sa1 * size;
    pb += <usize>j * sb1 * size;
    for (; j < n1; j++) {
      store<T>(po + j * size, binaryScalar<T>(op, load<T>(pa), load<T>(pb), integral));
      pa += sa1 * size;
      pb += sb1 * size;
    }
  }
}

/** The math ops on two doubles; float32 kernels round each intermediate where the reference's float kernel does. */
@inline function mathDouble(op: i32, x: v128, float: bool): v128 {
  if (op == EXP) return exp2x(x);
  if (op == LOG) return log2x(x);
  if (op == TANH) return tanh2x(x);
  // sigmoid: 1 / (1 + e^-x); the float kernel rounds e^-x and the sum to float, as PyTorch's does.
  const e = exp2x(f64x2.neg(x));
  if (!float) return f64x2.div(f64x2.splat(1.0), f64x2.add(f64x2.splat(1.0), e));
  return f64x2.div(f64x2.splat(1.0), f32round(f64x2.add(f64x2.splat(1.0), f32round(e))));
}

@inline function unaryVector<T>(op: i32, x: v128, integral: bool): v128 {
  if (op == COPY) return x;
  if (op == NEG) return noNegativeZero(v128.neg<T>(x), integral);
  if (op == ABS) return v128.abs<T>(x);
  // relu keeps -0 and NaN as they are (x < 0 ? 0 : x).
  if (op == RELU) return v128.bitselect(v128.splat<T>(0), x, v128.lt<T>(x, v128.splat<T>(0)));
  if (isInteger<T>()) {
    return x;
  } else {
    if (op == SQRT) return v128.sqrt<T>(x);
    if (sizeof<T>() == 8) return mathDouble(op, x, false);
    const low = mathDouble(op, f64x2.promote_low_f32x4(x), true);
    const high = mathDouble(op, f64x2.promote_low_f32x4(v128.shuffle<u32>(x, x, 2, 3, 0, 1)), true);
    return v128.shuffle<u32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5);
  }
}

/** out[i, j] = op(x[i, j]) with element strides (s0, s1); integer types have NEG, ABS and RELU only. */
@inline export function unary<T>(op: i32, x: usize, out: usize, n0: i32, n1: i32, s0: i32, s1: i32, integral: bool): void {
  if (op == COPY) unaryLoops<T>(COPY, x, out, n0, n1, s0, s1, integral);
  else if (op == NEG) unaryLoops<T>(NEG, x, out, n0, n1, s0, s1, integral);
  else if (op == ABS) unaryLoops<T>(ABS, x, out, n0, n1, s0, s1, integral);
  else if (op == RELU) unaryLoops<T>(RELU, x, out, n0, n1, s0, s1, integral);
  else if (isInteger<T>() || integral) return;
  else if (op == SQRT) unaryLoops<T>(SQRT, x, out, n0, n1, s0, s1, integral);
  else if (op == EXP) unaryLoops<T>(EXP, x, out, n0, n1, s0, s1, integral);
  else if (op == LOG) unaryLoops<T>(LOG, x, out, n0, n1, s0, s1, integral);
  else if (op == TANH) unaryLoops<T>(TANH, x, out, n0, n1, s0, s1, integral);
  else unaryLoops<T>(SIGMOID, x, out, n0, n1, s0, s1, integral);
}

@inline function unaryLoops<T>(op: i32, x: usize, out: usize, n0: i32, n1: i32, s0: i32, s1: i32, integral: bool): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  for (let i = 0; i < n0; i++) {
    const px = x + <usize>i * s0 * size;
    const po = out + <usize>i * n1 * size;
    let j = 0;
    if (s1 == 1) {
      for (; j + lanes <= n1; j += lanes) v128.store(po + j * size, unaryVector<T>(op, v128.load(px + j * size), integral));
    }
    // The tail and strided rows go through the same vector code, one element at a time.
    for (; j < n1; j++) {
      const v = unaryVector<T>(op, v128.splat<T>(load<T>(px + <usize>j * s1 * size)), integral);
      store<T>(po + j * size, v128.extract_lane<T>(v, 0));
    }
  }
}

/**
 * threshold_backward over contiguous operands: out[i] = s[i] <= threshold ? 0 : g[i] (relu's gradient). A NaN in s
 * passes the gradient, and a masked element is +0 whatever g holds (inf, NaN), as PyTorch's kernel selects rather
 * than multiplies.
 */
@inline export function thresholdBackward<T>(s: usize, g: usize, out: usize, n: i32, threshold: T): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  const limit = v128.splat<T>(threshold);
  const zero = v128.splat<T>(0);
  let j = 0;
  for (; j + lanes <= n; j += lanes) {
    const masked = v128.le<T>(v128.load(s + j * size), limit);
    v128.store(out + j * size, v128.bitselect(zero, v128.load(g + j * size), masked));
  }
  for (; j < n; j++) store<T>(out + j * size, load<T>(s + j * size) <= threshold ? <T>0 : load<T>(g + j * size));
}
