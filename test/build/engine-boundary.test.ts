// The engine runs in Node, a worker or a browser: it must bundle for a neutral platform with no Node built-ins,
// no `vscode` and no DOM, and run in a bare JavaScript context.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import * as esbuild from 'esbuild';

test('engine/ bundles without imports from outside engine/ and runs in a bare JavaScript context', async () => {
  const result = await esbuild.build({
    entryPoints: ['engine/index.ts'], bundle: true, write: false, format: 'iife', globalName: 'engine',
    platform: 'neutral', metafile: true, logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile!.inputs);
  assert.deepEqual(inputs.filter((path) => !path.startsWith('engine/')), []);
  const logged: string[] = [];
  // Only the language's own globals plus a console: no process, require, window or document.
  const context = vm.createContext({ console: { log: (...args: unknown[]) => logged.push(args.map(String).join(' ')) } });
  vm.runInContext(`${result.outputFiles[0]!.text}
    const { torch } = engine;
    const w = torch.tensor(torch.pyfloat(2), { requires_grad: true });
    const z = w.pow(3).mul(12).add(2);
    z.backward();
    console.log(w.grad);
    console.log(torch.arange(6).view(2, 3).t());`, context);
  assert.deepEqual(logged, ['tensor(144.)', 'tensor([[0, 3],\n        [1, 4],\n        [2, 5]])']);
});
