// Bundles bench/gpu/check.ts into one ES module (default .gpu/gpu-check.mjs) that runs on a machine with only `node`
// and the carried `webgpu` package: `node bench/gpu/build.mjs [outfile]`.
import * as esbuild from 'esbuild';

const outfile = process.argv[2] ?? '.gpu/gpu-check.mjs';
await esbuild.build({
  entryPoints: ['bench/gpu/check.ts'], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  external: ['webgpu', 'esbuild'], logLevel: 'warning',
  // Node built-ins used by CommonJS code inside an ES module bundle.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
console.log(`built ${outfile}`);
