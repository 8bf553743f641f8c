// The Node host's kernel threads: worker_threads running the engine's WebAssembly kernels over their shared memory
// (Note [Kernel threads] in engine/backend/wasm/threads.ts). The snippet worker and the benchmarks install them; the
// engine itself stays free of Node built-ins.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { installThreadHost } from '../../engine/backend/wasm/index.ts';

/** Starts one kernel thread per spare core (none on a single core). Safe to call more than once. */
export function installKernelThreads(threads = availableParallelism() - 1): void {
  installThreadHost({
    threads,
    spawn(source, data) {
      const worker = new Worker(`${source}\nrunKernelThread(require('node:worker_threads').workerData);`, { eval: true, workerData: data });
      // A thread that fails to start never reports ready, and its share of the work runs on the caller instead.
      worker.on('error', () => {});
      worker.unref();
    },
  });
}
