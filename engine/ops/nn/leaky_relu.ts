// leaky_relu: x for x > 0, negative_slope * x otherwise.
import type { Scalar } from '../../core/scalar.ts';
import { scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { activation, activationInPlace, type ActivationSpec } from './activation.ts';
import { bindArgs } from './args.ts';

/** The derivative is 1 or the slope, by the sign of the input (or of the output, which has the same sign). */
function spec(slope: number, inplace: boolean): ActivationSpec {
  return {
    kernel: 'leaky_relu_cpu', grad_fn: inplace ? 'LeakyReluBackward1' : 'LeakyReluBackward0', saves: inplace ? 'result' : 'self',
    cpu: (x, round) => (x > 0 ? x : round(x * round(slope))),
    backward: (grad, saved) => grad.where(saved.gt(0), grad.mul(slope)),
  };
}

/** `F.leaky_relu(x, 0.2)`; `negative_slope` defaults to 0.01, `inplace: true` overwrites x. */
export function leaky_relu(input: Tensor, ...rest: (Scalar | boolean | { negative_slope?: Scalar; inplace?: boolean })[]): Tensor {
  const bound = bindArgs('leaky_relu', [input, ...rest], ['input', 'negative_slope', 'inplace'], 1);
  const slope = scalarValue((bound['negative_slope'] as Scalar | undefined) ?? 0.01);
  return bound['inplace'] ? activationInPlace(input, spec(slope, true)) : activation(input, spec(slope, false));
}

export const F = { leaky_relu };
