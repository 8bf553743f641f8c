// What every random op shares: picking the generator, drawing values in PyTorch's visiting order, and running the
// in-place forms (`uniform_`, `normal_`, ...) with PyTorch's version bumps and autograd behaviour.
import { record } from '../autograd/record.ts';
import { type DType, get_default_dtype, toDType } from '../core/dtype.ts';
import { toDevice } from '../core/device.ts';
import { RuntimeError } from '../core/errors.ts';
import { emptyTensor, type Tensor } from '../core/tensor.ts';
import { inPlace, viewOf } from '../ops/dispatch.ts';
import { copyStrided } from '../backend/cpu/kernels.ts';
import { splitOptions } from '../ops/args.ts';
import { factorySize } from '../ops/creation/size.ts';
import { emptyLike } from '../ops/layout.ts';
import type { TensorOptions } from '../ops/creation/tensor.ts';
import { zeros_like } from '../ops/creation/fill.ts';
import { defaultGenerator, Generator } from './generator.ts';
import { forEachInIteratorOrder } from './order.ts';
import { INTERNAL_ONLY } from '../ops/overlap.ts';

export interface GeneratorOption { generator?: Generator | null }
export interface RandomOptions extends TensorOptions, GeneratorOption {}

export function generatorOf(options: GeneratorOption | undefined): Generator {
  const generator = options?.generator;
  if (generator === undefined || generator === null) return defaultGenerator;
  if (!(generator instanceof Generator)) throw new TypeError(`generator must be torch.Generator, not ${typeof generator}`);
  return generator;
}

/** `(2, 3)`, `([2, 3])` or `([2, 3], { dtype })` as a size and options. */
export function sizeAndOptions(fn: string, args: readonly unknown[]): [number[], RandomOptions] {
  const [size, options] = splitOptions<RandomOptions & { size?: readonly number[] }>(args);
  return [factorySize(fn, size.length === 0 && options.size ? [options.size] : size, 'ints'), options];
}

/** A new contiguous tensor for a random factory. */
export function factoryTensor(size: readonly number[], options: TensorOptions, fallback: DType = get_default_dtype()): Tensor {
  const dtype = options.dtype ? toDType(options.dtype) : fallback;
  return emptyTensor(size, dtype, options.device ? toDevice(options.device) : undefined);
}

/** A new tensor laid out like `input` (as empty_like), for the `_like` factories. */
export function likeTensor(input: Tensor, options: TensorOptions): Tensor {
  return emptyLike(input, options.dtype ? toDType(options.dtype) : input.dtype, options.device ? toDevice(options.device) : input.device);
}

/**
 * Puts sampled `values` (contiguous, drawn in `target`'s visiting order) into the factory's `target`, then applies
 * `requires_grad`, as PyTorch's factories do after filling.
 */
export function finishFactory(target: Tensor, values: Tensor, options: TensorOptions): Tensor {
  let out = values;
  if (!target.is_contiguous()) {
    copyStrided(viewOf(target), viewOf(values));
    out = target;
  }
  if (options.requires_grad) out._factoryRequiresGrad();
  return out;
}

/**
 * A contiguous tensor of `layout`'s shape and `dtype` whose elements are drawn in the order PyTorch's serial kernel
 * visits `layout` (Note [TensorIterator order]). `draw` receives each element's storage positions: `layout`'s first,
 * then those in `inputs` (tensors broadcast to layout's shape).
 */
export function drawInOrder(
  layout: Tensor, dtype: DType, draw: (positions: readonly number[]) => number, inputs: readonly Tensor[] = [],
): Tensor {
  const out = emptyTensor(layout._shape, dtype, layout.device);
  const data = out.storage.data;
  const views = [viewOf(layout), ...inputs.map((t) => viewOf(t, layout._shape))];
  forEachInIteratorOrder(layout._shape, views, (index, positions) => {
    data[index] = dtype.cast(draw(positions));
  });
  return out;
}

/**
 * Runs a random fill in place: PyTorch's leaf and overlap checks, then `sample` (which validates its arguments
 * before drawing, so a rejected call leaves the generator untouched), then the write and version bump. On a tensor
 * with history the node's gradient is zero, as PyTorch defines it for random fills.
 */
export function randomInPlace(self: Tensor, grad_fn: string, sample: () => Tensor, others: readonly Tensor[] = []): Tensor {
  return inPlace(self, others, (before) => {
    const out = sample();
    record(grad_fn, [before, ...others], out, {}, ([grad]) => [zeros_like(grad!), ...others.map((o) => zeros_like(o))]);
    return out;
  }, INTERNAL_ONLY);
}

/** The dtype names PyTorch's dispatch errors use: `"normal_kernel_cpu" not implemented for 'Long'`. */
export function notImplemented(kernel: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarName}'`);
}
