// How PyTorch's CPU kernels for arange and linspace produce their values, so floats match torch bit for bit.
//
// Note [Vectorized sequences]: cpu_serial_kernel_vec fills a contiguous output two SIMD vectors at a time and the
// remainder one element at a time. A vector starting at index i0 is `base(i0) + k * step` for its lanes k, not
// `value(i0 + k)`, so the rounding differs from the scalar formula in the last bit. Lane counts are AVX2's
// (8 floats or int32s, 4 doubles or int64s); the kernels are compiled with -mfma, so some multiply-adds are fused.
import type { DType } from '../../core/dtype.ts';

const LANES: Record<string, number> = { float32: 8, int32: 8, float64: 4, int64: 4 };

/** Values for indices 0..n-1: the first whole pairs of vectors through `lane(i0, k)`, the rest through `scalar(i)`. */
export function vectorizedSequence(
  n: number, dtype: DType, scalar: (i: number) => number, lane: (i0: number, k: number) => number,
): number[] {
  const lanes = LANES[dtype.name] ?? 1;
  const vectorEnd = Math.floor(n / (2 * lanes)) * 2 * lanes;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const k = i % lanes;
    out[i] = dtype.cast(i < vectorEnd ? lane(i - k, k) : scalar(i));
  }
  return out;
}
