// `npm run package`: builds everything and packs the extension into dist/tensor-inspector-VERSION-TARGET.vsix with
// @vscode/vsce. The package is per platform: it carries esbuild's native binary (the runner compiles snippets with
// it) and WebGPU's (the `webgpu` package's dawn.node) for the machine it is built on. .vscodeignore lists what ships;
// this adds the platform's WebGPU folder to it.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from '../esbuild.mjs';
import { buildTypes } from './build-types.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const target = `${process.platform}-${process.arch}`;
const webgpuFolder = process.platform === 'darwin' ? 'darwin-universal' : target;
const out = join(root, 'dist', `tensor-inspector-${version}-${target}.vsix`);

await buildAll();
buildTypes();
const ignoreFile = join(root, 'dist', '.vscodeignore');
writeFileSync(ignoreFile, `${readFileSync(join(root, '.vscodeignore'), 'utf8')}!node_modules/webgpu/package.json
!node_modules/webgpu/index.js
!node_modules/webgpu/dist/${webgpuFolder}/**
`);
rmSync(out, { force: true });
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [
  vsce, 'package', '--target', target, '--ignoreFile', ignoreFile, '--out', out,
  // The README's links point into the repository, which has no public URL to rewrite them against.
  '--no-rewrite-relative-links', '--allow-missing-repository', '--skip-license',
], { cwd: root, stdio: 'inherit' });
rmSync(ignoreFile, { force: true });
if (result.status !== 0) process.exit(result.status ?? 1);
console.log(`${out}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB`);
