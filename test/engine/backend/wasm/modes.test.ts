// Both CPU paths run the suites that check values against PyTorch: the default run takes the fast path where it
// pays off; these runs force the WebAssembly kernels for every op they cover (whatever the size), then the
// reference kernels for everything (TENSOR_INSPECTOR_KERNELS).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const suites = [
  'test/golden/golden.test.ts',
  'test/engine/ops/views/shadow.test.ts',
  'test/engine/ops/linalg/values.test.ts',
  'test/engine/ops/reduction/values.test.ts',
  'test/engine/ops/nn/functional.test.ts',
];

for (const mode of ['wasm', 'reference']) {
  test(`golden, view, linalg, reduction and nn suites with TENSOR_INSPECTOR_KERNELS=${mode}`, () => {
    // A test runner started inside a test would report to this one (NODE_TEST_CONTEXT): start it as a fresh run.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...suites], {
      env: { ...env, TENSOR_INSPECTOR_KERNELS: mode }, encoding: 'utf8',
    });
    const output = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.status, 0, output.slice(-4000));
    const passed = Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
    assert.ok(passed > 1000, `only ${passed} tests passed`);
  });
}
