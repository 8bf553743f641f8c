#!/usr/bin/env node
// Stands in for the `code` executable in @vscode/test-electron's `runTests({ vscodeExecutablePath })` where VS Code
// cannot be downloaded: takes the same arguments (`--extensionDevelopmentPath=`, `--extensionTestsPath=`, the folder to
// open), runs the suite in the VS Code server with headless Chromium (server.mjs), and exits with the suite's code.
import { resolve } from 'node:path';
import { runExtensionTests } from './server.mjs';

const options = {};
const folders = [];
for (const arg of process.argv.slice(2)) {
  const match = /^--(extensionDevelopmentPath|extensionTestsPath)=(.*)$/.exec(arg);
  if (match) options[match[1]] = resolve(match[2]);
  else if (!arg.startsWith('-')) folders.push(resolve(arg));
}
if (!options.extensionDevelopmentPath || !options.extensionTestsPath) {
  console.error('usage: code-server-launcher.mjs FOLDER --extensionDevelopmentPath=PATH --extensionTestsPath=PATH');
  process.exit(2);
}
process.exit(await runExtensionTests({ ...options, folder: folders[0] ?? options.extensionDevelopmentPath }));
