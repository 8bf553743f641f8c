// Every golden case again with the webgpu device as the default device, against the same case on the CPU: the same
// errors, and results that agree (float32 within the software GPU's accuracy, everything else exactly). Printed text
// is not compared: float32 kernels may differ in the last printed digit, and the device suffix changes line wraps.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import { Tensor } from '../../../../engine/core/tensor.ts';
import { cpu, defaultDevice, toDevice } from '../../../../engine/core/device.ts';
import { resetPrintOptions } from '../../../../engine/printing/options.ts';
import { device, startDevice } from './setup.ts';

const skip = startDevice();
const generated = new URL('../../../golden/generated/', import.meta.url);
const families = readdirSync(generated).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

interface Outcome { result?: unknown; error?: Error }

function run(fn: () => unknown, where: typeof cpu): Outcome {
  const log = console.log;
  const warn = console.warn;
  console.log = console.warn = () => {};
  defaultDevice.current = where;
  try {
    torch.manual_seed(0);
    return { result: fn() };
  } catch (error) {
    return { error: error as Error };
  } finally {
    defaultDevice.current = cpu;
    console.log = log;
    console.warn = warn;
    resetPrintOptions();
  }
}

const withoutDevice = (text: string): string => text.replace(/,\s*device='cuda:0'/g, '').replace(/\s+/g, ' ');

/** Where `actual` (device run) differs from `expected` (CPU run), or null. */
function difference(actual: unknown, expected: unknown, path = 'result'): string | null {
  if (expected instanceof Tensor) {
    if (!(actual instanceof Tensor)) return `${path}: not a tensor`;
    if (actual.dtype !== expected.dtype || actual._shape.join() !== expected._shape.join()) return `${path}: dtype or shape`;
    const [got, want] = [actual.cpu()._values(), expected._values()];
    // float64 work runs on the CPU, but its inputs may come from float32 kernels.
    const rtol = expected.dtype.name === 'float32' ? 1e-3 : expected.dtype.name === 'float64' ? 1e-6 : 0;
    for (let i = 0; i < want.length; i++) {
      const [g, w] = [got[i]!, want[i]!];
      const same = Number.isNaN(w) ? Number.isNaN(g) : g === w || (rtol > 0 && Math.abs(g - w) <= 1e-5 + rtol * Math.abs(w));
      if (!same) return `${path}[${i}]: ${g} on the device, ${w} on the CPU`;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${path}: length`;
    for (let i = 0; i < expected.length; i++) {
      const d = difference(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof expected === 'string') return withoutDevice(String(actual)) === withoutDevice(expected) ? null : `${path}: text`;
  return Object.is(actual, expected) || String(actual) === String(expected) ? null : `${path}: ${String(actual)} vs ${String(expected)}`;
}

describe('golden cases on the webgpu device agree with the CPU', { skip: skip ?? false }, () => {
  const webgpu = toDevice('cuda');
  for (const family of families) {
    test(family, async () => {
      const { cases } = (await import(new URL(`${family}.ts`, generated).href)) as { cases: Record<string, () => unknown> };
      const failures: string[] = [];
      for (const [name, fn] of Object.entries(cases)) {
        const [expected, actual] = [run(fn, cpu), run(fn, webgpu)];
        if (expected.error || actual.error) {
          if (expected.error?.message !== actual.error?.message) {
            failures.push(`${name}: CPU ${expected.error?.message ?? 'ok'} / device ${actual.error?.message ?? 'ok'}`);
          }
          continue;
        }
        const d = difference(actual.result, expected.result);
        if (d) failures.push(`${name}: ${d}`);
      }
      assert.deepEqual(failures, []);
    });
  }

  test('the device did the work: kernels ran and the pool recycled buffers', () => {
    const stats = device().sync();
    assert.ok(stats.dispatches > 1000 && stats.buffersReused > 1000, JSON.stringify(stats));
  });
});
