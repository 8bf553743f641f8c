// The WebAssembly SIMD fast path of the CPU backend (Note [Scratch arena], Note [Kernel threads]). Ops call these
// entry points first; each returns false when it does not apply (dtype, layout, size, mode, no SIMD), and the op
// then runs the reference kernel of engine/backend/cpu/kernels.ts.
import { kernels } from './module.ts';
import { installThreadHost as install, readyThreads, type ThreadHost } from './threads.ts';

export { wasmBinary, wasmThresholdBackward, wasmUnary, type BinaryKernel, type FloatName, type KernelDType, type UnaryKernel } from './elementwise.ts';
export { wasmMatmul } from './matmul.ts';
export { wasmExtreme, wasmReduce, type ReduceKernel } from './reduce.ts';
export { wasmSoftmax } from './softmax.ts';
export { kernelMode, setKernelMode, wasmAvailable, type KernelMode } from './mode.ts';
export { readyThreads, useKernelThreads, type KernelThreadData, type ThreadHost } from './threads.ts';

/** Lets large kernels run on `host`'s threads too (Node installs worker threads; see Note [Kernel threads]). */
export function installThreadHost(host: ThreadHost): void {
  install(host, kernels());
}

/** Whether kernel threads are installed and started. */
export function threadsReady(): boolean { return readyThreads() > 0; }
