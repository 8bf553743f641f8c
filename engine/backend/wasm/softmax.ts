// softmax and log_softmax along the last dim of a contiguous input on the WebAssembly kernels (bit-identical to the
// reference for float32, Note [Softmax summation order]); rows split across threads from a size on.
import type { TypedArray } from '../../core/dtype.ts';
import type { FloatName } from './elementwise.ts';
import { fast } from './mode.ts';
import { parallel, readyThreads } from './threads.ts';

/** Below this many elements the reference loop is as fast (measured on this project's machine). */
const MIN_ELEMENTS = 128;
const THREADED_ELEMENTS = 1 << 16;

/** out = softmax (or log_softmax) of `rows` contiguous rows of `n` values of `input` from `offset`. */
export function wasmSoftmax(kind: 'softmax' | 'log_softmax', dtype: FloatName, out: TypedArray, input: TypedArray, offset: number, rows: number, n: number): boolean {
  const total = rows * n;
  if (total === 0) return false;
  const f = fast(total, MIN_ELEMENTS, total >= THREADED_ELEMENTS && rows > 1);
  if (!f) return false;
  const size = dtype === 'float32' ? 4 : 8;
  const x = f.arena.alloc(total * size);
  const y = f.arena.alloc(total * size);
  const stats = f.arena.alloc(2 * rows * size);
  const next = f.arena.counter();
  if (x < 0 || y < 0 || stats < 0 || next < 0) return false;
  f.arena.view(input, x, total).set(input.subarray(offset, offset + total) as Float32Array & Float64Array);
  // Every thread runs the same call and claims rows from the shared counter.
  const threads = f.threaded ? readyThreads() + 1 : 1;
  const suffix = dtype === 'float32' ? 'f32' : 'f64';
  const everyThread = (name: Parameters<typeof parallel>[1], args: number[]) =>
    parallel(f.kernels.exports, name, Array.from({ length: threads }, () => args), f.threaded);
  if (kind === 'softmax') {
    everyThread(`softmax_${suffix}`, [x, y, rows, n, next]);
  } else {
    everyThread(`log_softmax_stats_${suffix}`, [x, y, stats, rows, n, next]);
    // The logarithms in JavaScript, as the reference takes them (Math.log, rounded to the dtype).
    const values = f.arena.view(input, stats, 2 * rows);
    const round = dtype === 'float32' ? Math.fround : (v: number) => v;
    for (let r = 0; r < rows; r++) values[2 * r + 1] = round(Math.log(values[2 * r + 1]!));
    f.arena.resetCounter(next);
    everyThread(`log_softmax_finish_${suffix}`, [x, y, stats, rows, n, next]);
  }
  out.set(f.arena.view(input, y, total) as Float32Array & Float64Array);
  return true;
}
