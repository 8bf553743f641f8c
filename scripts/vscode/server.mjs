// A real VS Code for the extension's tests, without network: the VS Code server embedded in code-server
// (scripts/vscode/install.mjs) serves the workbench, and Debian's Chromium, driven by playwright-core, opens it. The
// extension host (Node) starts once a workbench connects. Each test run starts its own server in a process group of
// its own and kills that group when done, so no server or extension host outlives it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { ensureVsCodeServer } from './install.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Kills a detached child's whole process group: first politely, then for good. */
async function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => { try { process.kill(-child.pid, name); } catch { /* already gone */ } };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  // Children that ignored SIGTERM (extension hosts, watchers) still belong to the group.
  signal('SIGKILL');
}

/**
 * Starts the VS Code server on a free port with fresh data folders. `trustWorkspace: false` keeps Workspace Trust on
 * (the workbench asks); by default it is off, as @vscode/test-electron's runs have it. `extensions` are .vsix files
 * installed first, as `code --install-extension` does.
 */
export async function startServer({ log = () => {}, trustWorkspace = true, settings = {}, extensions = [] } = {}) {
  const vscodeDir = await ensureVsCodeServer();
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'tensor-inspector-vscode-'));
  const serverData = join(home, 'server-data');
  const userData = join(home, 'user-data');
  // The remote machine's settings: with --user-data-dir, the server reads them from there.
  mkdirSync(join(userData, 'Machine'), { recursive: true });
  writeFileSync(join(userData, 'Machine', 'settings.json'), JSON.stringify(settings));
  const env = { ...process.env, HOME: home, VSCODE_AGENT_FOLDER: home };
  const folders = ['--server-data-dir', serverData, '--user-data-dir', userData, '--extensions-dir', join(home, 'extensions')];
  for (const vsix of extensions) {
    const installed = spawnSync(process.execPath, [join(vscodeDir, 'out', 'server-main.js'), '--install-extension', vsix,
      '--accept-server-license-terms', ...folders], { env, encoding: 'utf8', timeout: 120_000 });
    if (installed.status !== 0 || !/successfully installed/.test(installed.stdout)) {
      rmSync(home, { recursive: true, force: true });
      throw new Error(`installing ${vsix} failed (exit ${installed.status}):\n${installed.stdout}${installed.stderr}`);
    }
  }
  const args = [
    join(vscodeDir, 'out', 'server-main.js'), '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry',
    ...folders, ...(trustWorkspace ? ['--disable-workspace-trust'] : []),
  ];
  const child = spawn(process.execPath, args, {
    detached: true, stdio: ['ignore', 'pipe', 'pipe'], env,
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      log(String(chunk).trimEnd());
      if (/Extension host agent listening on/.test(output) || /Server bound to/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the VS Code server exited with code ${code} before it listened:\n${output}`)));
  });
  const timeout = setTimeout(() => child.emit('exit', 'timeout'), 60_000);
  try {
    await ready;
  } finally {
    clearTimeout(timeout);
  }
  return {
    port,
    /** The workbench URL of a folder, with optional launch payload (`[["extensionDevelopmentPath", ...], ...]`). */
    url(folder, payload = []) {
      const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
      const entries = payload.map(([key, value]) => [key, key.endsWith('Path') ? remote(value) : value]);
      const query = new URLSearchParams({ folder });
      if (entries.length > 0) query.set('payload', JSON.stringify(entries));
      return `http://127.0.0.1:${port}/?${query}`;
    },
    async stop() {
      await killGroup(child);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Launches headless Chromium with a fresh profile. Webviews load from another origin and need a service worker, so
 * the profile allows third-party cookies (or the webview stays blank).
 */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath}: install the Debian package chromium`);
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'tensor-inspector-chromium-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs an extension test suite in the real extension host, as `code --extensionDevelopmentPath --extensionTestsPath`
 * does: the workbench loads the extension and the suite, and reports the suite's exit code to the page.
 */
export async function runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, folder, extensions = [], timeoutMs = 300_000, log = (line) => process.stderr.write(`${line}\n`) }) {
  const server = await startServer({ log: process.env.TENSOR_INSPECTOR_VSCODE_LOG ? log : () => {}, extensions });
  let browser;
  try {
    browser = await launchBrowser();
    const page = browser.context.pages()[0] ?? await browser.context.newPage();
    let resolveExit;
    const exited = new Promise((resolve) => { resolveExit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      log(type === 'error' ? `[extension host error] ${text}` : text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.goto(server.url(folder, [
      ['extensionDevelopmentPath', extensionDevelopmentPath], ['extensionTestsPath', extensionTestsPath], ['skipWelcome', 'true'],
    ]));
    let timer;
    const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') {
      log(`the extension tests did not finish within ${timeoutMs / 1000} s`);
      return 1;
    }
    return code;
  } finally {
    await browser?.close();
    await server.stop();
  }
}
