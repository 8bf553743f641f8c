// `torch.randperm(n)`: a random permutation of 0..n-1.
import { int64 } from '../core/dtype.ts';
import { RuntimeError } from '../core/errors.ts';
import type { Tensor } from '../core/tensor.ts';
import { checkSize } from '../core/shape.ts';
import { splitOptions } from '../ops/args.ts';
import { factoryTensor, finishFactory, generatorOf, notImplemented, type RandomOptions } from './sample.ts';

/**
 * `torch.randperm(5)`: PyTorch 1.13's CPU shuffle, which swaps element i with element i + (draw % (n - i)) for
 * i = 0..n-2, one 32-bit draw per step.
 */
export function randperm(n: number, ...rest: RandomOptions[]): Tensor {
  const [, options] = splitOptions<RandomOptions>(rest);
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new TypeError(`randperm(): argument 'n' (position 1) must be int, not ${typeof n === 'number' ? 'float' : typeof n}`);
  }
  const out = factoryTensor(checkSize([n]), options, int64);
  const dtype = out.dtype;
  if (dtype.name === 'bool') throw notImplemented('randperm', dtype);
  if (dtype.name === 'float32' && n > 2 ** 24 + 1) throw new RuntimeError('n cannot be greater than 2^24+1 for Float type.');
  const data = out.storage.data;
  for (let i = 0; i < n; i++) data[i] = i;
  const generator = generatorOf(options);
  for (let i = 0; i < n - 1; i++) {
    const z = generator.random() % (n - i);
    const saved = data[i]!;
    data[i] = data[z + i]!;
    data[z + i] = saved;
  }
  return finishFactory(out, out, options);
}

export const functions = { randperm };
