// Runs the extension's mocha suite (suite/) inside a real VS Code extension host with @vscode/test-electron's
// `runTests`. VS Code itself: VSCODE_EXECUTABLE_PATH when set (an installed VS Code), a download when
// TENSOR_INSPECTOR_VSCODE=download, else the VS Code server of code-server with headless Chromium, through
// scripts/vscode/code-server-launcher.mjs (no network needed; the server is installed once into .vscode-test/).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { buildForTests, root } from '../../../scripts/vscode/build.mjs';

const launcher = join(root, 'scripts', 'vscode', 'code-server-launcher.mjs');

test('the extension suite passes in a real VS Code extension host', { timeout: 900_000 }, async () => {
  const extensionTestsPath = await buildForTests();
  const download = process.env.TENSOR_INSPECTOR_VSCODE === 'download';
  // The suite edits documents and settings: it works on a copy of the workspace.
  const workspace = mkdtempSync(join(tmpdir(), 'tensor-inspector-workspace-'));
  cpSync(join(root, 'test', 'extension', 'vscode', 'workspace'), workspace, { recursive: true });
  const started = performance.now();
  try {
    const code = await runTests({
      ...(download ? {} : { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH ?? launcher }),
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions'],
    });
    assert.equal(code, 0);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`extension suite: ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
