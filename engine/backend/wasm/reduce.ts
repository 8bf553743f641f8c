// Sums, means and extremes (value and first index) on the WebAssembly kernels. The caller (engine/ops/reduction/
// reduce.ts) hands over its input permuted so that the reduced dims come last, as the reference kernel takes it.
import type { TypedArray } from '../../core/dtype.ts';
import type { StridedView } from '../cpu/kernels.ts';
import type { FloatName } from './elementwise.ts';
import { collapse, numel, span } from './layout.ts';
import { fast, type Fast } from './mode.ts';

export type ReduceKernel = 'sum' | 'mean';

/** Below this many elements the reference loop is as fast (measured on this project's machine). */
const MIN_ELEMENTS = 256;
/** Bytes per streamed chunk of a contiguous input (as elementwise maps stream theirs). */
const CHUNK_BYTES = 1 << 20;

/** The kept dims and the reduced dims each collapsed to one (count, stride), or null when they do not collapse. */
function slices(x: StridedView, reducedDims: number): { nk: number; sk: number; nr: number; sr: number } | null {
  const keptRank = x.shape.length - reducedDims;
  const kept = collapse(x.shape.slice(0, keptRank), [x.strides.slice(0, keptRank)]);
  const reduced = collapse(x.shape.slice(keptRank), [x.strides.slice(keptRank)]);
  if (kept.shape.length > 1 || reduced.shape.length > 1) return null;
  return { nk: kept.shape[0] ?? 1, sk: kept.strides[0]![0] ?? 0, nr: reduced.shape[0] ?? 1, sr: reduced.strides[0]![0] ?? 0 };
}

/** The kernels and the collapsed geometry, or null when the reference loop should run (empty, small or uncollapsible). */
function prepare(x: StridedView, reducedDims: number): ({ f: Fast } & NonNullable<ReturnType<typeof slices>>) | null {
  const n = numel(x.shape);
  if (n === 0) return null;
  const geometry = slices(x, reducedDims);
  const f = geometry && fast(n, MIN_ELEMENTS);
  return f && geometry ? { f, ...geometry } : null;
}

function copyIn(f: Fast, x: StridedView, size: number): number {
  const { low, high } = span(x);
  const pointer = f.arena.alloc((high - low + 1) * size);
  if (pointer < 0) return -1;
  (size === 4 ? f.arena.f32(pointer, high - low + 1) : f.arena.f64(pointer, high - low + 1))
    .set(x.data.subarray(low, high + 1) as Float32Array & Float64Array);
  return pointer + (x.offset - low) * size;
}

/** out[i] = sum (or mean) over the last `reducedDims` dims of x, accumulated in double like the reference. */
export function wasmReduce(kind: ReduceKernel, dtype: FloatName, out: TypedArray, x: StridedView, reducedDims: number): boolean {
  const prepared = prepare(x, reducedDims);
  if (!prepared) return false;
  const { f, nk, sk, nr, sr } = prepared;
  const size = dtype === 'float32' ? 4 : 8;
  const run = dtype === 'float32' ? f.kernels.exports.sum_f32 : f.kernels.exports.sum_f64;
  const finish = (total: number) => (kind === 'mean' ? total / nr : total);
  const chunk = CHUNK_BYTES / size;
  if (sr === 1 && (nk === 1 || sk === nr)) {
    // Contiguous rows, streamed: whole rows per chunk, or a long row in pieces whose double sums add up.
    const input = f.arena.alloc(chunk * size);
    const totals = f.arena.alloc(Math.max(1, Math.floor(chunk / nr)) * 8);
    const inView = size === 4 ? f.arena.f32(input, chunk) : f.arena.f64(input, chunk);
    const totalView = f.arena.f64(totals, Math.max(1, Math.floor(chunk / nr)));
    if (nr > chunk) {
      for (let i = 0; i < nk; i++) {
        let total = 0;
        for (let start = 0; start < nr; start += chunk) {
          const length = Math.min(chunk, nr - start);
          const from = x.offset + i * sk + start;
          inView.set(x.data.subarray(from, from + length) as Float32Array & Float64Array);
          run(input, totals, 1, 0, length, 1);
          total += totalView[0]!;
        }
        out[i] = finish(total);
      }
      return true;
    }
    const rowsPerChunk = Math.floor(chunk / nr);
    for (let first = 0; first < nk; first += rowsPerChunk) {
      const rows = Math.min(rowsPerChunk, nk - first);
      const from = x.offset + first * nr;
      inView.set(x.data.subarray(from, from + rows * nr) as Float32Array & Float64Array);
      run(input, totals, rows, nr, nr, 1);
      for (let i = 0; i < rows; i++) out[first + i] = finish(totalView[i]!);
    }
    return true;
  }
  const base = copyIn(f, x, size);
  const totals = f.arena.alloc(nk * 8);
  if (base < 0 || totals < 0) return false;
  run(base, totals, nk, sk, nr, sr);
  const totalView = f.arena.f64(totals, nk);
  for (let i = 0; i < nk; i++) out[i] = finish(totalView[i]!);
  return true;
}

/** values[i], indices[i] = the extreme of slice i and its first index (NaN beats everything), as the reference. */
export function wasmExtreme(smallest: boolean, dtype: FloatName, values: TypedArray, indices: TypedArray, x: StridedView, reducedDims: number): boolean {
  const prepared = prepare(x, reducedDims);
  if (!prepared) return false;
  const { f, nk, sk, nr, sr } = prepared;
  const size = dtype === 'float32' ? 4 : 8;
  const base = copyIn(f, x, size);
  const valuesOut = f.arena.alloc(nk * size);
  const indicesOut = f.arena.alloc(nk * 8);
  if (base < 0 || valuesOut < 0 || indicesOut < 0) return false;
  (dtype === 'float32' ? f.kernels.exports.extreme_f32 : f.kernels.exports.extreme_f64)(base, valuesOut, indicesOut, nk, sk, nr, sr, smallest ? 1 : 0);
  values.set((size === 4 ? f.arena.f32(valuesOut, nk) : f.arena.f64(valuesOut, nk)) as Float32Array & Float64Array);
  indices.set(f.arena.f64(indicesOut, nk) as Float32Array & Float64Array);
  return true;
}
