// `torch.multinomial(probs, n)`: PyTorch 1.13's CPU sampler, so a seed picks the same indices. Without replacement
// it is the Gumbel trick: the top n of probs / q with q ~ Exp(1); with replacement, a binary
// search of each row's cumulative distribution for one uniform double per sample.
import { int64 } from '../core/dtype.ts';
import { RuntimeError } from '../core/errors.ts';
import { withGradMode } from '../core/grad-mode.ts';
import { emptyTensor, type Tensor } from '../core/tensor.ts';
import { splitOptions } from '../ops/args.ts';
import { emptyLike } from '../ops/layout.ts';
import { addMethods } from '../ops/methods.ts';
import { pythonType } from '../ops/pointwise/support.ts';
import { uniformDouble } from './distributions.ts';
import type { Generator } from './generator.ts';
import { type GeneratorOption, generatorOf } from './sample.ts';

interface MultinomialOptions extends GeneratorOption { replacement?: boolean }

/** `torch.multinomial(torch.tensor([0.2, 0.8]), 3, true)`: indices drawn by their weights, one row per distribution. */
export function multinomial(input: Tensor, num_samples: number, ...rest: (boolean | MultinomialOptions)[]): Tensor {
  const [positional, options] = splitOptions<MultinomialOptions>(rest);
  const replacement = (positional[0] as boolean | undefined) ?? options.replacement ?? false;
  if (typeof num_samples !== 'number' || !Number.isInteger(num_samples)) {
    throw new TypeError(`multinomial(): argument 'num_samples' (position 2) must be int, not ${pythonType(num_samples)}`);
  }
  if (input.ndim < 1 || input.ndim > 2) throw new RuntimeError('prob_dist must be 1 or 2 dim');
  if (!input.dtype.is_floating_point) {
    throw new RuntimeError(`multinomial only supports floating-point dtypes for input, got: ${input.dtype.scalarName}`);
  }
  if (num_samples <= 0) throw new RuntimeError('cannot sample n_sample <= 0 samples');
  const categories = input._shape[input.ndim - 1]!;
  if (!replacement && num_samples > categories) {
    throw new RuntimeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  }
  const shape = input.ndim === 1 ? [num_samples] : [input._shape[0]!, num_samples];
  if (shape[0] === 0) return emptyTensor(shape, int64, input.device);
  const generator = generatorOf(options);
  return withGradMode(false, () =>
    replacement ? withReplacement(input, shape, generator) : gumbelTop(input, num_samples, generator));
}

function gumbelTop(input: Tensor, samples: number, generator: Generator): Tensor {
  if (!(input.max().lt(Infinity).item() && input.min().ge(0).item())) {
    throw new RuntimeError('probability tensor contains either `inf`, `nan` or element < 0');
  }
  if (input.sum(-1).eq(0).any().item()) throw new RuntimeError('invalid multinomial distribution (sum of probabilities <= 0)');
  const ratio = input.div(emptyLike(input).exponential_(1, { generator }));
  return samples === 1 ? ratio.argmax(-1, true) : ratio.topk(samples)[1];
}

function withReplacement(input: Tensor, shape: readonly number[], generator: Generator): Tensor {
  const [rows, samples] = shape.length === 1 ? [1, shape[0]!] : [shape[0]!, shape[1]!];
  const categories = input._shape[input.ndim - 1]!;
  // The running sum and the cumulative distribution are in the input's dtype.
  const round = input.dtype.name === 'float32' ? Math.fround : (x: number) => x;
  const probs = input._values();
  const out = emptyTensor(shape, int64, input.device);
  const result = new Float64Array(rows * samples);
  const cumulative = new Float64Array(categories);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < categories; j++) {
      const p = probs[i * categories + j]!;
      if (!(p >= 0)) throw new RuntimeError('invalid multinomial distribution (encountering probability entry < 0)');
      if (!Number.isFinite(p)) throw new RuntimeError('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
      sum = round(sum + p);
      cumulative[j] = sum;
    }
    if (!(sum > 0)) throw new RuntimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    for (let j = 0; j < categories; j++) cumulative[j] = round(cumulative[j]! / sum);
    cumulative[categories - 1] = 1;
    for (let s = 0; s < samples; s++) {
      const u = uniformDouble(generator, 0, 1);
      let left = 0;
      let right = categories;
      while (right > left) {
        const mid = left + Math.floor((right - left) / 2);
        if (cumulative[mid]! < u) left = mid + 1;
        else right = mid;
      }
      result[i * samples + s] = left;
    }
  }
  out.storage.data.set(result);
  return out;
}

const methods = {
  /** `probs.multinomial(2)`. */
  multinomial(this: Tensor, num_samples: number, ...rest: (boolean | MultinomialOptions)[]): Tensor {
    return multinomial(this, num_samples, ...rest);
  },
};
type MultinomialMethods = typeof methods;
declare module '../core/tensor.ts' { interface Tensor extends MultinomialMethods {} }
addMethods(methods);

export const functions = { multinomial };
