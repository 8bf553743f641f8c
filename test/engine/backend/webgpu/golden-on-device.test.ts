// Every golden case again with the webgpu device as the default device, against the same case on the CPU: the same
// errors, results that agree (float32 within the software GPU's accuracy, everything else exactly), and the same
// printed text where it is meaningful (Note [Printed text on the device]).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Tensor } from '../../../../engine/core/tensor.ts';
import { cpu, defaultDevice, toDevice } from '../../../../engine/core/device.ts';
import { printOptions } from '../../../../engine/printing/options.ts';
import { runCase } from '../../../golden/run-case.ts';
import { formatPrint } from '../../../../extension/runner/format.ts';
import { device, startDevice } from './setup.ts';

const skip = startDevice();
const generated = new URL('../../../golden/generated/', import.meta.url);
const families = readdirSync(generated).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

/** A printed tensor as it was when printed: where it lived and, for floats, its values (to tell exact results). */
interface PrintedTensor { device: string; dtype: string; values: Float64Array | null }

/** One console.log call: its text, the tensors and numbers it printed, and the line width then in effect. */
interface Printed { text: string; tensors: PrintedTensor[]; numbers: number[]; linewidth: number }

interface Outcome { result?: unknown; error?: Error; printed: Printed[] }

/** Tensors and numbers in a printed value, in the order they print (lists, tuples and named tuples included). */
function collect(value: unknown, into: Printed, depth = 0): void {
  if (value instanceof Tensor) {
    const values = value.dtype.is_floating_point ? Float64Array.from(value.detach().cpu()._values()) : null;
    into.tensors.push({ device: value.device.type, dtype: value.dtype.name, values });
  } else if (typeof value === 'number' || value instanceof Number) {
    into.numbers.push(Number(value));
  } else if (value !== null && typeof value === 'object' && depth < 4) {
    for (const item of Array.isArray(value) ? value : Object.values(value)) collect(item, into, depth + 1);
  }
}

function run(fn: () => unknown, where: typeof cpu): Outcome {
  const printed: Printed[] = [];
  defaultDevice.current = where;
  try {
    const { result, error } = runCase(fn, (args) => {
      const entry: Printed = { text: formatPrint(args), tensors: [], numbers: [], linewidth: printOptions.linewidth };
      for (const arg of args) collect(arg, entry);
      printed.push(entry);
    }, { quiet: true });
    return { result, error: error as Error | undefined, printed };
  } finally {
    defaultDevice.current = cpu;
  }
}

// Note [Printed text on the device]: a case's console.log output on the device must be the CPU's output with
// PyTorch's device suffix added, character for character, whenever the printed values are the same: integer and bool
// tensors always (views, creation, indexing, and values computed on the CPU and moved), float tensors and Python
// numbers when the device's values equal the CPU's bit for bit. A float printed from a GPU kernel that rounded
// differently in float32 is not compared as text (its values are, within tolerance, below). The suffix is PyTorch's
// `_add_suffixes`: `device='cuda:0'` comes first, before size, dtype, grad_fn and requires_grad, each suffix on the
// last line unless it would pass the line width, else on a new line indented by `tensor(`'s width.
const tensorRepr = /tensor\(([^()]*?)((?:,\s+(?:device='[^']*'|size=\([^)]*\)|dtype=torch\.\w+|grad_fn=<\w+>|requires_grad=True))*)\)/g;
const suffixPattern = /device='[^']*'|size=\([^)]*\)|dtype=torch\.\w+|grad_fn=<\w+>|requires_grad=True/g;

/** The CPU's printed text as PyTorch prints it when the `i`-th tensor in it is on `devices[i]` (null: text cannot be paired). */
function withDeviceSuffix(text: string, devices: readonly string[], linewidth: number): string | null {
  const matches = [...text.matchAll(tensorRepr)];
  if (matches.length !== devices.length) return null;
  let out = '';
  let at = 0;
  matches.forEach((match, i) => {
    const start = match.index!;
    const bodyEnd = start + 'tensor('.length + match[1]!.length;
    const head = text.slice(start, bodyEnd);
    const suffixes = [...match[2]!.matchAll(suffixPattern)].map((m) => m[0]);
    if (devices[i] !== 'cpu') suffixes.unshift("device='cuda:0'");
    let lastLine = head.length - head.lastIndexOf('\n') + 1;
    let tail = '';
    for (const suffix of suffixes) {
      if (lastLine + suffix.length + 2 > linewidth) {
        tail += `,\n${' '.repeat('tensor('.length)}${suffix}`;
        lastLine = 'tensor('.length + suffix.length;
      } else {
        tail += `, ${suffix}`;
        lastLine += suffix.length + 2;
      }
    }
    out += text.slice(at, bodyEnd) + tail + ')';
    at = start + match[0].length;
  });
  return out + text.slice(at);
}

/** Same bits, NaN matching any NaN. */
const sameFloat = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** Whether the device printed the values the CPU printed (so its text must match exactly); both print the same kinds of things. */
function sameValues(actual: Printed, expected: Printed): boolean {
  if (!actual.numbers.every((n, i) => sameFloat(n, expected.numbers[i]!))) return false;
  return actual.tensors.every((t, i) => {
    const want = expected.tensors[i]!.values;
    return t.values === null || want === null || (t.values.length === want.length && t.values.every((v, k) => sameFloat(v, want[k]!)));
  });
}

/** Where the device's printed text differs from the CPU's (Note [Printed text on the device]), or null; counts what it compared. */
function printedDifference(actual: Printed[], expected: Printed[], counts: { compared: number; rounded: number }): string | null {
  if (actual.length !== expected.length) return `printed ${actual.length} lines on the device, ${expected.length} on the CPU`;
  for (let i = 0; i < expected.length; i++) {
    const [got, want] = [actual[i]!, expected[i]!];
    const kinds = (p: Printed): string => `${p.numbers.length} numbers, tensors ${p.tensors.map((t) => t.dtype).join(' ')}`;
    if (kinds(got) !== kinds(want)) return `print ${i + 1}: ${kinds(got)} on the device, ${kinds(want)} on the CPU`;
    if (!sameValues(got, want)) {
      counts.rounded++;
      continue;
    }
    const text = withDeviceSuffix(want.text, got.tensors.map((t) => t.device), want.linewidth);
    if (text === null) return `print ${i + 1}: its tensors cannot be paired with its text`;
    counts.compared++;
    if (got.text !== text) return `print ${i + 1}:\n--- expected ---\n${text}\n--- device ---\n${got.text}`;
  }
  return null;
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
  // A fractional number came from float math (`.item()`, `.tolist()` of a float32 result): float32 tolerance.
  if (typeof expected === 'number' && typeof actual === 'number' && !Object.is(actual, expected) && !(Number.isInteger(expected) && Number.isInteger(actual))) {
    return Math.abs(actual - expected) <= 1e-5 + 1e-3 * Math.abs(expected) ? null : `${path}: ${actual} vs ${expected}`;
  }
  return Object.is(actual, expected) || String(actual) === String(expected) ? null : `${path}: ${String(actual)} vs ${String(expected)}`;
}

describe('golden cases on the webgpu device agree with the CPU', { skip: skip ?? false }, () => {
  const webgpu = toDevice('cuda');
  for (const family of families) {
    test(family, async (t) => {
      const { cases } = (await import(new URL(`${family}.ts`, generated).href)) as { cases: Record<string, () => unknown> };
      const failures: string[] = [];
      const counts = { compared: 0, rounded: 0 };
      for (const [name, fn] of Object.entries(cases)) {
        const [expected, actual] = [run(fn, cpu), run(fn, webgpu)];
        const printed = printedDifference(actual.printed, expected.printed, counts);
        if (printed) failures.push(`${name}: ${printed}`);
        if (expected.error || actual.error) {
          if (expected.error?.message !== actual.error?.message) {
            failures.push(`${name}: CPU ${expected.error?.message ?? 'ok'} / device ${actual.error?.message ?? 'ok'}`);
          }
          continue;
        }
        const d = difference(actual.result, expected.result);
        if (d) failures.push(`${name}: ${d}`);
      }
      t.diagnostic(`printed text: ${counts.compared} prints compared exactly, ${counts.rounded} left out (float values rounded differently)`);
      assert.deepEqual(failures, []);
    });
  }

  test('the device did the work: kernels ran and the pool recycled buffers', () => {
    const stats = device().sync();
    assert.ok(stats.dispatches > 1000 && stats.buffersReused > 1000, JSON.stringify(stats));
  });
});
