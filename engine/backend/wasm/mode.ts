// Which kernels run: the WebAssembly SIMD kernels where they apply and pay off ('auto', the default), always where
// they apply ('wasm': tests use it to run every suite through them), or never ('reference': the readable TypeScript
// kernels of engine/backend/cpu). TENSOR_INSPECTOR_KERNELS=reference|wasm|auto selects it at start-up;
// `setKernelMode` changes it at run time.
import { Arena, kernels, type Kernels, unsharedKernels } from './module.ts';
import { readyThreads } from './threads.ts';

export type KernelMode = 'auto' | 'wasm' | 'reference';

function fromEnvironment(): KernelMode {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.['TENSOR_INSPECTOR_KERNELS'];
  return value === 'reference' || value === 'wasm' ? value : 'auto';
}

let mode: KernelMode = fromEnvironment();
const arenas = new Map<Kernels, Arena>();

/** `setKernelMode('reference')` forces the reference kernels; returns the previous mode. */
export function setKernelMode(next: KernelMode): KernelMode {
  const previous = mode;
  mode = next;
  return previous;
}

export function kernelMode(): KernelMode { return mode; }

/** Whether WebAssembly SIMD kernels can run here at all. */
export function wasmAvailable(): boolean { return unsharedKernels() !== null; }

export interface Fast {
  readonly kernels: Kernels;
  readonly arena: Arena;
  /** Whether kernel threads can share this op: its memory is the shared one and a thread is ready. */
  readonly threaded: boolean;
}

/**
 * The kernels and a freshly reset arena for an op of `work` units, or null for the reference kernels: below
 * `threshold` the copies and the call cost more than they save ('auto' mode only). An op that `wantsThreads` gets
 * the shared memory when a kernel thread is ready, the ordinary one otherwise (Note [Two memories]).
 */
export function fast(work: number, threshold: number, wantsThreads = false): Fast | null {
  if (mode === 'reference' || (mode === 'auto' && work < threshold)) return null;
  const shared = wantsThreads && readyThreads() > 0 ? kernels() : null;
  const loaded = shared ?? unsharedKernels();
  if (!loaded) return null;
  let arena = arenas.get(loaded);
  if (!arena) arenas.set(loaded, arena = new Arena(loaded.memory));
  arena.reset();
  return { kernels: loaded, arena, threaded: shared !== null };
}
