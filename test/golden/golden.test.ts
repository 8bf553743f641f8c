// Runs every generated golden case against the fixture PyTorch produced for it (see test/golden/generate.py).
// Filter families with GOLDEN=printing,smoke.
import { describe, test } from 'node:test';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { Tensor } from '../../engine/core/tensor.ts';
import { runCase } from './run-case.ts';

type Encoded =
  | { type: 'tensor'; repr: string; dtype: string; shape: number[]; stride: number[]; storage_offset: number;
      values: (number | boolean | string)[]; requires_grad: boolean; grad_fn: string | null; is_leaf: boolean;
      is_contiguous: boolean }
  | { type: 'list'; items: Encoded[]; repr?: string; fields?: string[] }
  | { type: 'scalar'; value: number | boolean | string | null; pytype: 'int' | 'float' | 'bool' | 'str' | 'NoneType' }
  | { type: 'size'; value: number[] }
  | { type: 'dtype'; value: string }
  | { type: 'device'; value: string }
  | { type: 'grad_fn'; name: string }
  | { type: 'error'; name: string; message: string };

interface Fixture { source: string; python: string; stdout: string; result: Encoded }

const here = dirname(fileURLToPath(import.meta.url));
const only = process.env.GOLDEN?.split(',').filter(Boolean);

/** Thrown for a mismatch; `path` says where inside the result (`[1].values[3]`). */
class Mismatch extends Error {}

// Note [Golden tolerance]: float32 values may differ from PyTorch's in the last bits (different summation order,
// libm), so they are compared with rtol 1e-5 and atol 1e-6; float64 with 1e-10; integers and bools exactly. The repr
// is compared exactly, so a difference that shows at print precision still fails.
function tolerance(dtype: string): { rtol: number; atol: number } | null {
  if (dtype === 'float32') return { rtol: 1e-5, atol: 1e-6 };
  if (dtype === 'float64') return { rtol: 1e-10, atol: 1e-10 };
  return null;
}

function decode(value: number | boolean | string | null): number | boolean | string | null {
  if (value === 'nan') return NaN;
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  return value;
}

function close(actual: number, expected: number, tol: { rtol: number; atol: number } | null): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected) || tol === null) return Object.is(actual, expected) || actual === expected;
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

function describeValue(value: unknown): string {
  if (value instanceof Tensor) return `Tensor ${String(value)}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return inspect(value, { depth: 4 });
}

function expectEqual(path: string, what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Mismatch(`${path}${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function compareTensor(path: string, actual: unknown, expected: Extract<Encoded, { type: 'tensor' }>): void {
  if (!(actual instanceof Tensor)) throw new Mismatch(`${path}: expected a tensor, got ${describeValue(actual)}`);
  expectEqual(path, '.dtype', actual.dtype.name, expected.dtype);
  expectEqual(path, '.shape', [...actual.shape], expected.shape);
  expectEqual(path, '.stride()', actual.stride(), expected.stride);
  expectEqual(path, '.storage_offset()', actual.storage_offset(), expected.storage_offset);
  expectEqual(path, '.is_contiguous()', actual.is_contiguous(), expected.is_contiguous);
  expectEqual(path, '.requires_grad', actual.requires_grad, expected.requires_grad);
  expectEqual(path, '.grad_fn', actual.grad_fn?.className ?? null, expected.grad_fn);
  expectEqual(path, '.is_leaf', actual.is_leaf, expected.is_leaf);
  const values = actual._values();
  const tol = tolerance(expected.dtype);
  expected.values.forEach((raw, i) => {
    const want = decode(raw);
    const got = values[i]!;
    const ok = typeof want === 'boolean' ? (got !== 0) === want : close(got, want as number, tol);
    if (!ok) throw new Mismatch(`${path}.values[${i}]: expected ${String(want)}, got ${got}`);
  });
  if (String(actual) !== expected.repr) {
    throw new Mismatch(`${path} repr:\n--- expected ---\n${expected.repr}\n--- actual ---\n${String(actual)}`);
  }
}

function compare(path: string, actual: unknown, expected: Encoded): void {
  switch (expected.type) {
    case 'tensor':
      return compareTensor(path, actual, expected);
    case 'list': {
      const items = Array.isArray(actual) ? actual
        : expected.fields && actual !== null && typeof actual === 'object'
          ? expected.fields.map((f) => (actual as Record<string, unknown>)[f]) : null;
      if (items === null) throw new Mismatch(`${path}: expected a list, got ${describeValue(actual)}`);
      expectEqual(path, '.length', items.length, expected.items.length);
      expected.items.forEach((item, i) => compare(`${path}[${i}]`, items[i], item));
      const ownToString = actual !== null && typeof actual === 'object' &&
        (actual as object).toString !== Array.prototype.toString && (actual as object).toString !== Object.prototype.toString;
      if (expected.repr !== undefined && ownToString && String(actual) !== expected.repr) {
        throw new Mismatch(`${path} repr:\n--- expected ---\n${expected.repr}\n--- actual ---\n${String(actual)}`);
      }
      return;
    }
    case 'scalar': {
      const want = decode(expected.value);
      if (want === null) {
        if (actual !== null && actual !== undefined) throw new Mismatch(`${path}: expected None, got ${describeValue(actual)}`);
        return;
      }
      if (typeof want === 'boolean' || typeof want === 'string') {
        if (actual !== want) throw new Mismatch(`${path}: expected ${JSON.stringify(want)}, got ${describeValue(actual)}`);
        return;
      }
      const got = actual instanceof Number ? actual.valueOf() : actual;
      const tol = expected.pytype === 'float' ? tolerance('float32') : null;
      if (typeof got !== 'number' || !close(got, want, tol)) {
        throw new Mismatch(`${path}: expected ${expected.pytype} ${String(want)}, got ${describeValue(actual)}`);
      }
      return;
    }
    case 'size':
      if (!Array.isArray(actual) || actual.constructor.name !== 'Size') {
        throw new Mismatch(`${path}: expected torch.Size(${JSON.stringify(expected.value)}), got ${describeValue(actual)}`);
      }
      return expectEqual(path, '', [...actual], expected.value);
    case 'dtype':
    case 'device':
      return expectEqual(path, '', String(actual), expected.value);
    case 'grad_fn': {
      const name = (actual as { name?: () => string } | null)?.name?.();
      return expectEqual(path, '.name()', name, expected.name);
    }
    case 'error':
      throw new Mismatch(`expected ${expected.name}: ${expected.message}\nbut the case returned ${describeValue(actual)}`);
  }
}

/** A number as Python's `repr(float)` writes it when it is not whole (`1e-07`, `1e+21`); whole numbers as ints. */
function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * Note [console.log is print]: the captured console.log formats as Python's print would where JavaScript's values
 * allow: booleans as True/False, null and undefined as None, arrays as lists. Objects that define their own
 * inspection (tensors, Size, dtype, tuples) print through it.
 */
function pythonStr(value: unknown, nested = false): string {
  if (typeof value === 'string') return nested ? `'${value}'` : value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return pythonNumber(value);
  if (value instanceof Number) {
    // A pyfloat is a Python float: whole values print as `2.0`.
    const v = value.valueOf();
    return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${Object.is(v, -0) ? '-0' : v}.0` : pythonNumber(v);
  }
  if (Array.isArray(value) && !(Symbol.for('nodejs.util.inspect.custom') in value)) {
    return `[${value.map((v) => pythonStr(v, true)).join(', ')}]`;
  }
  return inspect(value);
}

/** Runs a case with console.log captured as Python's print would write it. */
function runPrinting(fn: () => unknown): { stdout: string; result: unknown; error: unknown } {
  const lines: string[] = [];
  // The result's repr is compared afterwards, under the print options the case left.
  const { result, error } = runCase(fn, (args) => { lines.push(args.map((a) => pythonStr(a)).join(' ') + '\n'); }, { keepState: true });
  return { stdout: lines.join(''), result, error };
}

const fixtureDir = join(here, 'fixtures');
const families = existsSync(fixtureDir)
  ? readdirSync(fixtureDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort()
  : [];

for (const family of families) {
  if (only && !only.includes(family)) continue;
  const generated = join(here, 'generated', `${family}.ts`);
  if (!existsSync(generated)) continue;
  const fixtures = JSON.parse(readFileSync(join(fixtureDir, `${family}.json`), 'utf8')) as Record<string, Fixture>;
  const { cases } = (await import(pathToFileURL(generated).href)) as { cases: Record<string, () => unknown> };
  describe(family, () => {
    for (const [name, fixture] of Object.entries(fixtures)) {
      test(name, () => {
        const fn = cases[name];
        if (!fn) throw new Error(`case "${name}" is in fixtures/${family}.json but not in generated/${family}.ts; regenerate`);
        const { stdout, result, error } = runPrinting(fn);
        const context = `\n--- source ---\n${fixture.source}\n--- python ---\n${fixture.python}`;
        try {
          if (fixture.result.type === 'error') {
            if (error === undefined) compare('result', result, fixture.result);
            const e = error as Error;
            if (e?.name !== fixture.result.name || e?.message !== fixture.result.message) {
              throw new Mismatch(`expected ${fixture.result.name}: ${fixture.result.message}\ngot ${describeValue(e)}`);
            }
          } else if (error !== undefined) {
            throw new Mismatch(`the case threw ${error instanceof Error ? error.stack : String(error)}`);
          }
          if (stdout !== fixture.stdout) {
            throw new Mismatch(`stdout:\n--- expected ---\n${fixture.stdout}--- actual ---\n${stdout}`);
          }
          if (fixture.result.type !== 'error') compare('result', result, fixture.result);
        } catch (e) {
          if (e instanceof Mismatch) throw new Error(`${name}: ${e.message}${context}`);
          throw e;
        }
      });
    }
  });
}
