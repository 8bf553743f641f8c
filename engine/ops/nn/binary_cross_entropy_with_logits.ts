// binary_cross_entropy_with_logits: binary cross entropy of sigmoid(x) computed from the logits x without
// overflow, as log(1 + e^-x) = m + log(e^-m + e^(-x-m)) with m = max(-x, 0). The forward is PyTorch's sequence of
// ops (so dtypes promote and fail as there); the result has one node, BinaryCrossEntropyWithLogitsBackward0.
import { record } from '../../autograd/record.ts';
import { ValueError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { rsub } from '../pointwise/arithmetic.ts';
import { bindArgs } from './args.ts';
import { sameShape } from './broadcast.ts';
import { applyReduction } from './mse_loss.ts';
import { type Reduction, reductionOf, type ReductionOptions } from './reduction.ts';

interface Weights { weight: Tensor | null; posWeight: Tensor | null }

function forward(input: Tensor, target: Tensor, { weight, posWeight }: Weights, reduction: Reduction): Tensor {
  const maxVal = input.neg().clamp_min_(0);
  const logTerm = () => maxVal.neg().exp_().add_(input.neg().sub(maxVal).exp_()).log_();
  const loss = posWeight === null
    ? rsub(target, 1).mul_(input).add_(maxVal).add_(logTerm())
    : rsub(target, 1).mul_(input).add_(posWeight.sub(1).mul(target).add_(1).mul_(logTerm().add_(maxVal)));
  if (weight !== null) loss.mul_(weight);
  return applyReduction(loss, reduction);
}

function lossWithLogits(input: Tensor, target: Tensor, weights: Weights, reduction: Reduction): Tensor {
  const out = withGradMode(false, () => forward(input, target, weights, reduction));
  const { weight, posWeight } = weights;
  const scaled = (g: Tensor) => {
    const weighted = weight === null ? g : g.mul(weight);
    return reduction === 'mean' ? weighted.div(input.numel()) : weighted;
  };
  record('BinaryCrossEntropyWithLogitsBackward0', [input, target], out, { self: input, target }, ([grad], { self: x, target: y }) => {
    let gradInput: Tensor;
    if (posWeight === null) {
      gradInput = x.sigmoid().sub(y).mul(grad!);
    } else {
      const t = posWeight.mul(y);
      gradInput = t.add(1).sub(y).mul(x.sigmoid()).sub(t).mul(grad!);
    }
    // d/dy is -x + (pos_weight - 1) * softplus(-x).
    const softplusOfNegative = x.neg().clamp_min(0).add(x.abs().neg().exp().log1p());
    const gradTarget = posWeight === null ? x.neg() : x.neg().add(posWeight.sub(1).mul(softplusOfNegative));
    return [scaled(gradInput), scaled(gradTarget.mul(grad!))];
  });
  return out;
}

/** `F.binary_cross_entropy_with_logits(logits, targets)`; options `weight`, `pos_weight`, `reduction`. */
export function binary_cross_entropy_with_logits(
  input: Tensor, target: Tensor, ...rest: (Tensor | boolean | string | null | ReductionOptions & { weight?: Tensor | null; pos_weight?: Tensor | null })[]
): Tensor {
  const bound = bindArgs('binary_cross_entropy_with_logits', [input, target, ...rest],
    ['input', 'target', 'weight', 'size_average', 'reduce', 'reduction', 'pos_weight'], 2);
  const reduction = reductionOf(bound as ReductionOptions);
  if (!sameShape(input, target)) {
    throw new ValueError(`Target size (torch.Size([${target._shape.join(', ')}])) must be the same as input size (torch.Size([${input._shape.join(', ')}]))`);
  }
  const weights = { weight: (bound['weight'] as Tensor | null | undefined) ?? null, posWeight: (bound['pos_weight'] as Tensor | null | undefined) ?? null };
  return lossWithLogits(input, target, weights, reduction);
}

export const F = { binary_cross_entropy_with_logits };
