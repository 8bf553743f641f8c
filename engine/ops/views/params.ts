// Python's argument binding for view ops: positional values in PyTorch's order, then one trailing `{ name: value }`.
import { Tensor } from '../../core/tensor.ts';
import { splitOptions } from '../args.ts';
import { pythonType } from '../joins/args.ts';

/**
 * Which parameters Python's parser demands as ints (`x.diagonal(0.5)` is a TypeError there), for `fn`'s messages;
 * `first` is the position of the first bound argument (2 for `torch.fn(input, ...)`).
 */
export interface IntParameters { fn: string; ints: readonly string[]; first?: number }

/** Binds `(...positional, options?)` to parameter names; a missing argument takes its default. */
export function bind<T extends object>(
  args: readonly unknown[], names: readonly (keyof T & string)[], defaults: T, typed?: IntParameters,
): T {
  const [positional, options] = splitOptions<T>(args);
  const out = { ...defaults } as Record<string, unknown>;
  positional.forEach((value, i) => {
    const name = names[i];
    if (name === undefined) throw new TypeError(`takes at most ${names.length} arguments (${positional.length} given)`);
    if (typed?.ints.includes(name)) checkInt(value, `${typed.fn}(): argument '${name}' (position ${i + (typed.first ?? 1)})`);
    out[name] = value;
  });
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (typed?.ints.includes(key)) checkInt(value, `${typed.fn}(): argument '${key}'`);
    out[key] = value;
  }
  return out as T;
}

/** Python's TypeError for a non-int where an int parameter is (`where` names the argument). */
export function checkInt(value: unknown, where: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${where} must be int, not ${pythonType(value)}`);
}

/** Python's TypeError for a non-tensor where a method wants one (`x.view_as(2)`). */
export function tensorArgument(value: unknown, fn: string): Tensor {
  if (!(value instanceof Tensor)) throw new TypeError(`${fn}(): argument 'other' (position 1) must be Tensor, not ${pythonType(value)}`);
  return value;
}

/** An integer argument that PyTorch also accepts as a one-element integer tensor (`narrow(0, torch.tensor(1), 2)`). */
export function intArg(value: number | Tensor): number {
  return value instanceof Tensor ? Number(value.item()) : value;
}
