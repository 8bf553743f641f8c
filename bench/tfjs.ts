// TensorFlow.js for the benchmarks, bundled once with esbuild: its gradients (needed for a training step) ship only as
// ES modules that Node cannot load directly, and its WebAssembly backend reads its .wasm files from node_modules
// (no network). The CPU and WebAssembly backends register themselves; under Node the latter runs one thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type * as TF from '@tensorflow/tfjs-core';

export async function loadTfjs(): Promise<typeof TF> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const wasmDist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  const outfile = join(root, 'bench', 'results', 'tfjs-bundle.mjs');
  await esbuild.build({
    stdin: {
      contents: `export * from '@tensorflow/tfjs-core';
        import '@tensorflow/tfjs-core/dist/register_all_gradients';
        import '@tensorflow/tfjs-backend-cpu';
        import '@tensorflow/tfjs-backend-wasm';`,
      resolveDir: root, loader: 'js',
    },
    bundle: true, platform: 'node', format: 'esm', outfile, mainFields: ['module', 'main'], logLevel: 'error',
    // The Emscripten loader looks for its .wasm next to `__dirname`: point it at the package's own files.
    banner: { js: `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); ` +
      `const __dirname = ${JSON.stringify(wasmDist)}; const __filename = __dirname + '/index.js';` },
  });
  return (await import(pathToFileURL(outfile).href)) as typeof TF;
}
