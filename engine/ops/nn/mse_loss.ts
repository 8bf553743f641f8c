// mse_loss: the mean (or sum) of squared differences; one MseLossBackward0 node whose backward is
// 2 * (input - target) * grad, divided by the element count for 'mean'.
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { resultType } from '../dispatch.ts';
import { bindArgs } from './args.ts';
import { broadcastPair, warnOnSizeMismatch } from './broadcast.ts';
import { type Reduction, reductionOf, type ReductionOptions } from './reduction.ts';

/** Reduces an elementwise loss as ATen's apply_loss_reduction does. */
export function applyReduction(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === 'mean' ? loss.mean() : reduction === 'sum' ? loss.sum() : loss;
}

function mseLoss(input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  const dtype = resultType(input, target);
  if (!dtype.is_floating_point) throw new RuntimeError(`"mse_cpu" not implemented for '${dtype.scalarName}'`);
  const out = withGradMode(false, () => {
    const difference = input.sub(target);
    return applyReduction(difference.mul(difference), reduction);
  });
  const norm = reduction === 'mean' ? 2 / input.numel() : 2;
  record('MseLossBackward0', [input, target], out, { self: input, target }, ([grad], saved) => [
    saved.self.sub(saved.target).mul(norm).mul(grad!),
    saved.target.sub(saved.self).mul(norm).mul(grad!),
  ]);
  return out;
}

/** `F.mse_loss(prediction, target)`; `reduction` is 'mean' (default), 'sum' or 'none'. */
export function mse_loss(input: Tensor, target: Tensor, ...rest: (boolean | string | null | ReductionOptions)[]): Tensor {
  const bound = bindArgs('mse_loss', [input, target, ...rest], ['input', 'target', 'size_average', 'reduce', 'reduction'], 2);
  warnOnSizeMismatch(input, target);
  const reduction = reductionOf(bound as ReductionOptions);
  const [a, b] = broadcastPair(input, target);
  return mseLoss(a, b, reduction);
}

/** `F.l1_loss(prediction, target)`: the mean (or sum) of absolute differences, built from sub, abs and mean. */
export function l1_loss(input: Tensor, target: Tensor, ...rest: (boolean | string | null | ReductionOptions)[]): Tensor {
  const bound = bindArgs('l1_loss', [input, target, ...rest], ['input', 'target', 'size_average', 'reduce', 'reduction'], 2);
  warnOnSizeMismatch(input, target);
  const reduction = reductionOf(bound as ReductionOptions);
  const [a, b] = broadcastPair(input, target);
  return applyReduction(a.sub(b).abs(), reduction);
}

export const F = { mse_loss, l1_loss };
