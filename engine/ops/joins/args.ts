// Python-style integer-list arguments for the join ops: `(0, 1)`, `([0, 1])` or a torch.Size, with PyTorch's TypeError.
import { Tensor } from '../../core/tensor.ts';
import { splitOptions } from '../args.ts';

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
  const listed = args.length === 1 && Array.isArray(args[0]);
  const list = listed ? (args[0] as unknown[]) : args;
  // Python's parser judges the argument by its first element; later ones may be bools (ints in Python).
  return list.map((value, i) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (i === 0) throw new TypeError(`${where} must be tuple of ${kind}, not ${listed ? 'list' : pythonType(value)}`);
    if (typeof value === 'boolean') return Number(value);
    throw new TypeError(`${where.replace(/ \(position \d+\)$/, '')} must be tuple of ${kind}, but found element of type ${pythonType(value)} at pos ${i + 1}`);
  });
}

/**
 * An int-list parameter given as varargs, one list, or by keyword (`x.flip({ dims: [0] })`); `position` is where
 * Python counts it (2 for `torch.fn(input, ...)`).
 */
export function intListParameter(args: readonly unknown[], fn: string, name: string, kind = 'ints', position = 1): number[] {
  const [positional, options] = splitOptions<Record<string, unknown>>(args);
  if (positional.length === 0 && options[name] !== undefined) return intList([options[name]], `${fn}(): argument '${name}'`, kind);
  return intList(positional, `${fn}(): argument '${name}' (position ${position})`, kind);
}

/** `torch.fn(input, [..])`'s list parameter, positional (one list, not varargs) or by keyword. */
export function listParameter(args: readonly unknown[], fn: string, name: string, kind = 'ints', position = 2): number[] {
  const [positional, options] = splitOptions<Record<string, unknown>>(args);
  if (positional.length === 0 && options[name] !== undefined) return intListArgument(options[name], `${fn}(): argument '${name}'`, kind);
  return intListArgument(positional[0], `${fn}(): argument '${name}' (position ${position})`, kind);
}

/** A list argument given as one value: `torch.flip(x, [0])` (a bare int is a TypeError there, as in PyTorch). */
export function intListArgument(value: unknown, where: string, kind = 'ints'): number[] {
  if (!Array.isArray(value)) throw new TypeError(`${where} must be tuple of ${kind}, not ${pythonType(value)}`);
  return intList([value], where, kind);
}
