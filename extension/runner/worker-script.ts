// Where the worker's code comes from. A bundled build (dist/worker.mjs, from esbuild.mjs) sits next to the bundled
// host and is used as is. Running from source, the worker and the engine are bundled in memory once per process
// with esbuild, so that a worker starts by evaluating one script instead of loading dozens of TypeScript files.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A worker to start: a file, or CommonJS source evaluated in the thread. */
export type WorkerScript = { kind: 'file'; path: string } | { kind: 'eval'; code: string };

let fromSource: Promise<WorkerScript> | null = null;

export function defaultWorkerScript(): Promise<WorkerScript> {
  const bundled = fileURLToPath(new URL('./worker.mjs', import.meta.url));
  if (existsSync(bundled)) return Promise.resolve({ kind: 'file', path: bundled });
  fromSource ??= build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  }).then((result) => ({ kind: 'eval', code: result.outputFiles[0]!.text }));
  return fromSource;
}
