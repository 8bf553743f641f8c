// Reductions of `nk` slices (slice i starts at element i * sk) of `nr` elements `sr` apart. Sums accumulate in
// double as the reference does; along contiguous slices in vector lanes, across slices (sk == 1) element by element
// in the reference's own order.

@inline function widen<T>(v: v128, high: bool): v128 {
  if (!high) return f64x2.promote_low_f32x4(v);
  return f64x2.promote_low_f32x4(v128.shuffle<u32>(v, v, 2, 3, 0, 1));
}

/** The double sum of `nr` contiguous values from `p`. */
function contiguousSum<T>(p: usize, nr: i32): f64 {
  const size = <usize>sizeof<T>();
  let acc0 = f64x2.splat(0), acc1 = f64x2.splat(0);
  let j = 0;
  if (sizeof<T>() == 4) {
    for (; j + 4 <= nr; j += 4) {
      const v = v128.load(p + j * size);
      acc0 = f64x2.add(acc0, widen<T>(v, false));
      acc1 = f64x2.add(acc1, widen<T>(v, true));
    }
  } else {
    for (; j + 4 <= nr; j += 4) {
      acc0 = f64x2.add(acc0, v128.load(p + j * size));
      acc1 = f64x2.add(acc1, v128.load(p + j * size, 16));
    }
  }
  const acc = f64x2.add(acc0, acc1);
  let total = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; j < nr; j++) total += <f64>load<T>(p + j * size);
  return total;
}

/** out[i] = the double sum of slice i (out holds nk doubles). */
export function sum<T>(x: usize, out: usize, nk: i32, sk: i32, nr: i32, sr: i32): void {
  const size = <usize>sizeof<T>();
  if (sr == 1) {
    for (let i = 0; i < nk; i++) {
      const total = contiguousSum<T>(x + <usize>i * sk * size, nr);
      store<f64>(out + i * 8, total);
    }
  } else if (sk == 1) {
    const scratch = out;
    memory.fill(scratch, 0, <usize>nk * 8);
    for (let r = 0; r < nr; r++) {
      const row = x + <usize>r * sr * size;
      let j = 0;
      if (sizeof<T>() == 4) {
        for (; j + 4 <= nk; j += 4) {
          const v = v128.load(row + j * size);
          const a = scratch + j * 8;
          v128.store(a, f64x2.add(v128.load(a), widen<T>(v, false)));
          v128.store(a, f64x2.add(v128.load(a, 16), widen<T>(v, true)), 16);
        }
      } else {
        for (; j + 2 <= nk; j += 2) v128.store(scratch + j * 8, f64x2.add(v128.load(scratch + j * 8), v128.load(row + j * size)));
      }
      for (; j < nk; j++) store<f64>(scratch + j * 8, load<f64>(scratch + j * 8) + <f64>load<T>(row + j * size));
    }
  } else {
    for (let i = 0; i < nk; i++) {
      let p = x + <usize>i * sk * size;
      let total: f64 = 0;
      for (let r = 0; r < nr; r++, p += sr * size) total += <f64>load<T>(p);
      store<f64>(out + i * 8, total);
    }
  }
}

@inline function laneValue<T>(v: v128, l: i32): T {
  if (sizeof<T>() == 8) return l == 0 ? <T>f64x2.extract_lane(v, 0) : <T>f64x2.extract_lane(v, 1);
  if (l == 0) return <T>f32x4.extract_lane(v, 0);
  if (l == 1) return <T>f32x4.extract_lane(v, 1);
  if (l == 2) return <T>f32x4.extract_lane(v, 2);
  return <T>f32x4.extract_lane(v, 3);
}

@inline function laneIndex<T>(v: v128, l: i32): i32 {
  if (sizeof<T>() == 8) return l == 0 ? <i32>i64x2.extract_lane(v, 0) : <i32>i64x2.extract_lane(v, 1);
  if (l == 0) return i32x4.extract_lane(v, 0);
  if (l == 1) return i32x4.extract_lane(v, 1);
  if (l == 2) return i32x4.extract_lane(v, 2);
  return i32x4.extract_lane(v, 3);
}

@inline function better<T>(v: T, best: T, smallest: bool): bool {
  return v != v || (smallest ? v < best : v > best);
}

/**
 * The extreme value of each slice and its index: the first occurrence, or the first NaN, which beats everything
 * (the reference's rule). Contiguous slices are scanned in vector lanes, each lane keeping its own first best; the
 * lanes are then merged by that same rule. Indices are written as doubles (int64 storage).
 */
export function extreme<T>(x: usize, values: usize, indices: usize, nk: i32, sk: i32, nr: i32, sr: i32, smallest: bool): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  for (let i = 0; i < nk; i++) {
    const p = x + <usize>i * sk * size;
    let best = load<T>(p);
    let bestIndex = 0;
    let j = 1;
    if (sr == 1 && nr >= 2 * lanes) {
      let bv = v128.load(p);
      let bi = sizeof<T>() == 4 ? i32x4(0, 1, 2, 3) : i64x2(0, 1);
      let cur = bi;
      const step = sizeof<T>() == 4 ? i32x4.splat(4) : i64x2.splat(2);
      j = lanes;
      for (; j + lanes <= nr; j += lanes) {
        const v = v128.load(p + j * size);
        cur = sizeof<T>() == 4 ? i32x4.add(cur, step) : i64x2.add(cur, step);
        const wins = v128.and(v128.or(smallest ? v128.lt<T>(v, bv) : v128.gt<T>(v, bv), v128.ne<T>(v, v)), v128.eq<T>(bv, bv));
        bv = v128.bitselect(v, bv, wins);
        bi = v128.bitselect(cur, bi, wins);
      }
      best = laneValue<T>(bv, 0);
      bestIndex = laneIndex<T>(bi, 0);
      for (let l = 1; l < lanes; l++) {
        const v = laneValue<T>(bv, l);
        const index = laneIndex<T>(bi, l);
        const bestIsNaN = best != best;
        const vIsNaN = v != v;
        let take = false;
        if (bestIsNaN || vIsNaN) take = vIsNaN && (!bestIsNaN || index < bestIndex);
        else take = (smallest ? v < best : v > best) || (v == best && index < bestIndex);
        if (take) { best = v; bestIndex = index; }
      }
    }
    for (; j < nr; j++) {
      const v = load<T>(p + <usize>j * sr * size);
      if (best == best && better<T>(v, best, smallest)) { best = v; bestIndex = j; }
    }
    store<T>(values + i * size, best);
    store<f64>(indices + i * 8, <f64>bestIndex);
  }
}
