// Elementwise maps on the WebAssembly kernels. The dispatcher (engine/ops/dispatch.ts) hands over ops whose
// declaration names a `wasm` kernel; the output is contiguous in the order the dispatcher walks it.
import type { TypedArray } from '../../core/dtype.ts';
import type { StridedView } from '../cpu/kernels.ts';
import { collapse, numel, span } from './layout.ts';
import { fast, type Fast } from './mode.ts';
import { parallel, readyThreads } from './threads.ts';

/** The unary maps with a WebAssembly kernel (ids as in assembly/elementwise.ts). */
const unaryIds = { neg: 0, abs: 1, sqrt: 2, relu: 3, exp: 4, log: 5, tanh: 6, sigmoid: 7 } as const;
const binaryIds = { add: 0, sub: 1, mul: 2, div: 3 } as const;
export type UnaryKernel = keyof typeof unaryIds;
export type BinaryKernel = keyof typeof binaryIds;
export type FloatName = 'float32' | 'float64';

/** Below this many elements the reference loop is faster than copying in and out (measured on this project's machine). */
const MIN_ELEMENTS = 1024;
/** The math maps cost more per element in JavaScript, so they pay off sooner. */
const MIN_MATH_ELEMENTS = 256;
/** Elements per streamed chunk: three chunks of doubles stay within L2. */
const CHUNK = 16384;
/** Math maps (exp, log, tanh, sigmoid) split across threads from this size on. */
const THREADED_MATH = 1 << 17;

function copyIn(f: Fast, view: StridedView, size: number): number {
  const { low, high } = span(view);
  const pointer = f.arena.alloc((high - low + 1) * size);
  if (pointer < 0) return -1;
  const target = size === 4 ? f.arena.f32(pointer, high - low + 1) : f.arena.f64(pointer, high - low + 1);
  target.set(view.data.subarray(low, high + 1) as Float32Array & Float64Array);
  return pointer + (view.offset - low) * size;
}

function outView(f: Fast, pointer: number, length: number, size: number): TypedArray {
  return size === 4 ? f.arena.f32(pointer, length) : f.arena.f64(pointer, length);
}

/**
 * Runs `block(offsets, outOffset, n0, n1, innerStrides)` over the collapsed shape two dims at a time; offsets are in
 * elements from each operand's base.
 */
function blocks(
  shape: readonly number[], strides: readonly (readonly number[])[],
  block: (offsets: number[], outOffset: number, n0: number, n1: number, inner: number[][]) => void,
): void {
  const rank = shape.length;
  const n1 = rank >= 1 ? shape[rank - 1]! : 1;
  const n0 = rank >= 2 ? shape[rank - 2]! : 1;
  const inner = strides.map((s) => [rank >= 2 ? s[rank - 2]! : 0, rank >= 1 ? s[rank - 1]! : 0]);
  const outer = shape.slice(0, Math.max(rank - 2, 0));
  const counter = outer.map(() => 0);
  const offsets = strides.map(() => 0);
  for (let outOffset = 0; ; outOffset += n0 * n1) {
    block(offsets, outOffset, n0, n1, inner);
    let d = outer.length - 1;
    for (; d >= 0; d--) {
      counter[d]!++;
      strides.forEach((s, i) => { offsets[i]! += s[d]!; });
      if (counter[d]! < outer[d]!) break;
      strides.forEach((s, i) => { offsets[i]! -= s[d]! * outer[d]!; });
      counter[d] = 0;
    }
    if (d < 0) return;
  }
}

/** out = op(x) on the WebAssembly kernels; false when they do not apply here (the caller runs the reference). */
export function wasmUnary(kernel: UnaryKernel, dtype: FloatName, out: TypedArray, x: StridedView): boolean {
  const n = numel(x.shape);
  const op = unaryIds[kernel];
  const math = op >= unaryIds.exp;
  const f = fast(n, math ? MIN_MATH_ELEMENTS : MIN_ELEMENTS);
  if (!f || n === 0) return false;
  const size = dtype === 'float32' ? 4 : 8;
  const run = dtype === 'float32' ? f.kernels.exports.unary_f32 : f.kernels.exports.unary_f64;
  const { shape, strides } = collapse(x.shape, [x.strides]);
  if (shape.length <= 1 && (strides[0]?.[0] ?? 1) === 1 && !(math && n >= THREADED_MATH && readyThreads() > 0)) {
    // Contiguous: streamed through the arena a chunk at a time.
    const input = f.arena.alloc(CHUNK * size);
    const output = f.arena.alloc(CHUNK * size);
    const inView = outView(f, input, CHUNK, size);
    const resultView = outView(f, output, CHUNK, size);
    for (let start = 0; start < n; start += CHUNK) {
      const length = Math.min(CHUNK, n - start);
      inView.set(x.data.subarray(x.offset + start, x.offset + start + length) as Float32Array & Float64Array);
      run(op, input, output, 1, length, 0, 1);
      out.set(resultView.subarray(0, length) as Float32Array & Float64Array, start);
    }
    return true;
  }
  const base = copyIn(f, x, size);
  const output = f.arena.alloc(n * size);
  if (base < 0 || output < 0) return false;
  const name = dtype === 'float32' ? 'unary_f32' : 'unary_f64';
  blocks(shape, strides, ([offset], outOffset, n0, n1, [[s0, s1]]) => {
    const x0 = base + offset! * size;
    const o0 = output + outOffset * size;
    if (!math || n0 * n1 < THREADED_MATH || readyThreads() === 0) { run(op, x0, o0, n0, n1, s0!, s1!); return; }
    // Split rows between threads, or a single row in two.
    const shares = n0 > 1
      ? [[op, x0, o0, n0 >> 1, n1, s0!, s1!], [op, x0 + (n0 >> 1) * s0! * size, o0 + (n0 >> 1) * n1 * size, n0 - (n0 >> 1), n1, s0!, s1!]]
      : [[op, x0, o0, 1, n1 >> 1, s0!, s1!], [op, x0 + (n1 >> 1) * s1! * size, o0 + (n1 >> 1) * size, 1, n1 - (n1 >> 1), s0!, s1!]];
    parallel(f.kernels.exports, name, shares);
  });
  out.set(outView(f, output, n, size) as Float32Array & Float64Array);
  return true;
}

/** out = a op b (both already broadcast to out's shape, broadcast dims at stride 0) on the WebAssembly kernels. */
export function wasmBinary(kernel: BinaryKernel, dtype: FloatName, out: TypedArray, a: StridedView, b: StridedView): boolean {
  const n = numel(a.shape);
  const f = fast(n, MIN_ELEMENTS);
  if (!f || n === 0) return false;
  const size = dtype === 'float32' ? 4 : 8;
  const run = dtype === 'float32' ? f.kernels.exports.binary_f32 : f.kernels.exports.binary_f64;
  const op = binaryIds[kernel];
  const { shape, strides } = collapse(a.shape, [a.strides, b.strides]);
  const [sa, sb] = [strides[0]![0] ?? 1, strides[1]![0] ?? 1];
  if (shape.length <= 1 && (sa === 0 || sa === 1) && (sb === 0 || sb === 1)) {
    const pa = f.arena.alloc(CHUNK * size);
    const pb = f.arena.alloc(CHUNK * size);
    const po = f.arena.alloc(CHUNK * size);
    const [aView, bView, oView] = [pa, pb, po].map((p) => outView(f, p, CHUNK, size)) as [TypedArray, TypedArray, TypedArray];
    if (sa === 0) aView[0] = a.data[a.offset]!;
    if (sb === 0) bView[0] = b.data[b.offset]!;
    for (let start = 0; start < n; start += CHUNK) {
      const length = Math.min(CHUNK, n - start);
      if (sa === 1) aView.set(a.data.subarray(a.offset + start, a.offset + start + length) as Float32Array & Float64Array);
      if (sb === 1) bView.set(b.data.subarray(b.offset + start, b.offset + start + length) as Float32Array & Float64Array);
      run(op, pa, pb, po, 1, length, 0, sa, 0, sb);
      out.set(oView.subarray(0, length) as Float32Array & Float64Array, start);
    }
    return true;
  }
  const baseA = copyIn(f, a, size);
  const baseB = copyIn(f, b, size);
  const output = f.arena.alloc(n * size);
  if (baseA < 0 || baseB < 0 || output < 0) return false;
  blocks(shape, strides, ([offsetA, offsetB], outOffset, n0, n1, [[sa0, sa1], [sb0, sb1]]) => {
    run(op, baseA + offsetA! * size, baseB + offsetB! * size, output + outOffset * size, n0, n1, sa0!, sa1!, sb0!, sb1!);
  });
  out.set(outView(f, output, n, size) as Float32Array & Float64Array);
  return true;
}
