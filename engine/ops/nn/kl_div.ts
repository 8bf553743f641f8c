// kl_div: pointwise KL divergence target * (log(target) - input), input being log-probabilities, composed from
// engine ops as ATen composes it; 'batchmean' sums and divides by the batch size, as torch.nn.functional does.
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { bindArgs, warn } from './args.ts';
import { applyReduction } from './mse_loss.ts';
import { reductionOf, type ReductionOptions } from './reduction.ts';

/** `F.kl_div(logProbabilities, target, { reduction: 'batchmean' })`; `log_target: true` takes log-probabilities as target. */
export function kl_div(input: Tensor, target: Tensor, ...rest: (boolean | string | null | ReductionOptions & { log_target?: boolean })[]): Tensor {
  const bound = bindArgs('kl_div', [input, target, ...rest], ['input', 'target', 'size_average', 'reduce', 'reduction', 'log_target'], 2);
  const legacy = bound['size_average'] !== undefined && bound['size_average'] !== null || bound['reduce'] !== undefined && bound['reduce'] !== null;
  const name = legacy ? reductionOf(bound as ReductionOptions) : (bound['reduction'] as string | undefined) ?? 'mean';
  if (name === 'mean') {
    warn("reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.");
  }
  const reduction = name === 'batchmean' ? 'sum' : reductionOf({ reduction: name });
  if (!input.dtype.is_floating_point || !target.dtype.is_floating_point) throw new RuntimeError('kl_div: Integral inputs not supported.');
  // xlogy(target, target): 0 where the target is 0, without a log(0) reaching the gradient.
  const pointwise = bound['log_target']
    ? target.exp().mul(target.sub(input))
    : target.mul(target.masked_fill(target.eq(0), 1).log()).sub(target.mul(input));
  const reduced = applyReduction(pointwise, reduction);
  return name === 'batchmean' && input.ndim !== 0 ? reduced.div(input._shape[0]!) : reduced;
}

export const F = { kl_div };
export const functions = {
  /** `torch.kl_div(input, target, 2)`: the pointwise divergence, reduced by 1 (mean) or 2 (sum); unreduced by default, as PyTorch's binding leaves it. */
  kl_div: (input: Tensor, target: Tensor, reduction = 0, log_target = false) => {
    const pointwise = log_target ? target.exp().mul(target.sub(input)) : target.mul(target.masked_fill(target.eq(0), 1).log()).sub(target.mul(input));
    return applyReduction(pointwise, reduction === 0 ? 'none' : reduction === 2 ? 'sum' : 'mean');
  },
};
