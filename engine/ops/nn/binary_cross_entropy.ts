// binary_cross_entropy: -w (y log(x) + (1 - y) log(1 - x)) for probabilities x, with PyTorch's clamp of each log at
// -100 (so x = 0 or 1 gives a finite loss). Differentiable in input and target (BinaryCrossEntropyBackward0).
import { record } from '../../autograd/record.ts';
import { mapBinary } from '../../backend/cpu/kernels.ts';
import { RuntimeError, ValueError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { broadcastShapes } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { viewOf } from '../dispatch.ts';
import { elementwiseOutput, inOrder } from '../layout.ts';
import { roundingOf } from './activation.ts';
import { bindArgs } from './args.ts';
import { sameShape } from './broadcast.ts';
import { applyReduction } from './mse_loss.ts';
import { type Reduction, reductionOf, type ReductionOptions } from './reduction.ts';

/** The elementwise loss, with the kernel's checks: matching dtypes, floating point, inputs within [0, 1]. */
function elementwiseLoss(input: Tensor, target: Tensor): Tensor {
  if (target.dtype !== input.dtype) throw new RuntimeError(`Found dtype ${target.dtype.scalarName} but expected ${input.dtype.scalarName}`);
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"binary_cross_entropy" not implemented for '${input.dtype.scalarName}'`);
  const shape = broadcastShapes(input._shape, target._shape);
  const { out, order } = elementwiseOutput(shape, input.dtype, input.device, [input, target]);
  const round = roundingOf(input);
  mapBinary(out.storage.data, inOrder(viewOf(input, shape), order), inOrder(viewOf(target, shape), order), (x, y) => {
    if (!(x >= 0 && x <= 1)) throw new RuntimeError('all elements of input should be between 0 and 1');
    const logOneMinus = Math.max(round(Math.log1p(-x)), -100);
    const logX = Math.max(round(Math.log(x)), -100);
    return round(round(round(y - 1) * logOneMinus) - round(y * logX));
  });
  return out;
}

function binaryCrossEntropy(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction): Tensor {
  const out = withGradMode(false, () => {
    const loss = elementwiseLoss(input, target);
    if (weight !== null) loss.mul_(weight);
    return applyReduction(loss, reduction);
  });
  const scaled = (g: Tensor) => {
    const weighted = weight === null ? g : g.mul(weight);
    return reduction === 'mean' ? weighted.div(input.numel()) : weighted;
  };
  record('BinaryCrossEntropyBackward0', [input, target], out, { self: input, target }, ([grad], { self, target: y }) => [
    scaled(grad!.mul(self.sub(y)).div(self.neg().add(1).mul(self).clamp_min(1e-12))),
    scaled(self.neg().add(1).log().sub(self.log()).mul(grad!)),
  ]);
  return out;
}

/** `F.binary_cross_entropy(probabilities, targets)`; options `weight` (broadcast to the target) and `reduction`. */
export function binary_cross_entropy(input: Tensor, target: Tensor, ...rest: (Tensor | boolean | string | null | ReductionOptions & { weight?: Tensor | null })[]): Tensor {
  const bound = bindArgs('binary_cross_entropy', [input, target, ...rest], ['input', 'target', 'weight', 'size_average', 'reduce', 'reduction'], 2);
  const reduction = reductionOf(bound as ReductionOptions);
  if (!sameShape(input, target)) {
    throw new ValueError(`Using a target size (torch.Size([${target._shape.join(', ')}])) that is different to the input size ` +
      `(torch.Size([${input._shape.join(', ')}])) is deprecated. Please ensure they have the same size.`);
  }
  let weight = (bound['weight'] as Tensor | null | undefined) ?? null;
  if (weight !== null) weight = weight.expand(broadcastShapes(target._shape, weight._shape));
  return binaryCrossEntropy(input, target, weight, reduction);
}

export const F = { binary_cross_entropy };
