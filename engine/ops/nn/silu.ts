// silu (swish): x * sigmoid(x).
import type { Tensor } from '../../core/tensor.ts';
import { activation, activationInPlace, type ActivationSpec } from './activation.ts';
import { bindArgs } from './args.ts';

const spec: ActivationSpec = {
  kernel: 'silu_cpu', grad_fn: 'SiluBackward0', saves: 'self',
  cpu: (x, round) => round(x / round(1 + round(Math.exp(-x)))),
  backward: (grad, x) => {
    // 1 / (1 + e^-x) step by step, so float32 overflows to 0 where PyTorch's does (x.sigmoid() would not).
    const s = x.neg().exp().add(1).reciprocal();
    return grad.mul(s).mul(x.mul(s.neg().add(1)).add(1));
  },
};

/** `F.silu(x)`; `inplace: true` overwrites x. */
export function silu(input: Tensor, ...rest: (boolean | { inplace?: boolean })[]): Tensor {
  const bound = bindArgs('silu', [input, ...rest], ['input', 'inplace'], 1);
  return bound['inplace'] ? activationInPlace(input, spec) : activation(input, spec);
}

export const F = { silu };
