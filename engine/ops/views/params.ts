// Python's argument binding for view ops: positional values in PyTorch's order, then one trailing `{ name: value }`.
import { Tensor } from '../../core/tensor.ts';
import { splitOptions } from '../args.ts';

/** Binds `(...positional, options?)` to parameter names; a missing argument takes its default. */
export function bind<T extends object>(args: readonly unknown[], names: readonly (keyof T & string)[], defaults: T): T {
  const [positional, options] = splitOptions<T>(args);
  const out = { ...defaults } as Record<string, unknown>;
  positional.forEach((value, i) => {
    const name = names[i];
    if (name === undefined) throw new TypeError(`takes at most ${names.length} arguments (${positional.length} given)`);
    out[name] = value;
  });
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/** An integer argument that PyTorch also accepts as a one-element integer tensor (`narrow(0, torch.tensor(1), 2)`). */
export function intArg(value: number | Tensor): number {
  return value instanceof Tensor ? Number(value.item()) : value;
}
