// Bernoulli samples: `torch.bernoulli(p)`, `x.bernoulli_(p)` (what dropout draws its mask with).
import { record } from '../autograd/record.ts';
import { RuntimeError } from '../core/errors.ts';
import { type Scalar, scalarValue } from '../core/scalar.ts';
import { emptyTensor, Tensor } from '../core/tensor.ts';
import { splitOptions } from '../ops/args.ts';
import { zeros_like } from '../ops/creation/fill.ts';
import { formatDouble } from '../ops/creation/format.ts';
import { addMethods } from '../ops/methods.ts';
import { bernoulli as drawBernoulli } from './distributions.ts';
import type { Generator } from './generator.ts';
import { drawInOrder, type GeneratorOption, generatorOf, notImplemented, randomInPlace } from './sample.ts';

/** Probability `p` for every element of `layout`; each draw is a double-precision uniform below p. */
function sampleWithScalar(layout: Tensor, p: number, generator: Generator): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${formatDouble(p)}`);
  return drawInOrder(layout, layout.dtype, () => drawBernoulli(generator, p, true));
}

/** Per-element probabilities; float32 probabilities draw float32 uniforms, float64 ones double uniforms. */
function sampleWithTensor(layout: Tensor, p: Tensor, generator: Generator): Tensor {
  const shape = layout._shape;
  const fits = p.ndim <= shape.length && p._shape.every((d, i) => d === 1 || d === shape[shape.length - p.ndim + i]);
  if (!fits) {
    const mismatch = p._shape.findIndex((d, i) => d !== 1 && d !== shape[shape.length - p.ndim + i]);
    throw new RuntimeError(
      `The expanded size of the tensor (${shape[shape.length - p.ndim + mismatch] ?? -1}) must match the existing size (${p._shape[mismatch]}) at non-singleton dimension ${shape.length - p.ndim + mismatch}.  Target sizes: [${shape.join(', ')}].  Tensor sizes: [${p._shape.join(', ')}]`);
  }
  if (!p.dtype.is_floating_point) throw notImplemented('bernoulli_tensor_cpu_p_', p.dtype);
  const doublePrecision = p.dtype.name === 'float64';
  const probabilities = p.storage.data;
  return drawInOrder(layout, layout.dtype, ([, position]) => {
    const probability = probabilities[position!]!;
    if (!(probability >= 0 && probability <= 1)) {
      throw new RuntimeError('Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)');
    }
    return drawBernoulli(generator, probability, doublePrecision);
  }, [p]);
}

/**
 * `torch.bernoulli(probs)`: 1 with probability probs[i], else 0, in probs' dtype;
 * `torch.bernoulli(x, 0.3)`: x's shape and dtype with one probability.
 */
export function bernoulli(input: Tensor, ...args: (Scalar | GeneratorOption & { p?: Scalar })[]): Tensor {
  const [positional, options] = splitOptions<GeneratorOption & { p?: Scalar }>(args);
  const generator = generatorOf(options);
  const p = (positional[0] as Scalar | undefined) ?? options.p;
  const layout = emptyTensor(input._shape, input.dtype, input.device);
  if (p !== undefined) return sampleWithScalar(layout, scalarValue(p), generator);
  const out = sampleWithTensor(layout, input, generator);
  record('BernoulliBackward0', [input], out, {}, () => [zeros_like(input)]);
  return out;
}

const methods = {
  /** `x.bernoulli()`: `torch.bernoulli(x)`. */
  bernoulli(this: Tensor, ...args: (Scalar | GeneratorOption & { p?: Scalar })[]): Tensor { return bernoulli(this, ...args); },
  /** `mask.bernoulli_(0.8)` or `x.bernoulli_(probs)`: fills x in place with 0/1 draws. */
  bernoulli_(this: Tensor, p: Scalar | Tensor | GeneratorOption = 0.5, options: GeneratorOption = {}): Tensor {
    if (!(p instanceof Tensor) && typeof p === 'object' && !(p instanceof Number)) return this.bernoulli_(0.5, p);
    const generator = generatorOf(options);
    if (p instanceof Tensor) return randomInPlace(this, 'BernoulliBackward1', () => sampleWithTensor(this, p, generator), [p]);
    return randomInPlace(this, 'BernoulliBackward2', () => sampleWithScalar(this, scalarValue(p), generator));
  },
};
type BernoulliMethods = typeof methods;
declare module '../core/tensor.ts' { interface Tensor extends BernoulliMethods {} }
addMethods(methods);

export const functions = { bernoulli };
