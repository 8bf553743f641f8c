// Builds what a VS Code test run loads: every bundle of esbuild.mjs (the extension host, the runner's worker, the
// TypeScript plugin, the inspector UI), the engine's typings, and the mocha suite as one CommonJS file that the
// extension host requires (`vscode` and `mocha` resolved at run time).
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from '../../esbuild.mjs';
import { buildTypes } from '../build-types.mjs';
import { cacheDir } from './install.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds everything and returns the path of the suite's bundle. */
export async function buildForTests() {
  await buildAll();
  buildTypes();
  const suite = join(cacheDir, 'out', 'suite.cjs');
  await esbuild.build({
    entryPoints: [join(root, 'test', 'extension', 'vscode', 'suite', 'index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return suite;
}
