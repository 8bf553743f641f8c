// Installs the VS Code server that the extension's tests run in: the one embedded in the npm package `code-server`
// (VS Code 1.100.3; newer releases need Node 24), into .vscode-test/ (git-ignored), once. Its own install script
// downloads ripgrep and needs Kerberos headers, so the steps are done here by hand, with Debian's ripgrep
// (apt packages: build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep).
// Usage: `node scripts/vscode/install.mjs` prints the server's folder; `await ensureVsCodeServer()` does the same in code.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const codeServerVersion = '4.100.3';
const root = fileURLToPath(new URL('../../', import.meta.url));
export const cacheDir = join(root, '.vscode-test');
const installDir = join(cacheDir, `code-server-${codeServerVersion}`);
/** The folder of the embedded VS Code (its `out/server-main.js` is the server). */
export const vscodeDir = join(installDir, 'node_modules', 'code-server', 'lib', 'vscode');
const doneMarker = join(installDir, 'installed');

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, {
    cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`.slice(-6000));
  }
}

function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

const lockDir = `${installDir}.lock`;
const staleLockMs = 20 * 60 * 1000;

/**
 * Returns the embedded VS Code's folder, installing it first when the cache lacks it. Test files running in parallel
 * share one install: the first takes a lock (a folder), the others wait for it.
 */
export async function ensureVsCodeServer(log = (line) => process.stderr.write(`${line}\n`)) {
  for (;;) {
    if (existsSync(doneMarker)) return vscodeDir;
    try {
      mkdirSync(cacheDir, { recursive: true });
      mkdirSync(lockDir);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // Another process installs; a lock left by a killed one is taken over once it is old.
      if (Date.now() - statSync(lockDir).mtimeMs > staleLockMs) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    try {
      return install(log);
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}

function install(log) {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is missing: install the Debian package ripgrep');
  const started = Date.now();
  log(`installing code-server ${codeServerVersion} into ${installDir} (once; about 1-2 minutes)`);
  // A half-finished install from an interrupted run is started over.
  const staging = `${installDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'vscode-server-for-tests', private: true }));
  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${codeServerVersion}`], staging);
  const codeServer = join(staging, 'node_modules', 'code-server');
  run('npm', ['rebuild', 'argon2'], codeServer);
  const vscode = join(codeServer, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscode);
  const rgTarget = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  mkdirSync(dirname(rgTarget), { recursive: true });
  copyFileSync(rg, rgTarget);
  chmodSync(rgTarget, 0o755);
  run('npm', ['rebuild', '--foreground-scripts'], vscode);
  // The rest of code-server's own postinstall.
  if (!existsSync(join(vscode, 'node_modules.asar'))) symlinkSync('node_modules', join(vscode, 'node_modules.asar'));
  run('npm', ['install', '--omit=dev'], join(vscode, 'extensions'));
  rmSync(installDir, { recursive: true, force: true });
  renameSync(staging, installDir);
  writeFileSync(doneMarker, `${new Date().toISOString()}\n`);
  log(`installed code-server ${codeServerVersion} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return vscodeDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await ensureVsCodeServer());
}
