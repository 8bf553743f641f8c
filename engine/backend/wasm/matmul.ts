// Batched matrix products on the packed WebAssembly kernel (assembly/gemm.ts), shared with kernel threads by blocks
// from a size on. Inputs may have any strides (transposed operands in backward passes): packing reads them once.
import type { TypedArray } from '../../core/dtype.ts';
import type { StridedView } from '../cpu/kernels.ts';
import type { FloatName } from './elementwise.ts';
import { span } from './layout.ts';
import { fast } from './mode.ts';
import { parallel, readyThreads } from './threads.ts';

/** Multiply-adds below which the reference loop wins (about a 12 x 12 x 12 product). */
const MIN_WORK = 2048;
/** Multiply-adds per matrix from which both threads share it (about 0.3 ms of work on one core). */
const THREADED_WORK = 1 << 21;
const MR = 4;

const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

/** out[b] = a[b] @ b[b] for a: [B, n, k], b: [B, k, m] (strided), out contiguous [B, n, m]. */
export function wasmMatmul(dtype: FloatName, out: TypedArray, a: StridedView, b: StridedView): boolean {
  const [batch, n, k] = a.shape as [number, number, number];
  const m = b.shape[2]!;
  if (batch * n * k * m === 0) return false;
  const f = fast(batch * n * k * m, MIN_WORK, n * k * m >= THREADED_WORK);
  if (!f) return false;
  const size = dtype === 'float32' ? 4 : 8;
  const nr = 32 / size;
  const [rows, cols] = [roundUp(n, MR), roundUp(m, nr)];
  const aSpan = span(a);
  const bSpan = span(b);
  const aBase = f.arena.alloc((aSpan.high - aSpan.low + 1) * size);
  const bBase = f.arena.alloc((bSpan.high - bSpan.low + 1) * size);
  const packedA = f.arena.alloc(rows * k * size);
  const packedB = f.arena.alloc(k * cols * size);
  const c = f.arena.alloc(rows * cols * size);
  const next = f.arena.counter();
  if (aBase < 0 || bBase < 0 || packedA < 0 || packedB < 0 || c < 0 || next < 0) return false;
  const view = (pointer: number, length: number) => (size === 4 ? f.arena.f32(pointer, length) : f.arena.f64(pointer, length));
  view(aBase, aSpan.high - aSpan.low + 1).set(a.data.subarray(aSpan.low, aSpan.high + 1) as Float32Array & Float64Array);
  view(bBase, bSpan.high - bSpan.low + 1).set(b.data.subarray(bSpan.low, bSpan.high + 1) as Float32Array & Float64Array);
  const exports = f.kernels.exports;
  const [packA, packB, gemm] = dtype === 'float32'
    ? [exports.pack_a_f32, exports.pack_b_f32, 'gemm_f32' as const] : [exports.pack_a_f64, exports.pack_b_f64, 'gemm_f64' as const];
  const [sab, san, sak] = a.strides as [number, number, number];
  const [sbb, sbk, sbm] = b.strides as [number, number, number];
  const result = view(c, rows * cols);
  const threads = f.threaded ? readyThreads() + 1 : 1;
  for (let bi = 0; bi < batch; bi++) {
    packA(aBase + (a.offset - aSpan.low + bi * sab) * size, san, sak, n, k, packedA);
    packB(bBase + (b.offset - bSpan.low + bi * sbb) * size, sbk, sbm, k, m, packedB);
    // Every thread runs the same call and claims blocks of rows from the shared counter.
    if (bi > 0) f.arena.resetCounter(next);
    parallel(exports, gemm, Array.from({ length: threads }, () => [packedA, packedB, c, n, k, m, next]), f.threaded);
    if (cols === m) out.set(result.subarray(0, n * m) as Float32Array & Float64Array, bi * n * m);
    else for (let i = 0; i < n; i++) out.set(result.subarray(i * cols, i * cols + m) as Float32Array & Float64Array, (bi * n + i) * m);
  }
  return true;
}
