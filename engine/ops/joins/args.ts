// Python-style integer-list arguments for the join ops: `(0, 1)`, `([0, 1])` or a torch.Size, with PyTorch's TypeError.
import { Tensor } from '../../core/tensor.ts';

/** Python's name for the type of a JavaScript value, as PyTorch's argument errors print it. */
export function pythonType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (value instanceof Tensor) return 'Tensor';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof Number) return 'float';
  if (typeof value === 'string') return 'str';
  return typeof value;
}

/**
 * Reads varargs or one list as integers: `x.flip(0, 1)` and `x.flip([0, 1])`. `where` is the argument's description
 * in PyTorch's message, e.g. "flip(): argument 'dims' (position 1)"; `kind` is `ints` or `SymInts`.
 */
export function intList(args: readonly unknown[], where: string, kind = 'ints'): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  for (const value of list) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`${where} must be tuple of ${kind}, not ${pythonType(value)}`);
    }
  }
  return [...list] as number[];
}

/** A list argument given as one value: `torch.flip(x, [0])` (a bare int is a TypeError there, as in PyTorch). */
export function intListArgument(value: unknown, where: string, kind = 'ints'): number[] {
  if (!Array.isArray(value)) throw new TypeError(`${where} must be tuple of ${kind}, not ${pythonType(value)}`);
  return intList([value], where, kind);
}
