// elu: x for x > 0, alpha * (exp(x) - 1) otherwise.
import type { Scalar } from '../../core/scalar.ts';
import { scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { activation, activationInPlace, type ActivationSpec } from './activation.ts';
import { bindArgs } from './args.ts';

/** Out of place the derivative comes from the input (alpha * exp(x)); in place from the output (y + alpha). */
function spec(alpha: number, inplace: boolean): ActivationSpec {
  return {
    kernel: 'elu_cpu', grad_fn: inplace ? 'EluBackward1' : 'EluBackward0', saves: inplace ? 'result' : 'self',
    cpu: (x, round) => (x <= 0 ? round(round(round(Math.exp(x)) - 1) * round(alpha)) : x),
    backward: inplace
      ? (grad, result) => grad.mul(result.add(alpha)).where(result.le(0), grad)
      : (grad, x) => grad.mul(alpha).mul(x.exp()).where(x.le(0), grad),
  };
}

/** `F.elu(x)` or `F.elu(x, { alpha: 0.5 })`; `inplace: true` overwrites x. */
export function elu(input: Tensor, ...rest: (Scalar | boolean | { alpha?: Scalar; inplace?: boolean })[]): Tensor {
  const bound = bindArgs('elu', [input, ...rest], ['input', 'alpha', 'inplace'], 1);
  const alpha = scalarValue((bound['alpha'] as Scalar | undefined) ?? 1);
  return bound['inplace'] ? activationInPlace(input, spec(alpha, true)) : activation(input, spec(alpha, false));
}

export const F = { elu };
