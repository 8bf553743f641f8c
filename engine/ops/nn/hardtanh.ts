// The piecewise-linear "hard" activations: hardtanh (and relu6, which is hardtanh(x, 0, 6)), hardsigmoid and
// hardswish. Their derivatives are 0 or a constant (a line for hardswish) on each piece.
import { RuntimeError } from '../../core/errors.ts';
import type { Scalar } from '../../core/scalar.ts';
import { scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { activation, activationInPlace, type ActivationSpec } from './activation.ts';
import { emptyLike } from '../layout.ts';
import { bindArgs } from './args.ts';

function hardtanhSpec(min: number, max: number, inplace: boolean): ActivationSpec {
  return {
    kernel: 'hardtanh_cpu', grad_fn: 'HardtanhBackward0', saves: inplace ? 'result' : 'self', layout: 'like_input',
    // std::min(std::max(x, min), max) as PyTorch's clamp: keeps x on ties, so -0 stays -0 (Math.max(-0, 0) is 0).
    cpu: (x) => {
      const low = x < min ? min : x;
      return max < low ? max : low;
    },
    backward: (grad, x) => grad.masked_fill(x.gt(min).logical_and(x.lt(max)).logical_not(), 0),
  };
}

function applyHardtanh(input: Tensor, min: number, max: number, inplace: boolean): Tensor {
  if (input.dtype.name === 'bool') throw new RuntimeError('Bool inputs not supported for hardtanh');
  // Integer tensors are clamped, without a gradient, to bounds truncated to integers (PyTorch's legacy rule that
  // the bounds never promote): hardtanh(int tensor, -0.5, 1.5) clamps to [0, 1]. `+ 0` turns -0 into 0.
  if (!input.dtype.is_floating_point) {
    const [lo, hi] = [Math.trunc(min) + 0, Math.trunc(max) + 0];
    return inplace ? input.clamp_(lo, hi) : emptyLike(input).copy_(input.clamp(lo, hi));
  }
  return inplace ? activationInPlace(input, hardtanhSpec(min, max, true)) : activation(input, hardtanhSpec(min, max, false));
}

/** `F.hardtanh(x)`: x clamped to [-1, 1]; `F.hardtanh(x, -2, 2)` to [-2, 2]. */
export function hardtanh(input: Tensor, ...rest: (Scalar | boolean | { min_val?: Scalar; max_val?: Scalar; inplace?: boolean })[]): Tensor {
  const bound = bindArgs('hardtanh', [input, ...rest], ['input', 'min_val', 'max_val', 'inplace'], 1);
  const min = scalarValue((bound['min_val'] as Scalar | undefined) ?? -1);
  const max = scalarValue((bound['max_val'] as Scalar | undefined) ?? 1);
  return applyHardtanh(input, min, max, Boolean(bound['inplace']));
}

/** `F.relu6(x)`: x clamped to [0, 6]. */
export function relu6(input: Tensor, ...rest: (boolean | { inplace?: boolean })[]): Tensor {
  const bound = bindArgs('relu6', [input, ...rest], ['input', 'inplace'], 1);
  return applyHardtanh(input, 0, 6, Boolean(bound['inplace']));
}

const hardsigmoidSpec: ActivationSpec = {
  kernel: 'hardsigmoid_cpu', grad_fn: 'HardsigmoidBackward0', saves: 'self',
  cpu: (x, round) => round(Math.min(Math.max(round(x + 3), 0), 6) / 6),
  // PyTorch's kernel multiplies by the float32 constant 1.0f / 6.0f, in float64 too.
  backward: (grad, x) => grad.mul(Math.fround(1 / 6)).masked_fill(x.gt(-3).logical_and(x.lt(3)).logical_not(), 0),
};

const hardswishSpec: ActivationSpec = {
  kernel: 'hardswish_cpu', grad_fn: 'HardswishBackward0', saves: 'self',
  cpu: (x, round) => round(round(x * Math.min(Math.max(round(x + 3), 0), 6)) / 6),
  backward: (grad, x) => grad.mul(x.div(3).add(0.5)).where(x.le(3), grad).masked_fill(x.lt(-3), 0),
};

/** `F.hardsigmoid(x)`: clamp(x / 6 + 1/2, 0, 1). */
export function hardsigmoid(input: Tensor, ...rest: (boolean | { inplace?: boolean })[]): Tensor {
  const bound = bindArgs('hardsigmoid', [input, ...rest], ['input', 'inplace'], 1);
  return bound['inplace'] ? activationInPlace(input, hardsigmoidSpec) : activation(input, hardsigmoidSpec);
}

/** `F.hardswish(x)`: x * hardsigmoid(x). */
export function hardswish(input: Tensor, ...rest: (boolean | { inplace?: boolean })[]): Tensor {
  const bound = bindArgs('hardswish', [input, ...rest], ['input', 'inplace'], 1);
  return bound['inplace'] ? activationInPlace(input, hardswishSpec) : activation(input, hardswishSpec);
}

export const F = { hardtanh, relu6, hardsigmoid, hardswish };
