// Which kernels run: the WebAssembly SIMD kernels where they apply and pay off ('auto', the default), always where
// they apply ('wasm': tests use it to run every suite through them), or never ('reference': the readable TypeScript
// kernels of engine/backend/cpu). TENSOR_INSPECTOR_KERNELS=reference|wasm|auto selects it at start-up;
// `setKernelMode` changes it at run time.
import { Arena, kernels, type Kernels } from './module.ts';

export type KernelMode = 'auto' | 'wasm' | 'reference';

function fromEnvironment(): KernelMode {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.['TENSOR_INSPECTOR_KERNELS'];
  return value === 'reference' || value === 'wasm' ? value : 'auto';
}

let mode: KernelMode = fromEnvironment();
let arena: Arena | null = null;

/** `setKernelMode('reference')` forces the reference kernels; returns the previous mode. */
export function setKernelMode(next: KernelMode): KernelMode {
  const previous = mode;
  mode = next;
  return previous;
}

export function kernelMode(): KernelMode { return mode; }

/** Whether WebAssembly SIMD kernels can run here at all. */
export function wasmAvailable(): boolean { return kernels() !== null; }

export interface Fast { readonly kernels: Kernels; readonly arena: Arena }

/**
 * The kernels and a freshly reset arena for an op of `work` units, or null for the reference kernels: below
 * `threshold` the copies and the call cost more than they save ('auto' mode only).
 */
export function fast(work: number, threshold: number): Fast | null {
  if (mode === 'reference' || (mode === 'auto' && work < threshold)) return null;
  const loaded = kernels();
  if (!loaded) return null;
  arena ??= new Arena(loaded.memory);
  arena.reset();
  return { kernels: loaded, arena };
}
