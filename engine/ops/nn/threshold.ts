// threshold: x where x > threshold, else value. One ThresholdBackward0 node (ThresholdBackward1 in place, from
// the output) passing the gradient where x > threshold.
import { record } from '../../autograd/record.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Scalar } from '../../core/scalar.ts';
import { scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { inPlace } from '../dispatch.ts';
import { thresholdBackward } from '../pointwise/activation.ts';
import { elementwiseOutput } from '../layout.ts';
import { bindArgs } from './args.ts';

function thresholdOp(input: Tensor, threshold: number, value: number, gradFn: string): Tensor {
  // Laid out as an elementwise op's result (masked_fill's would be contiguous).
  const out = withGradMode(false, () => elementwiseOutput(input._shape, input.dtype, input.device, [input]).out
    .copy_(input.masked_fill(input.le(threshold), input.dtype.is_floating_point ? value : Math.trunc(value))));
  // Out of place the gradient is threshold_backward over the input (its own, differentiable node); in place PyTorch's
  // formula masks by the output and records no node for the gradient.
  record(gradFn, [input], out, { saved: gradFn === 'ThresholdBackward0' ? input : out }, ([grad], { saved }) =>
    [gradFn === 'ThresholdBackward0' ? thresholdBackward(grad!, saved, threshold) : grad!.masked_fill(saved.le(threshold), 0)]);
  return out;
}

/** `F.threshold(x, 0.5, -1.0)`: x where x > 0.5, else -1. */
export function threshold(input: Tensor, ...rest: (Scalar | boolean | { threshold?: Scalar; value?: Scalar; inplace?: boolean })[]): Tensor {
  const bound = bindArgs('threshold', [input, ...rest], ['input', 'threshold', 'value', 'inplace'], 3);
  const limit = scalarValue(bound['threshold'] as Scalar);
  const value = scalarValue(bound['value'] as Scalar);
  if (bound['inplace']) return inPlace(input, [], (before) => thresholdOp(before, limit, value, 'ThresholdBackward1'));
  return thresholdOp(input, limit, value, 'ThresholdBackward0');
}

export const F = { threshold };
export const functions = {
  /** `torch.threshold(x, 0.5, -1.0)`. */
  threshold: (input: Tensor, limit: Scalar, value: Scalar) => threshold(input, limit, value),
};
