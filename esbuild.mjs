// One build script, one entry per runtime. `node esbuild.mjs` builds everything into dist/.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildKernels } from './engine/backend/wasm/build.mjs';

/** The engine as a platform-neutral module: it must build without Node built-ins or the DOM (a hard boundary). */
const engine = {
  entryPoints: ['engine/index.ts'],
  outfile: 'dist/engine.mjs',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
};

const builds = [engine];

/** Entries of the other runtimes are added as their folders gain entry points. */
const optional = [
  // The CLI loads esbuild (to transpile snippets) at run time: keep npm packages external, not bundled.
  { entryPoints: ['extension/cli/main.ts'], outfile: 'dist/cli.mjs', platform: 'node', format: 'esm', packages: 'external' },
  { entryPoints: ['extension/runner/worker.ts'], outfile: 'dist/worker.mjs', platform: 'node', format: 'esm' },
  // The WebGPU device thread, found beside dist/worker.mjs; `webgpu` (Dawn's native module) loads from node_modules.
  { entryPoints: ['extension/gpu/device-worker.ts'], outfile: 'dist/gpu-device.mjs', platform: 'node', format: 'esm', external: ['webgpu'] },
  // The VS Code extension host: CommonJS, `vscode` from the host, and esbuild from node_modules (its native binary
  // cannot be bundled). `import.meta.url` is the bundle's own URL, so the runner finds dist/worker.mjs beside it.
  {
    entryPoints: ['extension/host/main.ts'], outfile: 'dist/extension.cjs', platform: 'node', format: 'cjs',
    external: ['vscode', 'esbuild'], define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
  // The TypeScript server plugin that gives snippet files the engine's typings (dist/types, scripts/build-types.mjs).
  { entryPoints: ['extension/typescript-plugin/plugin.cts'], outfile: 'dist/typescript-plugin.cjs', platform: 'node', format: 'cjs' },
];
for (const build of optional) {
  if (existsSync(build.entryPoints[0])) builds.push({ bundle: true, target: 'node20', sourcemap: true, ...build });
}

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The inspector webview: one browser script, `dist/webview/inspector.js`, for the VS Code panel and the standalone
 * page. The graph layout worker is built first and carried inside that script as text (Note [Layout worker] in
 * webview/layout/client.ts). With `write: false` it returns the script instead; `inputs` lists the source files.
 */
export async function buildWebview({ write = true } = {}) {
  const browser = { bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none',
    charset: 'ascii', metafile: true, absWorkingDir: root, logLevel: 'warning' };
  const worker = await esbuild.build({ ...browser, entryPoints: ['webview/layout/worker.ts'], write: false });
  const workerSource = {
    name: 'layout-worker-source',
    setup(build) {
      build.onResolve({ filter: /^layout-worker-source$/ }, () => ({ path: 'layout-worker-source', namespace: 'layout-worker' }));
      build.onLoad({ filter: /.*/, namespace: 'layout-worker' }, () => ({ contents: worker.outputFiles[0].text, loader: 'text' }));
    },
  };
  const page = await esbuild.build({
    ...browser, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/inspector.js', write, plugins: [workerSource],
  });
  const inputs = [...new Set([...Object.keys(worker.metafile.inputs), ...Object.keys(page.metafile.inputs)])].filter((i) => !i.includes(':'));
  return { code: write ? null : page.outputFiles[0].text, inputs };
}

export async function buildAll() {
  // The engine imports the WebAssembly kernels' generated module: compile them first.
  await buildKernels();
  await Promise.all([
    ...builds.map((options) => esbuild.build({ logLevel: 'warning', ...options })),
    existsSync(new URL('webview/main.ts', import.meta.url)) ? buildWebview() : null,
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll();
  console.log(`built ${[...builds.map((b) => b.outfile), 'dist/webview/inspector.js'].join(', ')}`);
}
