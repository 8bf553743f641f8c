// Starts the webgpu device for a test file. Without a GPU, Dawn runs on SwiftShader's Vulkan driver (shipped in
// Debian's chromium package). Under CI=true a missing adapter fails the suite; elsewhere the suite says why it skips.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { gpuDevice, setGpuHost, unavailableReason } from '../../../../engine/backend/webgpu/index.ts';
import { nodeGpuHost } from '../../../../extension/gpu/host.ts';

export const swiftShaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** null when the device is up; else the reason to skip (outside CI) — under CI=true, throws instead. */
export function startDevice(): string | null {
  if (process.env['VK_ICD_FILENAMES'] === undefined && existsSync(swiftShaderIcd)) process.env['VK_ICD_FILENAMES'] = swiftShaderIcd;
  setGpuHost(nodeGpuHost);
  const reason = unavailableReason();
  if (reason !== null && process.env['CI'] === 'true') {
    throw new Error(`CI needs a WebGPU adapter (install chromium and libvulkan1 for SwiftShader): ${reason}`);
  }
  return reason === null ? null : `no WebGPU adapter: ${reason}`;
}

export const device = () => gpuDevice()!;

/** `actual` (on the device) matches `expected` (CPU): same shape and dtype; floats within float32 tolerance, others exact. */
export function assertMatches(actual: Tensor, expected: Tensor, label: string, tolerance = { rtol: 1e-4, atol: 1e-5 }): void {
  assert.equal(actual.device.type, 'webgpu', `${label}: result is on ${String(actual.device)}`);
  const host = actual.cpu();
  assert.deepEqual(host._shape, expected._shape, `${label}: shape`);
  assert.equal(host.dtype, expected.dtype, `${label}: dtype`);
  if (!expected.dtype.is_floating_point) {
    assert.deepEqual(host.tolist(), expected.tolist(), label);
    return;
  }
  const got = host._values();
  const want = expected._values();
  got.forEach((g, i) => {
    const w = want[i]!;
    const ok = Number.isNaN(w) ? Number.isNaN(g) : !Number.isFinite(w) ? g === w : Math.abs(g - w) <= tolerance.atol + tolerance.rtol * Math.abs(w);
    assert.ok(ok, `${label}: element ${i} is ${g}, expected ${w}`);
  });
}

/** Values in [low, high) as float32, seen through a transposed (non-contiguous) view. */
export function stridedFloats(rows: number, cols: number, low: number, high: number, seed: number): Tensor {
  torch.manual_seed(seed);
  return torch.rand(cols, rows).mul(high - low).add(low).t();
}
