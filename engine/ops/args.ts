// Python-style argument handling: keyword arguments arrive as a trailing plain object, sizes as varargs or one array.
import { DType } from '../core/dtype.ts';
import { Device } from '../core/device.ts';
import { Tensor } from '../core/tensor.ts';
import { checkSize } from '../core/shape.ts';

/** True for a `{ key: value }` options object (not a tensor, array, dtype, device or boxed number). */
export function isOptions(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Tensor || value instanceof DType || value instanceof Device || value instanceof Number) return false;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Splits `(...positional, options?)`. */
export function splitOptions<O extends object>(args: readonly unknown[]): [unknown[], Partial<O>] {
  if (args.length > 0 && isOptions(args[args.length - 1])) {
    return [args.slice(0, -1), args[args.length - 1] as Partial<O>];
  }
  return [[...args], {}];
}

export type SizeArgs = readonly number[] | [readonly number[]];

/** `zeros(2, 3)`, `zeros([2, 3])` and `zeros(torch.Size([2, 3]))` all name the size [2, 3]. */
export function parseSize(args: readonly unknown[], what = 'size'): number[] {
  return checkSize(parseShape(args, what));
}

/** Like parseSize, but lets -1 through for `view` and `reshape` to infer. */
export function parseShape(args: readonly unknown[], what = 'shape'): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  for (const a of list) {
    if (typeof a !== 'number' || !Number.isInteger(a)) {
      throw new TypeError(`${what} must be a tuple of ints, but got ${a === null ? 'NoneType' : Array.isArray(a) ? 'list' : typeof a}`);
    }
  }
  return list as number[];
}

/** Python's TypeError for a call without its one required argument (`x.permute()`). */
export function requireArgument(args: readonly unknown[], fn: string, name: string): void {
  if (args.length === 0) throw new TypeError(`${fn}() missing 1 required positional arguments: "${name}"`);
}

/** Normalises `dim` options (an int, a list, or absent) to a list, or null for "all dimensions". */
export function dimList(dim: number | readonly number[] | null | undefined): number[] | null {
  if (dim === undefined || dim === null) return null;
  return typeof dim === 'number' ? [dim] : [...dim];
}
