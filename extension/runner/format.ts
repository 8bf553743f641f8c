// Note [console.log is print]: a snippet's console.log writes what Python's print would for the same values, so the
// CLI's output matches the PyTorch original's: booleans as True/False, null and undefined as None, arrays as lists,
// floats as Python's repr writes them (`2.0` for a pyfloat, `1e-07`), strings bare at top level and quoted inside
// containers. Objects that define their own inspection (tensors, torch.Size, dtypes, tuples) print through it.
import { inspect } from 'node:util';
import { isPyFloat } from '../../engine/core/scalar.ts';

const customInspect = Symbol.for('nodejs.util.inspect.custom');

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16, `.0` on whole values. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const sign = value < 0 ? '-' : '';
  const digits = mantissa.replace(/^-|\./g, '');
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
}

/** A JavaScript number as Python shows it: whole numbers as ints, others as floats. */
export function pythonNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : pythonFloat(value);
}

/** Python's `repr(str)`: single quotes unless the text holds a single quote and no double quote. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes('\'') && !text.includes('"') ? '"' : '\'';
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === '\'' ? escaped.replace(/'/g, '\\\'') : escaped) + quote;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Python's `str(value)` (top level) or `repr(value)` (inside containers) for a JavaScript value. */
export function pythonStr(value: unknown, nested = false, depth = 0): string {
  if (typeof value === 'string') return nested ? pythonStringRepr(value) : value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'bigint') return String(value);
  if (isPyFloat(value)) return pythonFloat(Number(value));
  if (typeof value === 'function') return `<function ${value.name || '<lambda>'}>`;
  if (typeof value !== 'object') return String(value);
  if (depth > 5) return '...';
  if (customInspect in value) return inspect(value);
  if (value instanceof Error) return value.message;
  if (Array.isArray(value)) return `[${value.map((v) => pythonStr(v, true, depth + 1)).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${pythonStringRepr(k)}: ${pythonStr(v, true, depth + 1)}`);
    return `{${entries.join(', ')}}`;
  }
  return inspect(value, { depth: 2 });
}

/** What `print(*args)` writes, without the newline. */
export function formatPrint(args: readonly unknown[]): string {
  return args.map((a) => pythonStr(a)).join(' ');
}
