// `npm run package` for this machine (scripts/package.mjs): the .vsix carries the bundles, the inspector UI, the
// engine's typings and this platform's native binaries (esbuild's and Dawn's) only; VS Code (the server of
// code-server, scripts/vscode/server.mjs) installs it, and the installed copy evaluates a snippet on the CPU and GPU.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from '../../scripts/vscode/build.mjs';
import { runExtensionTests } from '../../scripts/vscode/server.mjs';
import { zipEntries, type ZipEntry } from './zip.ts';

const target = `${process.platform}-${process.arch}`;
const webgpuFolder = process.platform === 'darwin' ? 'darwin-universal' : target;
const esbuildBinary = process.platform === 'win32' ? 'esbuild.exe' : 'bin/esbuild';
const swiftShaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Everything a package may hold besides its platform's native files (paths inside the .vsix). */
const allowed = [
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|readme\.md|LICENSE(\.txt|\.md)?)$/i, /^extension\/media\//,
  /^extension\/dist\/(extension\.cjs|worker\.mjs|gpu-device\.mjs|typescript-plugin\.cjs)$/,
  /^extension\/dist\/webview\/[^/]+\.(js|css)$/, /^extension\/dist\/types\/.+\.d\.ts$/,
  /^extension\/node_modules\/esbuild\/(package\.json|lib\/main\.js)$/,
  /^extension\/node_modules\/tensor-inspector-typescript-plugin\/package\.json$/,
  /^extension\/node_modules\/webgpu\/(package\.json|index\.js)$/,
];

let out: string;
let vsix: string;
let entries: ZipEntry[];
let names: Set<string>;

before(() => {
  out = mkdtempSync(join(tmpdir(), 'tensor-inspector-package-'));
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
  console.log(`packaged in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  vsix = join(out, `tensor-inspector-${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}-${target}.vsix`);
  entries = zipEntries(readFileSync(vsix));
  names = new Set(entries.map((entry) => entry.name));
});

after(() => rmSync(out, { recursive: true, force: true }));

test('the package holds the bundles, the inspector UI and the typings', () => {
  for (const name of ['package.json', 'readme.md', 'dist/extension.cjs', 'dist/worker.mjs', 'dist/gpu-device.mjs',
    'dist/typescript-plugin.cjs', 'dist/webview/inspector.js', 'dist/types/snippet-globals.d.ts',
    'node_modules/esbuild/lib/main.js', 'node_modules/webgpu/index.js']) {
    assert.ok(names.has(`extension/${name}`), `${name} is missing`);
  }
  const manifest = entries.find((entry) => entry.name === 'extension.vsixmanifest')!.read().toString('utf8');
  assert.match(manifest, new RegExp(`TargetPlatform="${target}"`));
  const packaged = JSON.parse(entries.find((entry) => entry.name === 'extension/package.json')!.read().toString('utf8'));
  assert.equal(packaged.main, './dist/extension.cjs');
});

test("the package carries this platform's esbuild and Dawn binaries and no other platform's", () => {
  const esbuild = entries.find((entry) => entry.name === `extension/node_modules/@esbuild/${target}/${esbuildBinary}`);
  assert.ok(esbuild, `esbuild's binary for ${target} is missing`);
  if (process.platform !== 'win32') assert.ok(esbuild.mode & 0o100, 'esbuild\'s binary is not executable');
  assert.ok(names.has(`extension/node_modules/webgpu/dist/${webgpuFolder}/dawn.node`), `dawn.node for ${webgpuFolder} is missing`);
  const platformFolders = (prefix: string) => new Set(entries.filter((e) => e.name.startsWith(prefix)).map((e) => e.name.slice(prefix.length).split('/')[0]));
  assert.deepEqual([...platformFolders('extension/node_modules/webgpu/dist/')], [webgpuFolder]);
  assert.deepEqual([...platformFolders('extension/node_modules/@esbuild/')], [target]);
});

test('the package carries nothing else: no sources, tests, source maps or other dependencies', () => {
  const native = (name: string) => name.startsWith(`extension/node_modules/webgpu/dist/${webgpuFolder}/`) ||
    name.startsWith(`extension/node_modules/@esbuild/${target}/`);
  const unexpected = entries.filter(({ name }) => !native(name) && !allowed.some((pattern) => pattern.test(name)));
  assert.deepEqual(unexpected.map((entry) => entry.name), []);
  // Everything but the native binaries is about 2 MB; the .vsix about 12 MB on linux-x64.
  const rest = entries.filter(({ name }) => !native(name)).reduce((sum, entry) => sum + entry.size, 0);
  assert.ok(rest < 4 * 2 ** 20, `the package's non-native files take ${(rest / 2 ** 20).toFixed(1)} MB`);
  assert.ok(statSync(vsix).size < 24 * 2 ** 20, `the .vsix takes ${(statSync(vsix).size / 2 ** 20).toFixed(1)} MB`);
});

test('VS Code installs the package, and the installed extension evaluates a snippet', { timeout: 600_000 }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tensor-inspector-workspace-'));
  writeFileSync(join(workspace, 'check.torch.ts'), 'const a = torch.zeros(6);\nconst b = a.view(2, 3);\na.fill_(1);\nconsole.log(b.sum(), b.is_contiguous());\n');
  // The extension host inherits the server's environment: Dawn finds SwiftShader's Vulkan driver through it.
  const icd = process.env['VK_ICD_FILENAMES'];
  if (icd === undefined && existsSync(swiftShaderIcd)) process.env['VK_ICD_FILENAMES'] = swiftShaderIcd;
  const started = performance.now();
  const log: string[] = [];
  try {
    const code = await runExtensionTests({
      extensionDevelopmentPath: join(root, 'test', 'build', 'installed-extension'),
      extensionTestsPath: join(root, 'test', 'build', 'installed-extension', 'check.cjs'),
      folder: workspace,
      extensions: [vsix],
      timeoutMs: 180_000,
      log: (line) => log.push(line),
    });
    assert.equal(code, 0, `the check in VS Code failed:\n${log.slice(-60).join('\n')}`);
  } finally {
    if (icd === undefined) delete process.env['VK_ICD_FILENAMES'];
    rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`installed and evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
