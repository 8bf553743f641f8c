// The WebAssembly kernels' instance and its memory. Kernels do not own tensors: each fast op copies its operands
// into a scratch arena at the start of the shared memory, runs, and copies its result out (Note [Scratch arena]).
import { decodeBase64 } from './base64.ts';
import { kernelsWasmBase64 } from './generated/kernels-wasm.ts';

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
  unary_f32(op: number, x: Pointer, out: Pointer, n0: number, n1: number, s0: number, s1: number): void;
  unary_f64(op: number, x: Pointer, out: Pointer, n0: number, n1: number, s0: number, s1: number): void;
  sum_f32(x: Pointer, out: Pointer, nk: number, sk: number, nr: number, sr: number): void;
  sum_f64(x: Pointer, out: Pointer, nk: number, sk: number, nr: number, sr: number): void;
  extreme_f32(x: Pointer, values: Pointer, indices: Pointer, nk: number, sk: number, nr: number, sr: number, smallest: number): void;
  extreme_f64(x: Pointer, values: Pointer, indices: Pointer, nk: number, sk: number, nr: number, sr: number, smallest: number): void;
  softmax_f32(x: Pointer, out: Pointer, rows: number, n: number, next: Pointer): void;
  softmax_f64(x: Pointer, out: Pointer, rows: number, n: number, next: Pointer): void;
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

let loaded: Kernels | null | undefined;

/**
 * Compiles and instantiates the kernels once; null where WebAssembly, its SIMD or shared memory is missing (the
 * engine then runs the reference kernels).
 */
export function kernels(): Kernels | null {
  if (loaded !== undefined) return loaded;
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  try {
    if (!api) throw new Error('no WebAssembly');
    const module = new api.Module(decodeBase64(kernelsWasmBase64));
    const memory = new api.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
    const instance = new api.Instance(module, { env: { memory } });
    loaded = { module, memory, exports: instance.exports as unknown as KernelExports };
  } catch {
    loaded = null;
  }
  return loaded;
}

/**
 * Note [Scratch arena]: one bump allocator over the shared memory, reset by every fast op before it copies its
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
}
