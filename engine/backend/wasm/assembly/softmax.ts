// softmax along contiguous rows, step for step as the reference kernel (engine/ops/nn/softmax-kernel.ts): the
// NaN-propagating max, exponentials of x - max (SLEEF's expf for floats), the sum in PyTorch's register order
// (Note [Softmax summation order]), one reciprocal, one multiply. Float results are bit-identical to the reference.
import { exp2x, sleefExpf2x, sleefExpf8 } from './math';

@inline function rowMax<T>(p: usize, n: i32): T {
  const size = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  let j = 0;
  let max = <T>-Infinity;
  if (n >= lanes) {
    // Vector max propagates NaN, as the reference's scalar loop does.
    let mv = v128.load(p);
    for (j = lanes; j + lanes <= n; j += lanes) mv = v128.max<T>(mv, v128.load(p + j * size));
    for (let l = 0; l < lanes; l++) {
      const v = sizeof<T>() == 4 ? <T>(l == 0 ? f32x4.extract_lane(mv, 0) : l == 1 ? f32x4.extract_lane(mv, 1) : l == 2 ? f32x4.extract_lane(mv, 2) : f32x4.extract_lane(mv, 3))
        : <T>(l == 0 ? f64x2.extract_lane(mv, 0) : f64x2.extract_lane(mv, 1));
      if (v > max || v != v) max = v;
      if (max != max) return max;
    }
  }
  for (; j < n; j++) {
    const v = load<T>(p + j * size);
    if (v > max || v != v) max = v;
    if (max != max) return max;
  }
  return max;
}

/** e^(x - max) for one vector of the row. */
@inline function exponentials<T>(x: v128, max: v128): v128 {
  const shifted = v128.sub<T>(x, max);
  if (sizeof<T>() == 8) return exp2x(shifted);
  const low = sleefExpf2x(f64x2.promote_low_f32x4(shifted));
  const high = sleefExpf2x(f64x2.promote_low_f32x4(v128.shuffle<u32>(shifted, shifted, 2, 3, 0, 1)));
  return v128.shuffle<u32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5);
}

@inline function lane<T>(v: v128, l: i32): T {
  if (sizeof<T>() == 8) return l == 0 ? <T>f64x2.extract_lane(v, 0) : <T>f64x2.extract_lane(v, 1);
  return <T>(l == 0 ? f32x4.extract_lane(v, 0) : l == 1 ? f32x4.extract_lane(v, 1) : l == 2 ? f32x4.extract_lane(v, 2) : f32x4.extract_lane(v, 3));
}

/** Rows per claim from the shared counter. */
const ROWS_PER_CLAIM: i32 = 8;

/**
 * softmax of `rows` contiguous rows of `n` values from x into out. Threads claim ROWS_PER_CLAIM rows at a time from
 * the i32 counter at `next` (zeroed by the caller).
 */
export function softmax<T>(x: usize, out: usize, rows: i32, n: i32, next: usize): void {
  for (let first = atomic.add<i32>(next, ROWS_PER_CLAIM); first < rows; first = atomic.add<i32>(next, ROWS_PER_CLAIM)) {
    const last = min(first + ROWS_PER_CLAIM, rows);
    for (let r = first; r < last; r++) softmaxRow<T>(x, out, r, n);
  }
}

/** Writes e^(x - max) of a row to po and returns their sum in the reference's register order. */
@inline function exponentialSum<T>(px: usize, po: usize, n: i32, maxValue: T): T {
  const size = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  const width = 2 * lanes;
  const max = v128.splat<T>(maxValue);
  let j = 0;
  if (sizeof<T>() == 4) for (; j + 8 <= n; j += 8) sleefExpf8(px + j * size, po + j * size, max);
  for (; j + lanes <= n; j += lanes) v128.store(po + j * size, exponentials<T>(v128.load(px + j * size), max));
  for (; j < n; j++) {
    const e = exponentials<T>(v128.splat<T>(load<T>(px + j * size)), max);
    store<T>(po + j * size, lane<T>(e, 0));
  }
  // The register-order sum of the exponentials.
  let total: T;
  if (n < width) {
    total = load<T>(po);
    for (let k = 1; k < n; k++) total += load<T>(po + k * size);
  } else {
    let l0 = v128.load(po);
    let l1 = v128.load(po, 16);
    let d = width;
    for (; d + width <= n; d += width) {
      l0 = v128.add<T>(l0, v128.load(po + d * size));
      l1 = v128.add<T>(l1, v128.load(po + d * size, 16));
    }
    // The tail goes into the first lanes.
    for (let k = 0; d + k < n; k++) {
      const v = load<T>(po + (d + k) * size);
      if (sizeof<T>() == 4) {
        if (k == 0) l0 = f32x4.replace_lane(l0, 0, f32x4.extract_lane(l0, 0) + <f32>v);
        else if (k == 1) l0 = f32x4.replace_lane(l0, 1, f32x4.extract_lane(l0, 1) + <f32>v);
        else if (k == 2) l0 = f32x4.replace_lane(l0, 2, f32x4.extract_lane(l0, 2) + <f32>v);
        else if (k == 3) l0 = f32x4.replace_lane(l0, 3, f32x4.extract_lane(l0, 3) + <f32>v);
        else if (k == 4) l1 = f32x4.replace_lane(l1, 0, f32x4.extract_lane(l1, 0) + <f32>v);
        else if (k == 5) l1 = f32x4.replace_lane(l1, 1, f32x4.extract_lane(l1, 1) + <f32>v);
        else l1 = f32x4.replace_lane(l1, 2, f32x4.extract_lane(l1, 2) + <f32>v);
      } else {
        if (k == 0) l0 = f64x2.replace_lane(l0, 0, f64x2.extract_lane(l0, 0) + <f64>v);
        else if (k == 1) l0 = f64x2.replace_lane(l0, 1, f64x2.extract_lane(l0, 1) + <f64>v);
        else l1 = f64x2.replace_lane(l1, 0, f64x2.extract_lane(l1, 0) + <f64>v);
      }
    }
    if (sizeof<T>() == 4) {
      // ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7))
      const pairs = v128.add<T>(l0, l1);
      total = (lane<T>(pairs, 0) + lane<T>(pairs, 2)) + (lane<T>(pairs, 1) + lane<T>(pairs, 3));
    } else {
      total = lane<T>(l0, 0) + lane<T>(l0, 1) + lane<T>(l1, 0) + lane<T>(l1, 1);
    }
  }
  return total;
}

function softmaxRow<T>(x: usize, out: usize, r: i32, n: i32): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  const px = x + <usize>r * n * size;
  const po = out + <usize>r * n * size;
  const total = exponentialSum<T>(px, po, n, rowMax<T>(px, n));
  let j = 0;
  const inverse = v128.splat<T>(<T>1 / total);
  for (; j + lanes <= n; j += lanes) v128.store(po + j * size, v128.mul<T>(v128.load(po + j * size), inverse));
  const scalarInverse = <T>1 / total;
  for (; j < n; j++) store<T>(po + j * size, load<T>(po + j * size) * scalarInverse);
}

/**
 * log_softmax's first pass: for each row, its max and the sum of e^(x - max) (exponentials as softmax's) into
 * stats[2r], stats[2r + 1]. The loader then replaces each sum by its logarithm, rounded as the reference rounds it
 * (Math.log, so that the bits agree), for the second pass. `out` holds the exponentials meanwhile.
 */
export function logSoftmaxStats<T>(x: usize, out: usize, stats: usize, rows: i32, n: i32, next: usize): void {
  const size = <usize>sizeof<T>();
  for (let first = atomic.add<i32>(next, ROWS_PER_CLAIM); first < rows; first = atomic.add<i32>(next, ROWS_PER_CLAIM)) {
    const last = min(first + ROWS_PER_CLAIM, rows);
    for (let r = first; r < last; r++) {
      const px = x + <usize>r * n * size;
      const max = rowMax<T>(px, n);
      store<T>(stats + <usize>r * 2 * size, max);
      store<T>(stats + (<usize>r * 2 + 1) * size, exponentialSum<T>(px, out + <usize>r * n * size, n, max));
    }
  }
}

/** log_softmax's second pass: out = (x - max) - log(sum), rounding after each step as the reference does. */
export function logSoftmaxFinish<T>(x: usize, out: usize, stats: usize, rows: i32, n: i32, next: usize): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  for (let first = atomic.add<i32>(next, ROWS_PER_CLAIM); first < rows; first = atomic.add<i32>(next, ROWS_PER_CLAIM)) {
    const last = min(first + ROWS_PER_CLAIM, rows);
    for (let r = first; r < last; r++) {
      const px = x + <usize>r * n * size;
      const po = out + <usize>r * n * size;
      const max = load<T>(stats + <usize>r * 2 * size);
      const logSum = load<T>(stats + (<usize>r * 2 + 1) * size);
      const mv = v128.splat<T>(max);
      const lv = v128.splat<T>(logSum);
      let j = 0;
      for (; j + lanes <= n; j += lanes) v128.store(po + j * size, v128.sub<T>(v128.sub<T>(v128.load(px + j * size), mv), lv));
      for (; j < n; j++) store<T>(po + j * size, (load<T>(px + j * size) - max) - logSum);
    }
  }
}
