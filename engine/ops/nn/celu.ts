// selu and celu, the scaled and continuously differentiable relatives of elu. Out of place their derivatives come
// from the input (EluBackward0, CeluBackward0); in place from the output (EluBackward1, CeluBackward1).
import { RuntimeError } from '../../core/errors.ts';
import type { Scalar } from '../../core/scalar.ts';
import { scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { activation, activationInPlace, type ActivationSpec } from './activation.ts';
import { bindArgs } from './args.ts';

const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** scale * (x if x > 0 else alpha * (exp(x / inputScale) - 1)), ATen's elu with its three parameters. */
function eluSpec(kernel: string, names: [string, string], alpha: number, scale: number, inputScale: number, inplace: boolean): ActivationSpec {
  return {
    kernel, grad_fn: inplace ? names[1] : names[0], saves: inplace ? 'result' : 'self',
    cpu: (x, round) => (x <= 0 ? round(round(round(round(Math.exp(round(x * inputScale))) - 1) * round(alpha)) * round(scale)) : round(x * round(scale))),
    backward: inplace
      ? (grad, result) => grad.mul(result.add(alpha * scale)).mul(inputScale).where(result.le(0), grad.mul(scale))
      : (grad, x) => grad.mul(x.mul(inputScale).exp()).mul(alpha * scale * inputScale).where(x.le(0), grad.mul(scale)),
  };
}

/** `F.selu(x)`: scale * elu(x, alpha) with the self-normalizing constants. */
export function selu(input: Tensor, ...rest: (boolean | { inplace?: boolean })[]): Tensor {
  const bound = bindArgs('selu', [input, ...rest], ['input', 'inplace'], 1);
  const spec = (inplace: boolean) => eluSpec('elu_cpu', ['EluBackward0', 'EluBackward1'], SELU_ALPHA, SELU_SCALE, 1, inplace);
  return bound['inplace'] ? activationInPlace(input, spec(true)) : activation(input, spec(false));
}

/** `F.celu(x, { alpha: 2 })`: x if x > 0 else alpha * (exp(x / alpha) - 1). */
export function celu(input: Tensor, ...rest: (Scalar | boolean | { alpha?: Scalar; inplace?: boolean })[]): Tensor {
  const bound = bindArgs('celu', [input, ...rest], ['input', 'alpha', 'inplace'], 1);
  const alpha = scalarValue((bound['alpha'] as Scalar | undefined) ?? 1);
  if (alpha === 0) throw new RuntimeError('ZeroDivisionError: alpha cannot be 0 for CELU');
  const spec = (inplace: boolean) => eluSpec('elu_cpu', ['CeluBackward0', 'CeluBackward1'], alpha, 1, 1 / alpha, inplace);
  return bound['inplace'] ? activationInPlace(input, spec(true)) : activation(input, spec(false));
}

export const F = { selu, celu };
export const functions = {
  /** `torch.selu(x)`. */
  selu: (input: Tensor) => selu(input),
  /** `torch.celu(x, 2)`. */
  celu: (input: Tensor, alpha: Scalar = 1) => celu(input, alpha),
};
