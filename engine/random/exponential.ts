// `x.exponential_(lambd)`: exponential samples with rate lambd.
import { RuntimeError } from '../core/errors.ts';
import { type Scalar, scalarValue } from '../core/scalar.ts';
import type { Tensor } from '../core/tensor.ts';
import { splitOptions } from '../ops/args.ts';
import { formatDouble } from '../ops/creation/format.ts';
import { addMethods } from '../ops/methods.ts';
import { exponential } from './distributions.ts';
import { drawInOrder, type GeneratorOption, generatorOf, notImplemented, randomInPlace } from './sample.ts';

const methods = {
  /** `x.exponential_(2)`: fills x in place with samples of density lambd * exp(-lambd * x). */
  exponential_(this: Tensor, ...args: (Scalar | GeneratorOption & { lambd?: Scalar })[]): Tensor {
    const [positional, options] = splitOptions<GeneratorOption & { lambd?: Scalar }>(args);
    const lambda = scalarValue((positional[0] as Scalar | undefined) ?? options.lambd ?? 1);
    const generator = generatorOf(options);
    return randomInPlace(this, 'ExponentialBackward0', () => {
      if (!(lambda >= 0)) throw new RuntimeError(`exponential_ expects lambda >= 0.0, but found lambda=${formatDouble(lambda)}`);
      if (!this.dtype.is_floating_point) throw notImplemented('exponential_cpu', this.dtype);
      return drawInOrder(this, this.dtype, () => exponential(generator, lambda));
    });
  },
};
type ExponentialMethods = typeof methods;
declare module '../core/tensor.ts' { interface Tensor extends ExponentialMethods {} }
addMethods(methods);
