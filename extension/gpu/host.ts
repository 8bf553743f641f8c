// The Node host of the WebGPU device thread: starts extension/gpu/device-worker.ts in a worker thread. A bundled
// build (dist/gpu-device.mjs from esbuild.mjs) sits next to the bundle that loads this; from source, the worker is
// bundled once per process with esbuild (the `webgpu` package stays external: it is a native module).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type DeviceCommand, type DeviceThread, type GpuHost, replyHeaderBytes, replyPending } from '../../engine/backend/webgpu/protocol.ts';

let sourceBundle: string | null = null;

function workerScript(): string {
  const bundled = fileURLToPath(new URL('./gpu-device.mjs', import.meta.url));
  if (existsSync(bundled)) return bundled;
  if (sourceBundle !== null) return sourceBundle;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  // Inside node_modules, so that the bundle's `import 'webgpu'` resolves to the project's copy.
  const dir = join(root, 'node_modules', '.cache', 'tensor-inspector');
  mkdirSync(dir, { recursive: true });
  // Loaded only here, and not bundled into a bundle that contains this file (esbuild finds its binary itself).
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const result = buildSync({
    entryPoints: [join(root, 'extension/gpu/device-worker.ts')], bundle: true, platform: 'node', format: 'esm',
    target: 'node20', external: ['webgpu'], write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  // Named by content: processes that build the same sources share one file; a half-written file is never used.
  const outfile = join(dir, `gpu-device.${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(outfile)) {
    const temporary = `${outfile}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, outfile);
  }
  sourceBundle = outfile;
  return outfile;
}

/**
 * Dawn reads these through getenv, which only the main thread's `process.env` reaches (a worker's is a copy): the
 * process that starts snippet workers calls this first. Headless EGL needs the surfaceless platform (Dawn's OpenGL ES
 * fallback), and a private runtime folder silences a harmless warning.
 */
export function prepareGpuEnvironment(): void {
  process.env['EGL_PLATFORM'] ??= 'surfaceless';
  process.env['XDG_RUNTIME_DIR'] ??= mkdtempSync(join(tmpdir(), 'tensor-inspector-xdg-'));
}

/**
 * A host whose device threads run `script` (a module that runs extension/gpu/device-worker.ts) with `workerData`
 * extended by `data`; a single-file bundle passes its own URL (bench/gpu/check.ts).
 */
export function nodeGpuHostFor(script: () => string | URL, data: Record<string, unknown> = {}): GpuHost {
  return {
    start(): DeviceThread {
      prepareGpuEnvironment();
      const dumpWgsl = process.env['TENSOR_INSPECTOR_DUMP_WGSL'] === '1';
      const worker = new Worker(script(), { workerData: { ...data, dumpWgsl } });
      // The device thread never keeps the process alive: the snippet's thread is the one that decides.
      worker.unref();
      worker.on('error', (error) => process.stderr.write(`WebGPU device thread failed: ${String(error)}\n`));
      let closed = false;
      // Dawn's native objects must go before the thread does (else its teardown can abort the process): the device
      // is destroyed on request, waited for here, also when the process exits.
      const close = (): void => {
        if (closed) return;
        closed = true;
        process.off('exit', close);
        const reply = new SharedArrayBuffer(replyHeaderBytes + 64);
        worker.postMessage({ type: 'shutdown', reply } satisfies DeviceCommand);
        Atomics.wait(new Int32Array(reply, 0, 2), 0, replyPending, 5000);
        void worker.terminate();
      };
      process.on('exit', close);
      return {
        post: (command: DeviceCommand, transfer?: ArrayBuffer[]) => worker.postMessage(command, transfer ?? []),
        close,
      };
    },
  };
}

/** Starts device threads in this process; `TENSOR_INSPECTOR_DUMP_WGSL=1` prints every generated kernel. */
export const nodeGpuHost: GpuHost = nodeGpuHostFor(workerScript);
