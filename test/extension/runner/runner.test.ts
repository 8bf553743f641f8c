import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { InspectorRecord, TensorRecord } from '../../../extension/protocol/record.ts';
import { Runner } from '../../../extension/runner/runner.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function tensorNamed(record: InspectorRecord, name: string): TensorRecord {
  const t = record.tensors.find((x) => x.names.includes(name));
  assert.ok(t, `no tensor named ${name} in ${JSON.stringify(record.tensors.map((x) => x.names))}`);
  return t;
}

describe('runner', () => {
  const runner = new Runner();
  before(() => runner.warmUp());
  after(() => runner.dispose());

  /** Every failure below is followed by this run, in the same runner, which must succeed. */
  async function assertNextRunSucceeds(): Promise<void> {
    const started = performance.now();
    const record = await runner.run('const ok = torch.ones(2);\nconsole.log(ok.sum().item());\n', 'next.ts');
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.console.map((l) => l.text), ['2']);
    assert.ok(performance.now() - started < 5000);
  }

  test('records bindings, views sharing a storage, and a write through one view changing the other', async () => {
    const record = await runner.run('const a = torch.zeros(2, 3);\nconst b = a.view(6);\na.add_(1.0);\nb\n', 'views.ts');
    assert.equal(record.ok, true, JSON.stringify(record.errors));
    assert.equal(record.schemaVersion, 1);
    const a = tensorNamed(record, 'a');
    const b = tensorNamed(record, 'b');
    assert.equal(a.storageId, b.storageId);
    assert.equal(b.baseId, a.id);
    assert.deepEqual([b.shape, b.stride, b.storage_offset, b.dtype, b.is_contiguous], [[6], [1], 0, 'float32', true]);
    assert.deepEqual(record.storages.find((s) => s.id === a.storageId)?.tensors, [a.id, b.id]);
    const write = record.statements[2]!;
    assert.deepEqual(write.changed, [{ tensor: a.id, kinds: ['written'] }, { tensor: b.id, kinds: ['written'] }]);
    assert.deepEqual(write.previews.find((p) => p.tensor === b.id)?.preview.values, [1, 1, 1, 1, 1, 1]);
    assert.deepEqual(record.statements[1]!.previews.find((p) => p.tensor === b.id)?.preview.values, [0, 0, 0, 0, 0, 0]);
    assert.deepEqual(record.statements[3]!.value, { kind: 'tensor', id: b.id });
    assert.deepEqual(b.stats, { min: 1, max: 1, mean: 1, nanCount: 0, skipped: false });
    assert.deepEqual(record.statements.map((s) => s.kind), ['declaration', 'declaration', 'expression', 'expression']);
  });

  test('float literals keep Python\'s dtypes', async () => {
    const record = await runner.run([
      'const w = torch.tensor(2.0, { requires_grad: true });',
      'const x = torch.tensor([2., 3.]);',
      'const y = torch.tensor([2, 3]);',
      'const z = torch.tensor([0, 1]).mul(2.0);',
      'const data = [[1.0, 2.0]];',
      'const d = torch.tensor(data);',
      'console.log(x);',
    ].join('\n'), 'floats.ts');
    assert.equal(record.ok, true, JSON.stringify(record.errors));
    assert.deepEqual(['w', 'x', 'y', 'z', 'd'].map((n) => tensorNamed(record, n).dtype), ['float32', 'float32', 'int64', 'float32', 'float32']);
    assert.equal(tensorNamed(record, 'w').requires_grad, true);
    assert.deepEqual(record.console.map((l) => l.text), ['tensor([2., 3.])']);
  });

  test('console output carries its stream, statement and source line; bare values are recorded as a REPL shows them', async () => {
    const record = await runner.run('const t = torch.ones(2, 3);\nconsole.log("shape", t.shape);\nconsole.warn("careful");\nt.shape\n1.5\n"text"\n', 'console.ts');
    assert.deepEqual(record.console.map((l) => [l.stream, l.text, l.statement, l.location?.line]), [
      ['stdout', 'shape torch.Size([2, 3])', 1, 2],
      ['stderr', 'careful', 2, 3],
    ]);
    assert.deepEqual(record.statements[1]!.console, [0]);
    assert.deepEqual(record.statements.slice(3).map((s) => s.value), [
      { kind: 'other', type: 'torch.Size', repr: 'torch.Size([2, 3])' },
      { kind: 'scalar', type: 'float', repr: '1.5' },
      { kind: 'scalar', type: 'str', repr: '\'text\'' },
    ]);
  });

  test('records the autograd graph and gradients after backward', async () => {
    const record = await runner.run('const x = torch.tensor([1.0, 2.0], { requires_grad: true });\nconst y = x.mul(x).sum();\ny.backward();\n', 'grad.ts');
    assert.equal(record.ok, true, JSON.stringify(record.errors));
    const x = tensorNamed(record, 'x');
    const y = tensorNamed(record, 'y');
    assert.equal(y.grad_fn, 'SumBackward0');
    assert.ok(x.gradId !== null);
    assert.deepEqual(record.tensors.find((t) => t.id === x.gradId)?.preview.values, [2, 4]);
    assert.deepEqual(record.statements[2]!.changed.find((c) => c.tensor === x.id)?.kinds, ['grad']);
    assert.deepEqual(record.graph.nodes.map((n) => n.name).sort(), ['AccumulateGrad', 'MulBackward0', 'SumBackward0']);
    assert.deepEqual(record.graph.roots, [y.gradFnId]);
    assert.deepEqual(record.graph.grads.map((g) => g.tensor), [x.id]);
  });

  test('large tensors are summarized by edge items, lists of tensors get indexed names', async () => {
    const record = await runner.run('const big = torch.ones(2000);\nconst parts = [big, torch.zeros(1)];\n', 'big.ts');
    const big = tensorNamed(record, 'big');
    assert.deepEqual(big.preview, { values: [1, 1, 1, '...', 1, 1, 1], summarized: true });
    assert.deepEqual(big.names, ['big', 'parts[0]']);
    assert.ok(tensorNamed(record, 'parts[1]'));
  });

  test('a runtime error is reported at its line and column; the next run succeeds', async () => {
    const record = await runner.run(fixture('runtime-error.ts'), 'runtime-error.ts');
    assert.equal(record.ok, false);
    assert.deepEqual(record.errors.map((e) => e.text), ['runtime-error.ts:3:13 RuntimeError: shape \'[2, 2]\' is invalid for input of size 3']);
    assert.equal(record.errors[0]!.statement, 2);
    assert.deepEqual(record.console.map((l) => l.text), ['tensor([1, 2, 3])']);
    assert.equal(record.statements.length, 2);
    await assertNextRunSucceeds();
  });

  test('an error inside a callback points into the callback; the next run succeeds', async () => {
    const record = await runner.run(fixture('callback-error.ts'), 'callback-error.ts');
    assert.deepEqual(record.errors.map((e) => e.text), ['callback-error.ts:4:5 RuntimeError: shape \'[3]\' is invalid for input of size 2']);
    assert.deepEqual(record.errors[0]!.stack.map((p) => p.line), [4, 2]);
    await assertNextRunSucceeds();
  });

  test('an error thrown by a hook during backward points at the hook', async () => {
    const record = await runner.run([
      'const x = torch.tensor([1.0], { requires_grad: true });',
      'x.register_hook((g) => {',
      '  throw new Error("from the hook");',
      '});',
      'x.mul(2).sum().backward();',
    ].join('\n'), 'hook.ts');
    assert.deepEqual(record.errors.map((e) => e.text), ['hook.ts:3:9 Error: from the hook']);
    await assertNextRunSucceeds();
  });

  test('a syntax error is reported with esbuild\'s message at its location; the next run succeeds', async () => {
    const record = await runner.run('const a = torch.ones(2);\nconst b = a.mul(2.0;\n', 'syntax.ts');
    assert.deepEqual(record.errors.map((e) => [e.kind, e.text]), [['syntax', 'syntax.ts:2:20 SyntaxError: Expected ")" but found ";"']]);
    await assertNextRunSucceeds();
  });

  test('an infinite loop ends at the timeout with the record so far; the next run starts at once', async () => {
    const started = performance.now();
    const record = await runner.run(fixture('infinite-loop.ts'), 'loop.ts', { timeoutMs: 300 });
    assert.ok(performance.now() - started < 3000);
    assert.deepEqual(record.errors.map((e) => [e.kind, e.text]), [['timeout', 'loop.ts:3:1 TimeoutError: the snippet did not finish within 0.3 s']]);
    assert.deepEqual(record.console.map((l) => l.text), ['before the loop torch.Size([1])']);
    assert.equal(record.statements.length, 2);
    assert.ok(tensorNamed(record, 'a'));
    await assertNextRunSucceeds();
  });

  test('runaway JavaScript allocation ends at the heap limit; the next run succeeds', async () => {
    const record = await runner.run(fixture('heap.ts'), 'heap.ts', { maxHeapMb: 64 });
    assert.deepEqual(record.errors.map((e) => [e.kind, e.name, e.location?.line]), [['out-of-memory', 'MemoryError', 3]]);
    await assertNextRunSucceeds();
  });

  test('runaway tensor allocation (outside the JavaScript heap) ends at the memory limit; the next run succeeds', async () => {
    const record = await runner.run(fixture('tensor-memory.ts'), 'tensor-memory.ts', { maxHeapMb: 128 });
    assert.deepEqual(record.errors.map((e) => [e.kind, e.name, e.location?.line]), [['out-of-memory', 'MemoryError', 3]]);
    await assertNextRunSucceeds();
  });

  test('importing a name the engine does not export fails like ESM', async () => {
    const record = await runner.run('import { torch, nothing } from "tensor-inspector";\nconsole.log(torch, nothing);\n', 'imports.ts');
    assert.deepEqual(record.errors.map((e) => e.text), ['imports.ts:1:32 SyntaxError: The requested module \'tensor-inspector\' does not provide an export named \'nothing\'']);
  });

  test('JavaScript files, exports, top-level await and values that cannot be recorded', async () => {
    const record = await runner.run([
      'export const t = await Promise.resolve(torch.ones(1));',
      'const odd = { get bad() { throw new Error("no"); } };',
      'console.log(t.shape);',
    ].join('\n'), 'forms.js');
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.console.map((l) => l.text), ['torch.Size([1])']);
    assert.deepEqual(record.statements[1]!.bindings[1], { name: 'odd', value: { kind: 'other', type: 'error', repr: '<not recordable: no>' } });
  });

  test('webgpu falls back to cpu with a note when there is no adapter', async () => {
    // A runner of its own: a worker copies the environment when it starts, and the shared runner starts one ahead.
    process.env['TENSOR_INSPECTOR_WEBGPU'] = 'off';
    const cpuOnly = new Runner();
    try {
      const record = await cpuOnly.run('torch.ones(1)\n', 'device.ts', { device: 'webgpu' });
      assert.equal(record.device, 'cpu');
      assert.deepEqual(record.notes, ['WebGPU is not available (turned off by TENSOR_INSPECTOR_WEBGPU=off); running on cpu instead.']);
    } finally {
      delete process.env['TENSOR_INSPECTOR_WEBGPU'];
      await cpuOnly.dispose();
    }
  });
});
