// The WebAssembly kernels' instances and their memories. Kernels do not own tensors: each fast op copies its operands
// into a scratch arena at the start of a memory, runs, and copies its result out (Note [Scratch arena]).
import type { TypedArray } from '../../core/dtype.ts';
import { decodeBase64 } from './base64.ts';
import { kernelsWasmBase64, unsharedKernelsWasmBase64 } from './generated/kernels-wasm.ts';

type Pointer = number;

/** The exports of assembly/index.ts (pointers are byte offsets; booleans are passed as 0/1). */
export interface KernelExports {
  pack_a_f32(src: Pointer, rs: number, cs: number, n: number, k: number, dst: Pointer): void;
  pack_a_f64(src: Pointer, rs: number, cs: number, n: number, k: number, dst: Pointer): void;
  pack_b_f32(src: Pointer, rs: number, cs: number, k: number, m: number, dst: Pointer): void;
  pack_b_f64(src: Pointer, rs: number, cs: number, k: number, m: number, dst: Pointer): void;
  gemm_f32(a: Pointer, b: Pointer, c: Pointer, n: number, k: number, m: number, next: Pointer): void;
  gemm_f64(a: Pointer, b: Pointer, c: Pointer, n: number, k: number, m: number, next: Pointer): void;
  binary_f32(op: number, a: Pointer, b: Pointer, out: Pointer, n0: number, n1: number, sa0: number, sa1: number, sb0: number, sb1: number): void;
  binary_f64(op: number, a: Pointer, b: Pointer, out: Pointer, n0: number, n1: number, sa0: number, sa1: number, sb0: number, sb1: number): void;
  binary_i32(op: number, a: Pointer, b: Pointer, out: Pointer, n0: number, n1: number, sa0: number, sa1: number, sb0: number, sb1: number): void;
  binary_i64(op: number, a: Pointer, b: Pointer, out: Pointer, n0: number, n1: number, sa0: number, sa1: number, sb0: number, sb1: number): void;
  unary_f32(op: number, x: Pointer, out: Pointer, n0: number, n1: number, s0: number, s1: number): void;
  unary_f64(op: number, x: Pointer, out: Pointer, n0: number, n1: number, s0: number, s1: number): void;
  unary_i32(op: number, x: Pointer, out: Pointer, n0: number, n1: number, s0: number, s1: number): void;
  unary_i64(op: number, x: Pointer, out: Pointer, n0: number, n1: number, s0: number, s1: number): void;
  threshold_backward_f32(s: Pointer, g: Pointer, out: Pointer, n: number, threshold: number): void;
  threshold_backward_f64(s: Pointer, g: Pointer, out: Pointer, n: number, threshold: number): void;
  sum_f32(x: Pointer, out: Pointer, nk: number, sk: number, nr: number, sr: number): void;
  sum_f64(x: Pointer, out: Pointer, nk: number, sk: number, nr: number, sr: number): void;
  extreme_f32(x: Pointer, values: Pointer, indices: Pointer, nk: number, sk: number, nr: number, sr: number, smallest: number): void;
  extreme_f64(x: Pointer, values: Pointer, indices: Pointer, nk: number, sk: number, nr: number, sr: number, smallest: number): void;
  softmax_f32(x: Pointer, out: Pointer, rows: number, n: number, next: Pointer): void;
  softmax_f64(x: Pointer, out: Pointer, rows: number, n: number, next: Pointer): void;
  log_softmax_stats_f32(x: Pointer, out: Pointer, stats: Pointer, rows: number, n: number, next: Pointer): void;
  log_softmax_stats_f64(x: Pointer, out: Pointer, stats: Pointer, rows: number, n: number, next: Pointer): void;
  log_softmax_finish_f32(x: Pointer, out: Pointer, stats: Pointer, rows: number, n: number, next: Pointer): void;
  log_softmax_finish_f64(x: Pointer, out: Pointer, stats: Pointer, rows: number, n: number, next: Pointer): void;
}
export type KernelName = keyof KernelExports;

const PAGE = 65536;
/** The memory's limits in pages, as declared by the module (build.mjs): 1 MiB to start, 1 GiB at most. */
const INITIAL_PAGES = 16;
const MAXIMUM_PAGES = 16384;

/** The parts of the WebAssembly API used here (the engine compiles without DOM or Node typings). */
export interface WasmMemory { readonly buffer: ArrayBufferLike; grow(pages: number): number }
export type WasmModule = object;
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Instance: new (module: WasmModule, imports: object) => { exports: object };
}

export interface Kernels {
  readonly module: WasmModule;
  readonly memory: WasmMemory;
  readonly exports: KernelExports;
}

/**
 * Note [Two memories]: the same kernels are built twice (build.mjs). Kernel threads need a shared memory, but
 * TypedArray.set to and from a SharedArrayBuffer runs at half the speed of a copy between ordinary buffers (its
 * copies must be atomic per element), and every fast op copies its operands in and its result out. So ops that run
 * on the calling thread alone use the instance over an ordinary memory, and only ops split across kernel threads
 * use the shared one. Each memory has its own arena; the two never hold the same op's data.
 */
const loaded: { shared?: Kernels | null; unshared?: Kernels | null } = {};

function instantiate(base64: string, shared: boolean): Kernels | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  try {
    if (!api) throw new Error('no WebAssembly');
    const module = new api.Module(decodeBase64(base64));
    const memory = new api.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared });
    const instance = new api.Instance(module, { env: { memory } });
    return { module, memory, exports: instance.exports as unknown as KernelExports };
  } catch {
    return null;
  }
}

/**
 * The kernels over a shared memory, for ops split across kernel threads (compiled once); null where WebAssembly, its
 * SIMD or shared memory is missing.
 */
export function kernels(): Kernels | null {
  if (loaded.shared === undefined) loaded.shared = instantiate(kernelsWasmBase64, true);
  return loaded.shared;
}

/** The kernels over an ordinary memory, for ops on the calling thread; null where WebAssembly or its SIMD is missing. */
export function unsharedKernels(): Kernels | null {
  if (loaded.unshared === undefined) loaded.unshared = instantiate(unsharedKernelsWasmBase64, false);
  return loaded.unshared;
}

/**
 * Note [Scratch arena]: one bump allocator per memory (Note [Two memories]), reset by every fast op before it copies its
 * operands in. Tensors stay in ordinary typed arrays that the garbage collector owns; the copies cost little next
 * to the kernels (matrix products), or are streamed through cache-sized chunks (elementwise maps). The memory
 * grows to the largest op's need and stays there; an op that would need more than the module's maximum runs the
 * reference kernel instead.
 */
export class Arena {
  private top = 0;
  private buffer: ArrayBufferLike;

  constructor(private readonly memory: WasmMemory) {
    this.buffer = memory.buffer;
  }

  reset(): void { this.top = 0; }

  /** A 64-byte aligned block, or -1 when the memory cannot hold it (or the system refuses to grow it). */
  alloc(bytes: number): Pointer {
    const start = Math.ceil(this.top / 64) * 64;
    const end = start + bytes;
    if (end > MAXIMUM_PAGES * PAGE) return -1;
    if (end > this.buffer.byteLength) {
      try {
        this.memory.grow(Math.ceil((end - this.buffer.byteLength) / PAGE));
      } catch {
        return -1;
      }
      this.buffer = this.memory.buffer;
    }
    this.top = end;
    return start;
  }

  /** A zeroed i32 in the arena: the work counter that threads claim blocks from. */
  counter(): Pointer {
    const pointer = this.alloc(4);
    if (pointer >= 0) this.resetCounter(pointer);
    return pointer;
  }

  resetCounter(pointer: Pointer): void { new Int32Array(this.buffer, pointer, 1)[0] = 0; }

  f32(pointer: Pointer, length: number): Float32Array { return new Float32Array(this.buffer, pointer, length); }
  f64(pointer: Pointer, length: number): Float64Array { return new Float64Array(this.buffer, pointer, length); }
  /** A view of the arena with the element type of `like` (a tensor's storage). */
  view<A extends TypedArray>(like: A, pointer: Pointer, length: number): A {
    return new (like.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => A)(this.buffer, pointer, length);
  }
}
