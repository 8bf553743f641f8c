// The record's GPU section: a snippet on the webgpu device (SwiftShader's Vulkan driver where there is no GPU) reports
// its adapter, the device's counters, the ops that fell back to the CPU and the bytes it moved, run-wide and per
// statement; the same snippet on the CPU has no GPU section at all.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { GpuTransfers, InspectorRecord, StatementGpuRecord } from '../../../extension/protocol/record.ts';
import { Runner } from '../../../extension/runner/runner.ts';

// Note: CI installs SwiftShader (Debian's chromium package); without it the GPU runs are skipped, except under CI=true.
const swiftShaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';
const gpuSkip = existsSync(swiftShaderIcd) || process.env['CI'] === 'true' ? false : `no SwiftShader Vulkan driver at ${swiftShaderIcd}`;

const snippet = `const a = torch.arange(6, { dtype: torch.float32 }).view(2, 3);
const b = a.mul(2.5);
const i = torch.arange(6).view(2, 3);
const j = i.mul(3).mul(i);
const k = i.sum();
console.log(b.sum().item());
`;

function statementGpu(record: InspectorRecord, line: number): StatementGpuRecord {
  const statement = record.statements.find((s) => s.range.start.line === line);
  assert.ok(statement?.gpu, `statement on line ${line} has no gpu counts`);
  return statement.gpu;
}

describe('the record\'s gpu section', { skip: gpuSkip }, () => {
  let runner: Runner;
  before(() => {
    // Dawn reads the driver's path from the process environment when the device starts.
    process.env['VK_ICD_FILENAMES'] ??= swiftShaderIcd;
    runner = new Runner({ keepSpare: false });
  });
  after(() => runner.dispose());

  test('on the webgpu device: adapter, counters, fallbacks by op, bytes moved, per statement', async () => {
    // A generous limit: compiling kernels on a software driver is slow on a busy machine.
    const record = await runner.run(snippet, 'gpu.ts', { device: 'webgpu', timeoutMs: 60_000 });
    assert.deepEqual(record.errors, []);
    assert.equal(record.device, 'webgpu');
    assert.deepEqual(record.console.map((l) => l.text), ['37.5']);
    const gpu = record.gpu;
    assert.ok(gpu, 'no gpu section');
    assert.match(gpu.adapter, /\w/);
    assert.ok(gpu.stats, 'no device counters');
    const { stats } = gpu;
    assert.ok(stats.dispatches >= 2 && stats.submits >= 1 && stats.pipelines >= 2, JSON.stringify(stats));
    assert.equal(stats.allocatedBytes, stats.inUseBytes + stats.pooledBytes);
    assert.ok(stats.inUseBytes >= 2 * 6 * 4, 'a and b are on the device');
    // int64 has no WGSL type: its ops run on the CPU, counted by op, most frequent first.
    assert.deepEqual(gpu.fallbacks, [{ op: 'mul', count: 2 }, { op: 'sum int64', count: 1 }]);
    assert.deepEqual(statementGpu(record, 4).fallbacks, [{ op: 'mul', count: 2 }]);
    assert.deepEqual(statementGpu(record, 5).fallbacks, [{ op: 'sum int64', count: 1 }]);
    const multiply = statementGpu(record, 2);
    assert.deepEqual([multiply.dispatches, multiply.fallbacks], [1, []]);
    assert.ok(multiply.uploads === 1 && multiply.uploadBytes === 6 * 4, `a is uploaded for the kernel: ${JSON.stringify(multiply)}`);
    const print = statementGpu(record, 6);
    assert.equal(print.dispatches, 1, 'b.sum() runs on the device');
    assert.ok(print.readbacks === 1 && print.readbackBytes === 4, `item() reads one float32: ${JSON.stringify(print)}`);
    // The statements add up to the run (the inspector's own reads of values for its previews are not counted).
    const sum = (key: keyof GpuTransfers | 'dispatches'): number => record.statements.reduce((n, s) => n + (s.gpu?.[key] ?? 0), 0);
    assert.equal(sum('dispatches'), stats.dispatches);
    for (const key of ['readbacks', 'readbackBytes', 'uploads', 'uploadBytes'] as const) assert.equal(sum(key), gpu.transfers[key], key);
  });

  test('on the CPU the record has no gpu section, nor per-statement counts', async () => {
    const record = await runner.run(snippet, 'cpu.ts');
    assert.deepEqual(record.errors, []);
    assert.equal(record.device, 'cpu');
    assert.equal('gpu' in record, false);
    assert.ok(record.statements.every((s) => !('gpu' in s)));
  });

  test('a CPU run that moves a tensor to the GPU itself gets the section from then on', async () => {
    const record = await runner.run('const a = torch.ones(3);\nconst g = a.to(\'cuda\').add(1);\nconsole.log(g.sum().item());\n', 'to.ts', { timeoutMs: 60_000 });
    assert.deepEqual(record.errors, []);
    assert.equal(record.device, 'cpu');
    assert.equal(record.statements[0]!.gpu, undefined);
    assert.equal(record.statements[1]!.gpu?.uploadBytes, 12);
    assert.ok(record.gpu?.stats && record.gpu.stats.dispatches >= 2);
  });
});
