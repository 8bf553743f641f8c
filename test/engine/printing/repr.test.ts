// Printing details that golden cases cannot show: the WebGPU device suffix, and that every way of printing agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { torch } from '../../../engine/index.ts';
import { printOptions, resetPrintOptions } from '../../../engine/printing/options.ts';
import { startDevice } from '../backend/webgpu/setup.ts';

// Tensors on the webgpu device need one: SwiftShader's software Vulkan driver in CI (see test/engine/backend/webgpu).
const noDevice = startDevice();

test('a WebGPU tensor prints the device PyTorch would print for CUDA', { skip: noDevice ?? false }, () => {
  const t = torch.ones(2, { device: 'cuda' });
  assert.equal(String(t), "tensor([1., 1.], device='cuda:0')");
  const empty = torch.zeros(0, 3, { device: 'cuda', dtype: torch.int64, requires_grad: false });
  assert.equal(String(empty), "tensor([], device='cuda:0', size=(0, 3), dtype=torch.int64)");
});

test('String, template literals and console.log (util.inspect) print the same repr', () => {
  const t = torch.tensor([[1.5, -2], [3, 4]], { requires_grad: true });
  assert.equal(inspect(t), String(t));
  assert.equal(`${t}`, 'tensor([[ 1.5000, -2.0000],\n        [ 3.0000,  4.0000]], requires_grad=True)');
});

test('set_printoptions keeps unspecified options, resets sci_mode, and ignores unknown profiles', () => {
  try {
    torch.set_printoptions({ precision: 2, sci_mode: true });
    torch.set_printoptions({ linewidth: 40, profile: 'nonsense' as 'full' });
    assert.deepEqual({ ...printOptions }, { precision: 2, threshold: 1000, edgeitems: 3, linewidth: 40, sci_mode: null });
    torch.set_printoptions({ profile: 'full' });
    assert.equal(printOptions.threshold, Infinity);
    assert.equal(printOptions.precision, 4);
  } finally {
    resetPrintOptions();
  }
  assert.deepEqual({ ...printOptions }, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null });
});

test('printing a large tensor without summarization does not overflow the stack', () => {
  try {
    torch.set_printoptions({ profile: 'full' });
    const text = String(torch.ones(200000));
    assert.equal(text.split('\n').length, Math.ceil(200000 / 18));
  } finally {
    resetPrintOptions();
  }
});
