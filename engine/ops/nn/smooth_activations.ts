// The smooth activations logsigmoid, mish (each one kernel and node, as in ATen) and softsign (composed, as in
// torch.nn.functional: x / (1 + |x|)).
import type { Tensor } from '../../core/tensor.ts';
import { activation, activationInPlace, type ActivationSpec } from './activation.ts';
import { bindArgs } from './args.ts';

const logsigmoidSpec: ActivationSpec = {
  kernel: 'log_sigmoid_cpu', grad_fn: 'LogSigmoidBackward0', saves: 'self', layout: 'contiguous',
  cpu: (x, round) => round(Math.min(x, 0) - round(Math.log1p(round(Math.exp(-Math.abs(x)))))),
  backward: (grad, x) => grad.mul(x.neg().sigmoid()),
};

const mishSpec: ActivationSpec = {
  kernel: 'mish_cpu', grad_fn: 'MishBackward0', saves: 'self',
  cpu: (x, round) => round(x * round(Math.tanh(round(Math.log1p(round(Math.exp(x))))))),
  backward: (grad, x) => {
    const t = x.exp().log1p().tanh();
    return grad.mul(t.add(x.mul(x.sigmoid()).mul(t.mul(t).neg().add(1))));
  },
};

/** `F.logsigmoid(x)`: log(1 / (1 + exp(-x))), computed without overflow. */
export function logsigmoid(input: Tensor): Tensor { return activation(input, logsigmoidSpec); }

/** `F.mish(x)`: x * tanh(softplus(x)). */
export function mish(input: Tensor, ...rest: (boolean | { inplace?: boolean })[]): Tensor {
  const bound = bindArgs('mish', [input, ...rest], ['input', 'inplace'], 1);
  return bound['inplace'] ? activationInPlace(input, mishSpec) : activation(input, mishSpec);
}

/** `F.softsign(x)`: x / (1 + |x|). */
export function softsign(input: Tensor): Tensor { return input.div(input.abs().add(1)); }

export const F = { logsigmoid, mish, softsign };
