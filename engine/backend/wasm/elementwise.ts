// Elementwise maps on the WebAssembly kernels. The dispatcher (engine/ops/dispatch.ts) hands over ops whose
// declaration names a `wasm` kernel; the output is contiguous in the order the dispatcher walks it.
import type { TypedArray } from '../../core/dtype.ts';
import type { StridedView } from '../cpu/kernels.ts';
import { collapse, numel, span } from './layout.ts';
import { fast, type Fast } from './mode.ts';
import { parallel } from './threads.ts';

/** The unary maps with a WebAssembly kernel (ids as in assembly/elementwise.ts). */
const unaryIds = { neg: 0, abs: 1, sqrt: 2, relu: 3, exp: 4, log: 5, tanh: 6, sigmoid: 7, copy: 8 } as const;
const binaryIds = { add: 0, sub: 1, mul: 2, div: 3 } as const;
export type UnaryKernel = keyof typeof unaryIds;
export type BinaryKernel = keyof typeof binaryIds;
export type FloatName = 'float32' | 'float64';
/** The dtypes elementwise kernels compute in: int64 as integers held in doubles (exact within 2^53). */
export type KernelDType = FloatName | 'int32' | 'int64';

const suffix = { float32: 'f32', float64: 'f64', int32: 'i32', int64: 'i64' } as const;
/** What integer kernels compute exactly as the reference does (int32 wraps; int64 holds integers in doubles). */
const integerUnary: ReadonlySet<UnaryKernel> = new Set(['neg', 'abs', 'relu', 'copy']);
const integerBinary: ReadonlySet<BinaryKernel> = new Set(['add', 'sub', 'mul']);

/** Below this many elements the reference loop is faster than copying in and out (measured on this project's machine). */
const MIN_ELEMENTS = 1024;
/** The math maps cost more per element in JavaScript, so they pay off sooner. */
const MIN_MATH_ELEMENTS = 256;
/**
 * Bytes per operand of a streamed chunk. Each chunk costs a few typed-array views and calls, so larger chunks win
 * until the three of them stop fitting in cache (measured: 1 MiB beat 64 KiB to 512 KiB at 1M and 16M floats).
 */
const CHUNK_BYTES = 1 << 20;
/** Math maps (exp, log, tanh, sigmoid) split across threads from this size on. */
const THREADED_MATH = 1 << 17;

const elementSize = (dtype: KernelDType) => (dtype === 'float32' || dtype === 'int32' ? 4 : 8);

function copyIn(f: Fast, view: StridedView, size: number): number {
  const { low, high } = span(view);
  const pointer = f.arena.alloc((high - low + 1) * size);
  if (pointer < 0) return -1;
  f.arena.view(view.data, pointer, high - low + 1).set(view.data.subarray(low, high + 1) as Float32Array & Float64Array);
  return pointer + (view.offset - low) * size;
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

/**
 * Streams contiguous (or single-value, stride 0) operands through the arena a chunk at a time: each operand chunk is
 * copied in once, `run(pointers, output, length)` computes, and the result chunk goes straight to `out` with one set.
 */
function streamed(f: Fast, out: TypedArray, operands: readonly StridedView[], unit: readonly boolean[], n: number, size: number,
  run: (pointers: number[], output: number, length: number) => void): boolean {
  const chunk = Math.min(n, CHUNK_BYTES / size);
  const pointers = operands.map(() => f.arena.alloc(chunk * size));
  const output = f.arena.alloc(chunk * size);
  if (output < 0 || pointers.some((p) => p < 0)) return false;
  const views = operands.map((o, i) => f.arena.view(o.data, pointers[i]!, chunk));
  operands.forEach((o, i) => { if (!unit[i]) views[i]![0] = o.data[o.offset]!; });
  const result = f.arena.view(out, output, chunk);
  for (let start = 0; start < n; start += chunk) {
    const length = Math.min(chunk, n - start);
    operands.forEach((o, i) => {
      if (unit[i]) views[i]!.set(o.data.subarray(o.offset + start, o.offset + start + length) as Float32Array & Float64Array);
    });
    run(pointers, output, length);
    out.set((length === chunk ? result : result.subarray(0, length)) as Float32Array & Float64Array, start);
  }
  return true;
}

/** out = op(x) on the WebAssembly kernels; false when they do not apply here (the caller runs the reference). */
export function wasmUnary(kernel: UnaryKernel, dtype: KernelDType, out: TypedArray, x: StridedView): boolean {
  const integral = dtype === 'int32' || dtype === 'int64';
  if (integral && !integerUnary.has(kernel)) return false;
  const n = numel(x.shape);
  const op = unaryIds[kernel];
  const math = op >= unaryIds.exp;
  const f = fast(n, math ? MIN_MATH_ELEMENTS : MIN_ELEMENTS, math && n >= THREADED_MATH);
  if (!f || n === 0) return false;
  const size = elementSize(dtype);
  const name = `unary_${suffix[dtype]}` as const;
  const run = f.kernels.exports[name];
  const { shape, strides } = collapse(x.shape, [x.strides]);
  if (shape.length <= 1 && (strides[0]?.[0] ?? 1) === 1 && !f.threaded) {
    return streamed(f, out, [x], [true], n, size, ([input], output, length) => run(op, input!, output, 1, length, 0, 1));
  }
  const base = copyIn(f, x, size);
  const output = f.arena.alloc(n * size);
  if (base < 0 || output < 0) return false;
  blocks(shape, strides, ([offset], outOffset, n0, n1, [[s0, s1]]) => {
    const x0 = base + offset! * size;
    const o0 = output + outOffset * size;
    if (!f.threaded || n0 * n1 < THREADED_MATH) { run(op, x0, o0, n0, n1, s0!, s1!); return; }
    // Split rows between threads, or a single row in two.
    const shares = n0 > 1
      ? [[op, x0, o0, n0 >> 1, n1, s0!, s1!], [op, x0 + (n0 >> 1) * s0! * size, o0 + (n0 >> 1) * n1 * size, n0 - (n0 >> 1), n1, s0!, s1!]]
      : [[op, x0, o0, 1, n1 >> 1, s0!, s1!], [op, x0 + (n1 >> 1) * s1! * size, o0 + (n1 >> 1) * size, 1, n1 - (n1 >> 1), s0!, s1!]];
    parallel(f.kernels.exports, name, shares, f.threaded);
  });
  out.set(f.arena.view(out, output, n) as Float32Array & Float64Array);
  return true;
}

/** out = a op b (both already broadcast to out's shape, broadcast dims at stride 0) on the WebAssembly kernels. */
export function wasmBinary(kernel: BinaryKernel, dtype: KernelDType, out: TypedArray, a: StridedView, b: StridedView): boolean {
  if ((dtype === 'int32' || dtype === 'int64') && !integerBinary.has(kernel)) return false;
  const n = numel(a.shape);
  const f = fast(n, MIN_ELEMENTS);
  if (!f || n === 0) return false;
  const size = elementSize(dtype);
  const run = f.kernels.exports[`binary_${suffix[dtype]}`];
  const op = binaryIds[kernel];
  const { shape, strides } = collapse(a.shape, [a.strides, b.strides]);
  const [sa, sb] = [strides[0]![0] ?? 1, strides[1]![0] ?? 1];
  if (shape.length <= 1 && (sa === 0 || sa === 1) && (sb === 0 || sb === 1)) {
    return streamed(f, out, [a, b], [sa === 1, sb === 1], n, size,
      ([pa, pb], output, length) => run(op, pa!, pb!, output, 1, length, 0, sa, 0, sb));
  }
  const baseA = copyIn(f, a, size);
  const baseB = copyIn(f, b, size);
  const output = f.arena.alloc(n * size);
  if (baseA < 0 || baseB < 0 || output < 0) return false;
  blocks(shape, strides, ([offsetA, offsetB], outOffset, n0, n1, [[sa0, sa1], [sb0, sb1]]) => {
    run(op, baseA + offsetA! * size, baseB + offsetB! * size, output + outOffset * size, n0, n1, sa0!, sa1!, sb0!, sb1!);
  });
  out.set(f.arena.view(out, output, n) as Float32Array & Float64Array);
  return true;
}

/**
 * out = saved <= threshold ? 0 : grad over contiguous float operands of one length (relu's and threshold's
 * gradient), streamed through the arena; false when the fast kernels do not apply here.
 */
export function wasmThresholdBackward(dtype: FloatName, out: TypedArray, saved: StridedView, grad: StridedView, threshold: number): boolean {
  const n = numel(saved.shape);
  const f = fast(n, MIN_ELEMENTS);
  if (!f || n === 0) return false;
  const run = f.kernels.exports[dtype === 'float32' ? 'threshold_backward_f32' : 'threshold_backward_f64'];
  return streamed(f, out, [saved, grad], [true, true], n, elementSize(dtype), ([s, g], output, length) => run(s!, g!, output, length, threshold));
}
