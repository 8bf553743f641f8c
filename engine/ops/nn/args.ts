// Python call semantics for torch.nn.functional: positional arguments bind to parameter names in PyTorch's order, a
// trailing options object supplies keywords, and misuse raises Python's TypeError texts.
import { splitOptions } from '../args.ts';

/**
 * Binds `(...positional, options?)` to `names` (required ones first, `required` of them) as Python would for
 * `fname(names..., *, keywordOnly...)`.
 */
export function bindArgs(
  fname: string, args: readonly unknown[], names: readonly string[], required: number, keywordOnly: readonly string[] = [],
): Record<string, unknown> {
  const [positional, keywords] = splitOptions<Record<string, unknown>>(args);
  if (positional.length > names.length) {
    const takes = required === names.length ? `${names.length}` : `from ${required} to ${names.length}`;
    throw new TypeError(`${fname}() takes ${takes} positional argument${names.length === 1 ? '' : 's'} but ${positional.length} were given`);
  }
  const bound: Record<string, unknown> = {};
  positional.forEach((value, i) => { bound[names[i]!] = value; });
  for (const [key, value] of Object.entries(keywords)) {
    if (!names.includes(key) && !keywordOnly.includes(key)) throw new TypeError(`${fname}() got an unexpected keyword argument '${key}'`);
    if (key in bound) throw new TypeError(`${fname}() got multiple values for argument '${key}'`);
    bound[key] = value;
  }
  const missing = names.slice(0, required).filter((n) => bound[n] === undefined);
  if (missing.length > 0) {
    const list = missing.map((n) => `'${n}'`);
    const joined = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
    throw new TypeError(`${fname}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${joined}`);
  }
  return bound;
}

/** Python's `warnings.warn(message)` with the default UserWarning category. */
export function warn(message: string): void {
  console.warn(`UserWarning: ${message}`);
}
