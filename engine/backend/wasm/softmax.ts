// softmax along the last dim of a contiguous input on the WebAssembly kernel (bit-identical to the reference for
// float32, Note [Softmax summation order]); rows split across threads from a size on.
import type { TypedArray } from '../../core/dtype.ts';
import type { FloatName } from './elementwise.ts';
import { fast } from './mode.ts';
import { parallel, readyThreads } from './threads.ts';

/** Below this many elements the reference loop is as fast (measured on this project's machine). */
const MIN_ELEMENTS = 128;
const THREADED_ELEMENTS = 1 << 16;

/** out = softmax of `rows` contiguous rows of `n` values of `input` from `offset`. */
export function wasmSoftmax(dtype: FloatName, out: TypedArray, input: TypedArray, offset: number, rows: number, n: number): boolean {
  const total = rows * n;
  if (total === 0) return false;
  const f = fast(total, MIN_ELEMENTS);
  if (!f) return false;
  const size = dtype === 'float32' ? 4 : 8;
  const x = f.arena.alloc(total * size);
  const y = f.arena.alloc(total * size);
  const next = f.arena.counter();
  if (x < 0 || y < 0 || next < 0) return false;
  const view = (pointer: number) => (size === 4 ? f.arena.f32(pointer, total) : f.arena.f64(pointer, total));
  view(x).set(input.subarray(offset, offset + total) as Float32Array & Float64Array);
  // Every thread runs the same call and claims rows from the shared counter.
  const threads = total >= THREADED_ELEMENTS && rows > 1 ? readyThreads() + 1 : 1;
  parallel(f.kernels.exports, dtype === 'float32' ? 'softmax_f32' : 'softmax_f64', Array.from({ length: threads }, () => [x, y, rows, n, next]));
  out.set(view(y) as Float32Array & Float64Array);
  return true;
}
