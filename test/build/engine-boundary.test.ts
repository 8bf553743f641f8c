// The engine runs in Node, a worker or a browser: it must bundle for a neutral platform with no Node built-ins,
// no `vscode` and no DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

test('engine/ bundles for a neutral platform without Node built-ins or vscode', async () => {
  const result = await esbuild.build({
    entryPoints: ['engine/index.ts'], bundle: true, write: false, format: 'esm', platform: 'neutral', metafile: true, logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile!.inputs);
  assert.ok(inputs.every((path) => path.startsWith('engine/')), `engine imports outside engine/: ${inputs.filter((p) => !p.startsWith('engine/')).join(', ')}`);
  const text = result.outputFiles[0]!.text;
  assert.doesNotMatch(text, /from ["'](node:|fs|path|os|worker_threads|vscode)["']/);
  assert.doesNotMatch(text, /\b(document|window)\./);
});
