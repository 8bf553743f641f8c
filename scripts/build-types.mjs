// Builds the engine's declarations for snippet files (the TypeScript plugin adds them to a snippet's program):
// `tsc --declaration --emitDeclarationOnly` into dist/types/engine, and dist/types/snippet-globals.d.ts, which
// declares the runner's globals `torch` and `F` and references every emitted file (the op files' Tensor method
// augmentations are reached only through imports that declaration emit drops).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const typesDir = join(root, 'dist', 'types');

function declarations(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? declarations(path) : name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Declaration emit drops an inline `type Tensor` specifier from a mixed import (`import { emptyTensor, type Tensor }`)
 * in a file that also augments Tensor's interface, leaving `Tensor` unresolved there: import it again.
 */
function restoreTensorImport(file, outDir) {
  const text = readFileSync(file, 'utf8');
  if (!/\bTensor\b/.test(text) || /import[^;]*\bTensor\b[^;]*from/.test(text) || /^export declare class Tensor\b/m.test(text)) return;
  const tensorModule = relative(dirname(file), join(outDir, 'engine', 'core', 'tensor.ts')).replace(/\\/g, '/');
  writeFileSync(file, `import type { Tensor } from '${tensorModule.startsWith('.') ? tensorModule : `./${tensorModule}`}';\n${text}`);
}

/** Builds into a folder of its own and moves it into place, so that a TypeScript server never reads a half-built tree. */
export function buildTypes() {
  const building = `${typesDir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.types.json'), '--outDir', building], { encoding: 'utf8' });
  const count = writeGlobals(building, result);
  rmSync(typesDir, { recursive: true, force: true });
  renameSync(building, typesDir);
  return count;
}

function writeGlobals(outDir, result) {
  const index = join(outDir, 'engine', 'index.d.ts');
  // Type errors are the typecheck's to report; declarations are still emitted for a tree that has some.
  if (result.status !== 0) process.stderr.write(`build-types: tsc reported errors; declarations emitted anyway:\n${result.stdout}`);
  if (!existsSync(index)) throw new Error(`build-types: ${index} was not emitted\n${result.stdout}${result.stderr}`);
  const files = declarations(join(outDir, 'engine'));
  for (const file of files) restoreTensorImport(file, outDir);
  const references = files.map((file) => `/// <reference path="./${relative(outDir, file).replace(/\\/g, '/')}" />`);
  writeFileSync(join(outDir, 'snippet-globals.d.ts'), `${references.sort().join('\n')}
// The globals a snippet sees (the runner's worker defines them).
import type { F as Functional, torch as Torch } from './engine/index.ts';

declare global {
  const torch: typeof Torch;
  const F: typeof Functional;
}
`);
  return references.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`built dist/types: ${buildTypes()} declaration files`);
}
