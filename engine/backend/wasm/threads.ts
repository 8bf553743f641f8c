// Kernel threads: more instances of the same module over the same shared memory, each waiting on its slot of a
// shared control array (Note [Kernel threads]). The engine starts no thread itself: it stays platform-neutral, and
// a host that has threads (Node's worker_threads: see extension/runner/kernel-threads.ts) installs them here.
import type { KernelExports, KernelName, Kernels, WasmMemory, WasmModule } from './module.ts';

/** What a host provides: a way to start a thread running `source` with `data` (structured-cloned to it). */
export interface ThreadHost {
  /** Starts one thread. `source` is a plain script that defines `runKernelThread(data)`; the host calls it. */
  spawn(source: string, data: KernelThreadData): void;
  /** Threads to start besides the calling thread (one per spare core). */
  readonly threads: number;
}

export interface KernelThreadData {
  module: WasmModule;
  memory: WasmMemory;
  control: Int32Array;
  slot: number;
  names: readonly KernelName[];
}

// Note [Kernel threads]: each thread owns SLOT words of the control array: READY (set once started), GO (the
// task's generation, bumped by the caller), DONE (the last generation finished), FAILED, FN (export index), ARGC
// and the arguments (i32: pointers and sizes). The caller writes a task, bumps GO and notifies; the thread runs it,
// stores DONE and notifies; the caller blocks in Atomics.wait meanwhile (allowed in Node's main thread and in
// workers). Until a thread has set READY, its share runs on the caller, so a slow start never blocks anything.
const SLOT = 32;
const READY = 0;
const GO = 1;
const DONE = 2;
const FAILED = 3;
const FN = 4;
const ARGC = 5;
const ARGS = 6;
/** How long the caller waits for a thread before giving up on threads (ms). */
const TIMEOUT_MS = 120_000;

const threadSource = `
function runKernelThread(data) {
  const { module, memory, control, slot, names } = data;
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const functions = names.map((name) => exports[name]);
  const base = slot * ${SLOT};
  let generation = 0;
  Atomics.store(control, base + ${READY}, 1);
  for (;;) {
    Atomics.wait(control, base + ${GO}, generation);
    generation = Atomics.load(control, base + ${GO});
    const args = [];
    for (let i = 0; i < control[base + ${ARGC}]; i++) args.push(control[base + ${ARGS} + i]);
    try {
      functions[control[base + ${FN}]](...args);
      control[base + ${FAILED}] = 0;
    } catch {
      control[base + ${FAILED}] = 1;
    }
    Atomics.store(control, base + ${DONE}, generation);
    Atomics.notify(control, base + ${DONE});
  }
}
`;

let host: ThreadHost | null = null;
let control: Int32Array | null = null;
let names: KernelName[] = [];
let enabled = true;

/** `useKernelThreads(false)` keeps every kernel on the calling thread (benchmarks compare both); returns the old setting. */
export function useKernelThreads(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/** Installs a host's threads (once; later calls are ignored). Kernels use them from the next large op on. */
export function installThreadHost(threadHost: ThreadHost, kernels: Kernels | null): void {
  if (host || !kernels || threadHost.threads < 1 || typeof SharedArrayBuffer === 'undefined') return;
  host = threadHost;
  names = Object.keys(kernels.exports).filter((n) => n !== 'memory') as KernelName[];
  control = new Int32Array(new SharedArrayBuffer(4 * SLOT * threadHost.threads));
  for (let slot = 0; slot < threadHost.threads; slot++) {
    threadHost.spawn(threadSource, { module: kernels.module, memory: kernels.memory, control, slot, names });
  }
}

/** Threads that have started and can take a share now (0 without a host). */
export function readyThreads(): number {
  if (!control || !host || !enabled) return 0;
  let ready = 0;
  for (let slot = 0; slot < host.threads; slot++) if (Atomics.load(control, slot * SLOT + READY) === 1) ready++;
  return ready;
}

/**
 * Calls `name` once per share: share 0 on the calling thread, the others on ready threads when `threaded` (the
 * kernels run over the shared memory), and waits for all.
 */
export function parallel(exports: KernelExports, name: KernelName, shares: readonly (readonly number[])[], threaded: boolean): void {
  const call = exports[name] as (...args: number[]) => void;
  const started: { base: number; generation: number }[] = [];
  const inline: (readonly number[])[] = [];
  let slot = 0;
  for (const share of shares.slice(1)) {
    const base = slot * SLOT;
    if (threaded && control && host && enabled && slot < host.threads && Atomics.load(control, base + READY) === 1) {
      control[base + FN] = names.indexOf(name);
      control[base + ARGC] = share.length;
      share.forEach((value, i) => { control![base + ARGS + i] = value; });
      const generation = Atomics.load(control, base + GO) + 1;
      Atomics.store(control, base + GO, generation);
      Atomics.notify(control, base + GO);
      started.push({ base, generation });
      slot++;
    } else {
      inline.push(share);
    }
  }
  if (shares.length > 0) call(...shares[0]!);
  for (const share of inline) call(...share);
  for (const { base, generation } of started) {
    for (let done = Atomics.load(control!, base + DONE); done !== generation; done = Atomics.load(control!, base + DONE)) {
      if (Atomics.wait(control!, base + DONE, done, TIMEOUT_MS) === 'timed-out') throw new Error('a kernel thread stopped answering');
    }
    if (control![base + FAILED]) throw new Error(`kernel ${name} failed on a kernel thread`);
  }
}
