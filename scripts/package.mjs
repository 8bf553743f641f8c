// `npm run package [-- --target TARGET | --all] [--out DIR]`: builds everything and packs the extension into
// DIR/tensor-inspector-VERSION-TARGET.vsix (DIR: dist/) with @vscode/vsce, one package per VS Code target; without a
// flag, for this machine. A package carries its platform's native binaries only: esbuild's (the runner compiles
// snippets with it) and WebGPU's (Dawn's dawn.node in the `webgpu` package, which holds every platform's folder).
// .vscodeignore lists what ships; this adds the target's native files to it.
//
// Note [esbuild for another platform]: npm installs esbuild's binary for this machine only. For another target the
// binary comes from the npm registry while packaging (`npm pack @esbuild/TARGET@VERSION`, checked against
// package-lock.json's integrity), cached in node_modules/.cache/esbuild-binaries/, and sits in
// node_modules/@esbuild/TARGET only while vsce packs (vsce takes node_modules files from `npm list`, which lists it as
// esbuild's optional dependency). The extension never downloads anything.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { buildAll } from '../esbuild.mjs';
import { buildTypes } from './build-types.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

/** VS Code's target names (vsce's `--target`) -> the `webgpu` folder and esbuild's binary inside its package. */
export const targets = {
  'linux-x64': { webgpu: 'linux-x64', esbuildBinary: 'bin/esbuild' },
  'linux-arm64': { webgpu: 'linux-arm64', esbuildBinary: 'bin/esbuild' },
  'win32-x64': { webgpu: 'win32-x64', esbuildBinary: 'esbuild.exe' },
  'win32-arm64': { webgpu: 'win32-arm64', esbuildBinary: 'esbuild.exe' },
  'darwin-x64': { webgpu: 'darwin-universal', esbuildBinary: 'bin/esbuild' },
  'darwin-arm64': { webgpu: 'darwin-universal', esbuildBinary: 'bin/esbuild' },
};
export const hostTarget = `${process.platform}-${process.arch}`;

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** The files of a gzipped tarball whose names (without npm's `package/` prefix) are in `names`. */
function readTarball(tgz, names) {
  const tar = gunzipSync(tgz);
  const files = new Map();
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const text = (start, end) => header.subarray(start, end).toString('utf8').replace(/\0.*$/s, '');
    const name = [text(345, 500), text(0, 100)].filter(Boolean).join('/').replace(/^package\//, '');
    const size = parseInt(text(124, 136).trim() || '0', 8);
    const mode = parseInt(text(100, 108).trim() || '644', 8);
    if (names.includes(name)) files.set(name, { data: tar.subarray(offset + 512, offset + 512 + size), mode });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/**
 * The folder holding `package.json` and the binary of esbuild's package for `target` (Note [esbuild for another
 * platform]): node_modules itself for this machine, else the cache, filled from the npm registry when empty.
 */
function esbuildPackage(target) {
  const name = `@esbuild/${target}`;
  const version = readJson(join(root, 'node_modules', 'esbuild', 'package.json')).version;
  const installed = join(root, 'node_modules', name);
  const { esbuildBinary } = targets[target];
  if (existsSync(join(installed, esbuildBinary)) && readJson(join(installed, 'package.json')).version === version) return installed;
  const cached = join(root, 'node_modules', '.cache', 'esbuild-binaries', version, target);
  if (existsSync(join(cached, esbuildBinary))) return cached;
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  const download = mkdtempSync(join(root, 'node_modules', '.cache', 'esbuild-pack-'));
  try {
    const packed = spawnSync('npm', ['pack', `${name}@${version}`, '--pack-destination', download, '--prefer-offline', '--loglevel=error'], {
      cwd: download, encoding: 'utf8', shell: process.platform === 'win32', timeout: 120_000,
    });
    const tarballs = existsSync(download) ? readdirSync(download).filter((file) => file.endsWith('.tgz')) : [];
    if (packed.status !== 0 || tarballs.length !== 1) {
      throw new Error(`esbuild's binary for ${target} (${name}@${version}) is not cached in ${cached} and npm could not fetch it ` +
        `(offline?); package for ${target} once with the npm registry reachable.\n${String(packed.stderr ?? packed.error ?? '').split('\n').slice(0, 4).join('\n')}`.trimEnd());
    }
    const tgz = readFileSync(join(download, tarballs[0]));
    const locked = readJson(join(root, 'package-lock.json')).packages?.[`node_modules/${name}`]?.integrity;
    const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
    if (locked && locked !== integrity) throw new Error(`${name}@${version} from npm does not match package-lock.json's integrity`);
    const files = readTarball(tgz, ['package.json', esbuildBinary]);
    if (!files.has(esbuildBinary)) throw new Error(`${name}@${version} has no ${esbuildBinary}`);
    for (const [file, { data, mode }] of files) {
      mkdirSync(dirname(join(cached, file)), { recursive: true });
      writeFileSync(join(cached, file), data);
      chmodSync(join(cached, file), mode);
    }
    return cached;
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
}

/** Puts the target's esbuild package into node_modules while `pack` runs, unless npm installed it there. */
function withEsbuildPackage(target, pack) {
  const source = esbuildPackage(target);
  const installed = join(root, 'node_modules', '@esbuild', target);
  if (source === installed) return pack();
  const { esbuildBinary } = targets[target];
  rmSync(installed, { recursive: true, force: true });
  try {
    for (const file of ['package.json', esbuildBinary]) {
      mkdirSync(dirname(join(installed, file)), { recursive: true });
      writeFileSync(join(installed, file), readFileSync(join(source, file)));
      chmodSync(join(installed, file), statSync(join(source, file)).mode);
    }
    return pack();
  } finally {
    rmSync(installed, { recursive: true, force: true });
  }
}

/** Packs the built extension for one target; returns the .vsix path. */
export function packageFor(target, outDir = join(root, 'dist')) {
  if (!targets[target]) throw new Error(`unknown target ${target}: one of ${Object.keys(targets).join(', ')}`);
  const { version } = readJson(join(root, 'package.json'));
  const { webgpu, esbuildBinary } = targets[target];
  const out = join(outDir, `tensor-inspector-${version}-${target}.vsix`);
  mkdirSync(outDir, { recursive: true });
  const ignoreFile = join(root, 'dist', `.vscodeignore-${target}-${process.pid}`);
  writeFileSync(ignoreFile, `${readFileSync(join(root, '.vscodeignore'), 'utf8')}
!node_modules/@esbuild/${target}/package.json
!node_modules/@esbuild/${target}/${esbuildBinary}
!node_modules/webgpu/package.json
!node_modules/webgpu/index.js
!node_modules/webgpu/dist/${webgpu}/**
`);
  rmSync(out, { force: true });
  try {
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const result = withEsbuildPackage(target, () => spawnSync(process.execPath, [
      vsce, 'package', '--target', target, '--ignoreFile', ignoreFile, '--out', out,
      // The README's links point into the repository, which has no public URL to rewrite them against.
      '--no-rewrite-relative-links', '--allow-missing-repository', '--skip-license',
    ], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }));
    if (result.status !== 0) throw new Error(`vsce package --target ${target} failed (exit ${result.status})`);
  } finally {
    rmSync(ignoreFile, { force: true });
  }
  console.log(`${out}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { target: { type: 'string' }, all: { type: 'boolean' }, out: { type: 'string' } } });
  const chosen = values.all ? Object.keys(targets) : [values.target ?? hostTarget];
  try {
    for (const target of chosen) if (!targets[target]) throw new Error(`unknown target ${target}: one of ${Object.keys(targets).join(', ')}`);
    await buildAll();
    buildTypes();
    for (const target of chosen) packageFor(target, values.out ? resolve(values.out) : undefined);
  } catch (error) {
    console.error(`npm run package: ${error.message}`);
    process.exit(1);
  }
}
