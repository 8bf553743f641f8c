// Sizes given to factory functions, with the messages PyTorch's argument parser prints for bad ones.
import { checkSize } from '../../core/shape.ts';
import { Size } from '../../core/size.ts';
import { pythonTypeName } from './tensor-data.ts';

/**
 * `(2, 3)`, `([2, 3])` or `(torch.Size([2, 3]))` as a size. `element` names the parser's type: zeros and friends
 * say "SymInts", the random factories "ints".
 */
export function factorySize(fn: string, args: readonly unknown[], element: 'SymInts' | 'ints' = 'SymInts'): number[] {
  const single = args.length === 1 ? args[0] : undefined;
  const list = Array.isArray(single) || single instanceof Size ? (single as readonly unknown[]) : args;
  if (args.length > 1 && args.some((a) => Array.isArray(a))) {
    throw new TypeError(`${fn}() received an invalid combination of arguments - got (${args.map((a) => (Array.isArray(a) ? 'tuple' : pythonTypeName(a))).join(', ')})`);
  }
  if (args.length === 1 && !Array.isArray(single) && !(typeof single === 'number' && Number.isInteger(single))) {
    throw new TypeError(`${fn}(): argument 'size' (position 1) must be tuple of ${element}, not ${pythonTypeName(single)}`);
  }
  list.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new TypeError(`${fn}(): argument 'size' must be tuple of ${element}, but found element of type ${pythonTypeName(d)} at pos ${i + 1}`);
    }
  });
  return checkSize(list as number[]);
}
