// cross_entropy: log_softmax over the class dimension, then nll_loss for class-index targets (so the result's
// grad_fn is NllLossBackward0 over LogSoftmaxBackward0), or -sum(log_softmax * p) for class-probability targets
// (a target shaped like the input), with optional label smoothing, as ATen's cross_entropy_loss composes it (with
// the Scalar overloads of C++, Note [Scalar overloads]).
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { type Scalar, scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addScalar, divScalar, mulScalar } from '../pointwise/arithmetic.ts';
import { bindArgs } from './args.ts';
import { sameShape } from './broadcast.ts';
import { nllLossNd } from './nll_loss.ts';
import { type Reduction, reductionOf, type ReductionOptions } from './reduction.ts';

/** The weight viewed to broadcast along the class dimension of an input of `ndim` dimensions. */
function classWeight(weight: Tensor, ndim: number, classDim: number): Tensor {
  if (ndim <= 1) return weight;
  const shape = new Array<number>(ndim).fill(1);
  shape[classDim] = weight._shape[0]!;
  return weight.view(shape);
}

function probabilityTarget(self: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, smoothing: number): Tensor {
  if (self.ndim === 0) throw new IndexError('Dimension specified as 1 but tensor has no dimensions');
  const classDim = self.ndim === 1 ? 0 : 1;
  const classes = self._shape[classDim]!;
  if (weight !== null && (weight.ndim !== 1 || weight.numel() !== classes)) {
    throw new RuntimeError(`cross_entropy: weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: [${weight._shape.join(', ')}]`);
  }
  const input = self.log_softmax(classDim);
  let smoothed = target;
  if (smoothing > 0) {
    if (smoothing > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${smoothing}`);
    smoothed = addScalar(mulScalar(target, 1 - smoothing), smoothing / classes);
  }
  let product = input.mul(smoothed);
  if (weight !== null) product = product.mul(classWeight(weight, input.ndim, classDim));
  if (reduction === 'none') return product.sum(classDim).neg();
  if (reduction === 'sum') return product.sum().neg();
  if (input.numel() === 0) return product.sum().fill_(NaN).neg();
  return divScalar(product.sum().neg(), Math.trunc(input.numel() / classes));
}

function labelSmoothing(self: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number, smoothing: number): Tensor {
  const classDim = self.ndim === 1 ? 0 : 1;
  const input = self.log_softmax(classDim);
  const nll = nllLossNd(input, target, weight, reduction, ignoreIndex);
  const classes = input._shape[classDim]!;
  const ignored = target.eq(ignoreIndex);
  const smooth = (weight === null ? input : input.mul(classWeight(weight, input.ndim, classDim))).sum(classDim).neg();
  smooth.setitem(ignored, 0);
  let total: Tensor;
  if (reduction === 'none') total = smooth;
  else if (reduction === 'sum') total = smooth.sum();
  else if (weight !== null) total = smooth.sum().div(weight.gather(0, target.masked_select(ignored.logical_not()).flatten()).sum());
  else total = smooth.masked_select(ignored.logical_not()).mean();
  return mulScalar(nll, 1 - smoothing).add(mulScalar(total, smoothing / classes));
}

export interface CrossEntropyOptions extends ReductionOptions { weight?: Tensor | null; ignore_index?: number; label_smoothing?: Scalar }

/** `F.cross_entropy(logits, classes)` or `F.cross_entropy(logits, probabilities)`; options as nll_loss plus `label_smoothing`. */
export function cross_entropy(input: Tensor, target: Tensor, ...rest: (Tensor | boolean | number | string | null | CrossEntropyOptions)[]): Tensor {
  const bound = bindArgs('cross_entropy', [input, target, ...rest],
    ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'], 2);
  const reduction = reductionOf(bound as ReductionOptions);
  const weight = (bound['weight'] as Tensor | null | undefined) ?? null;
  const ignoreIndex = (bound['ignore_index'] as number | undefined) ?? -100;
  const smoothing = scalarValue((bound['label_smoothing'] as Scalar | undefined) ?? 0);
  if (sameShape(input, target)) {
    if (!target.dtype.is_floating_point) {
      throw new RuntimeError(`Expected floating point type for target with class probabilities, got ${target.dtype.scalarName}`);
    }
    if (ignoreIndex >= 0) throw new RuntimeError('ignore_index is not supported for floating point target');
    return probabilityTarget(input, target, weight, reduction, smoothing);
  }
  if (smoothing > 0) {
    if (smoothing > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${smoothing}`);
    return labelSmoothing(input, target, weight, reduction, ignoreIndex, smoothing);
  }
  return nllLossNd(input.log_softmax(input.ndim === 1 ? 0 : 1), target, weight, reduction, ignoreIndex);
}

export const F = { cross_entropy };
