// Normal samples: `torch.randn`, `torch.randn_like`, `torch.normal`, `x.normal_(mean, std)`.
import { record } from '../autograd/record.ts';
import type { DType } from '../core/dtype.ts';
import { RuntimeError } from '../core/errors.ts';
import { withGradMode } from '../core/grad-mode.ts';
import { type Scalar, scalarValue } from '../core/scalar.ts';
import { broadcastShapes } from '../core/shape.ts';
import { emptyTensor, Tensor } from '../core/tensor.ts';
import { splitOptions } from '../ops/args.ts';
import { factorySize } from '../ops/creation/size.ts';
import { castTensor } from '../ops/dispatch.ts';
import { zeros_like } from '../ops/creation/fill.ts';
import { formatDouble } from '../ops/creation/format.ts';
import { addMethods } from '../ops/methods.ts';
import type { Generator } from './generator.ts';
import { normalDouble, normalFill } from './distributions.ts';
import {
  drawInOrder, factoryTensor, finishFactory, likeTensor, type GeneratorOption, generatorOf, notImplemented,
  randomInPlace, type RandomOptions, sizeAndOptions,
} from './sample.ts';

function checkStd(std: number): void {
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${formatDouble(std)}`);
}

/**
 * PyTorch 1.13's normal_kernel: contiguous float tensors of 16 or more elements take the vectorised normal_fill
 * path; everything else draws one at::normal_distribution<double> sample per element, in visiting order.
 */
function sampleNormal(layout: Tensor, dtype: DType, mean: number, std: number, generator: Generator): Tensor {
  checkStd(std);
  if (!dtype.is_floating_point) throw notImplemented('normal_kernel_cpu', dtype);
  if (layout.numel() >= 16 && layout.is_contiguous()) {
    const out = emptyTensor(layout._shape, dtype, layout.device);
    normalFill(out.storage.data as Float32Array | Float64Array, generator, mean, std);
    return out;
  }
  return drawInOrder(layout, dtype, () => normalDouble(generator, mean, std));
}

/** `torch.randn(2, 3)`: standard normal samples. */
export function randn(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [size, options] = sizeAndOptions('randn', args);
  const out = factoryTensor(size, options);
  return finishFactory(out, sampleNormal(out, out.dtype, 0, 1, generatorOf(options)), options);
}

/** `torch.randn_like(x)`: `torch.randn` with x's shape and dtype. */
export function randn_like(input: Tensor, options: RandomOptions = {}): Tensor {
  const out = likeTensor(input, options);
  return finishFactory(out, sampleNormal(out, out.dtype, 0, 1, generatorOf(options)), options);
}

function checkStdTensor(std: Tensor): void {
  if (std._values().some((v) => !(v >= 0))) throw new RuntimeError('normal expects all elements of std >= 0.0');
}

/**
 * `torch.normal(mean, std)` with a tensor mean and/or std (samples broadcast over both), or
 * `torch.normal(0., 1., [2, 3])` with float mean and std and a size. Gradients to mean and std are zero.
 */
export function normal(mean: Tensor | Scalar, std: Tensor | Scalar = 1, ...rest: unknown[]): Tensor {
  const [positional, options] = splitOptions<RandomOptions & { size?: readonly number[] }>(rest);
  const generator = generatorOf(options);
  if (!(mean instanceof Tensor) && !(std instanceof Tensor)) {
    if (options.size) positional.push(options.size);
    if (positional.length === 0) {
      throw new TypeError('normal() received an invalid combination of arguments - got (float, float), but expected (Tensor mean, Tensor std), (Tensor mean, float std), (float mean, Tensor std) or (float mean, float std, tuple of ints size)');
    }
    const out = factoryTensor(factorySize('normal', positional, 'ints'), options);
    return finishFactory(out, sampleNormal(out, out.dtype, scalarValue(mean), scalarValue(std), generator), options);
  }
  if (std instanceof Tensor) checkStdTensor(std);
  else checkStd(scalarValue(std));
  const like = mean instanceof Tensor ? mean : (std as Tensor);
  const shape = mean instanceof Tensor && std instanceof Tensor ? broadcastShapes(mean._shape, std._shape) : like._shape;
  const layout = emptyTensor(shape, like.dtype, like.device);
  // PyTorch scales and shifts in place inside the op (each step rounded to the output's dtype), without bumping the
  // version counter; out-of-place steps cast back give the same values on a fresh tensor.
  const inOutputDType = (t: Tensor) => (t.dtype === layout.dtype ? t : castTensor(t, layout.dtype));
  const out = withGradMode(false, () => {
    if (std instanceof Tensor) return inOutputDType(inOutputDType(sampleNormal(layout, layout.dtype, 0, 1, generator).mul(std)).add(mean));
    return inOutputDType(sampleNormal(layout, layout.dtype, 0, scalarValue(std), generator).add(mean));
  });
  const inputs = [mean, std].filter((t): t is Tensor => t instanceof Tensor);
  const name = !(std instanceof Tensor) ? 'NormalBackward1' : !(mean instanceof Tensor) ? 'NormalBackward2' : 'NormalBackward3';
  record(name, inputs, out, {}, () => inputs.map((t) => zeros_like(t)));
  return out;
}

interface NormalOptions extends GeneratorOption { mean?: Scalar; std?: Scalar }

const methods = {
  /** `x.normal_(0, 0.02)`: fills x in place with normal samples. */
  normal_(this: Tensor, ...args: (Scalar | NormalOptions)[]): Tensor {
    const [positional, options] = splitOptions<NormalOptions>(args);
    const mean = scalarValue((positional[0] as Scalar | undefined) ?? options.mean ?? 0);
    const std = scalarValue((positional[1] as Scalar | undefined) ?? options.std ?? 1);
    const generator = generatorOf(options);
    return randomInPlace(this, 'NormalBackward0', () => sampleNormal(this, this.dtype, mean, std, generator));
  },
};
type NormalMethods = typeof methods;
declare module '../core/tensor.ts' { interface Tensor extends NormalMethods {} }
addMethods(methods);

export const functions = { randn, randn_like, normal };
