// softplus: log(1 + exp(beta * x)) / beta, and x itself once beta * x passes the threshold.
import type { Scalar } from '../../core/scalar.ts';
import { scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { activation, type ActivationSpec } from './activation.ts';
import { bindArgs } from './args.ts';

function spec(beta: number, threshold: number): ActivationSpec {
  return {
    kernel: 'softplus_cpu', grad_fn: 'SoftplusBackward0', saves: 'self',
    cpu: (x, round) => {
      const scaled = round(x * round(beta));
      return scaled > threshold ? x : round(round(Math.log1p(round(Math.exp(scaled)))) / round(beta));
    },
    backward: (grad, x) => {
      const z = x.mul(beta).exp();
      return grad.where(x.mul(beta).gt(threshold), grad.mul(z).div(z.add(1)));
    },
  };
}

/** `F.softplus(x)`, `F.softplus(x, 2, 10)` or `F.softplus(x, { beta: 2, threshold: 10 })`. */
export function softplus(input: Tensor, ...rest: (Scalar | { beta?: Scalar; threshold?: Scalar })[]): Tensor {
  const bound = bindArgs('softplus', [input, ...rest], ['input', 'beta', 'threshold'], 1);
  const beta = scalarValue((bound['beta'] as Scalar | undefined) ?? 1);
  const threshold = scalarValue((bound['threshold'] as Scalar | undefined) ?? 20);
  return activation(input, spec(beta, threshold));
}

export const F = { softplus };
