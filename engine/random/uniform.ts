// Uniform samples: `torch.rand`, `torch.rand_like`, `x.uniform_(from, to)`.
import type { DType } from '../core/dtype.ts';
import { RuntimeError } from '../core/errors.ts';
import { type Scalar, scalarValue } from '../core/scalar.ts';
import type { Tensor } from '../core/tensor.ts';
import { splitOptions } from '../ops/args.ts';
import { formatDouble } from '../ops/creation/format.ts';
import { addMethods } from '../ops/methods.ts';
import type { Generator } from './generator.ts';
import { uniformDouble, uniformFloat } from './distributions.ts';
import {
  drawInOrder, factoryTensor, finishFactory, likeTensor, type GeneratorOption, generatorOf, notImplemented,
  randomInPlace, type RandomOptions, sizeAndOptions,
} from './sample.ts';

const FLOAT32_MAX = 3.4028234663852886e38;

/** uniform_impl_'s checks, then the draws (float32 from 24 random bits, float64 from 53). */
function sampleUniform(layout: Tensor, dtype: DType, from: number, to: number, generator: Generator): Tensor {
  if (!dtype.is_floating_point) throw notImplemented('check_uniform_bounds', dtype);
  const max = dtype.name === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
  const typeName = dtype.name === 'float32' ? 'float' : 'double';
  if (!(from >= -max && from <= max)) throw new RuntimeError(`from is out of bounds for ${typeName}`);
  if (!(to >= -max && to <= max)) throw new RuntimeError(`to is out of bounds for ${typeName}`);
  if (!(from <= to)) {
    throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${formatDouble(from)} > to=${formatDouble(to)}`);
  }
  if (to - from > max) {
    throw new RuntimeError(`uniform_ expects to-from <= std::numeric_limits<${dtype.scalarName}>::max(), but found to=${formatDouble(to)} and from=${formatDouble(from)} which result in to-from to exceed the limit`);
  }
  if (dtype.name === 'float32') {
    const low = Math.fround(from);
    const high = Math.fround(to);
    return drawInOrder(layout, dtype, () => uniformFloat(generator, low, high));
  }
  return drawInOrder(layout, dtype, () => uniformDouble(generator, from, to));
}

/** `torch.rand(2, 3)`: uniform samples in [0, 1). */
export function rand(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [size, options] = sizeAndOptions('rand', args);
  const out = factoryTensor(size, options);
  return finishFactory(out, sampleUniform(out, out.dtype, 0, 1, generatorOf(options)), options);
}

/** `torch.rand_like(x)`: `torch.rand` with x's shape and dtype. */
export function rand_like(input: Tensor, options: RandomOptions = {}): Tensor {
  const out = likeTensor(input, options);
  return finishFactory(out, sampleUniform(out, out.dtype, 0, 1, generatorOf(options)), options);
}

interface UniformOptions extends GeneratorOption { from?: Scalar; to?: Scalar }

const methods = {
  /** `x.uniform_(-1, 1)`: fills x in place with uniform samples in [from, to). */
  uniform_(this: Tensor, ...args: (Scalar | UniformOptions)[]): Tensor {
    const [positional, options] = splitOptions<UniformOptions>(args);
    const from = scalarValue((positional[0] as Scalar | undefined) ?? options.from ?? 0);
    const to = scalarValue((positional[1] as Scalar | undefined) ?? options.to ?? 1);
    const generator = generatorOf(options);
    return randomInPlace(this, 'UniformBackward0', () => sampleUniform(this, this.dtype, from, to, generator));
  },
};
type UniformMethods = typeof methods;
declare module '../core/tensor.ts' { interface Tensor extends UniformMethods {} }
addMethods(methods);

export const functions = { rand, rand_like };
