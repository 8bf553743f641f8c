// GELU: x * Phi(x), with Phi the standard normal CDF ('none', through erf) or its tanh approximation ('tanh'). As in
// PyTorch, its derivative is an op of its own (gelu_backward, GeluBackwardBackward0), so that gradients of the
// gradient work without a tensor-level erf.
import { record } from '../../autograd/record.ts';
import { mapBinary } from '../../backend/cpu/kernels.ts';
import { RuntimeError } from '../../core/errors.ts';
import { broadcastShapes } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { viewOf } from '../dispatch.ts';
import { elementwiseOutput, inOrder } from '../layout.ts';
import { activation, type ActivationSpec, type Round, roundingOf } from './activation.ts';
import { bindArgs } from './args.ts';
import { erf } from './erf.ts';

type Approximate = 'none' | 'tanh';

/** 1 / sqrt(2 pi), the normal density's constant. */
const INV_SQRT_2PI = (2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5;
/** sqrt(2 / pi) and the cubic coefficient of the tanh approximation. */
const BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
const KAPPA = 0.044715;

/**
 * Note [oneDNN GELU]: PyTorch hands contiguous float32 tensors of more than one element to oneDNN, whose GELU is
 * S + S * erf(x / sqrt(2)) with S = x / 2 and erf from Abramowitz & Stegun 7.1.26. Its results differ from the
 * exact formula in the last bits, and it gives +0 (not -0) for large negative x; this reproduces it.
 */
function oneDnnGelu(s: number, round: Round): number {
  const x = round(s * Math.SQRT1_2);
  const t = round(1 / round(round(0.3275911 * Math.abs(x)) + 1));
  let r = 1.061405429;
  for (const c of [-1.453152027, 1.421413741, -0.284496736, 0.254829592]) r = round(round(r * t) + c);
  const magnitude = round(1 - round(round(r * t) * round(Math.exp(-round(x * x)))));
  const half = round(0.5 * s);
  // The sign is copied from x's sign bit, so -0 gets -magnitude and the result is +0.
  return round(half + round(half * (x < 0 || Object.is(x, -0) ? -magnitude : magnitude)));
}

function exactGelu(x: number, round: Round): number {
  return round(round(x * 0.5) * round(1 + round(erf(round(x * Math.SQRT1_2)))));
}

function tanhGelu(x: number, round: Round): number {
  const inner = round(BETA * round(x + round(KAPPA * round(round(x * x) * x))));
  return round(round(0.5 * x) * round(1 + round(Math.tanh(inner))));
}

/** d gelu / dx at x. */
function derivative(x: number, approximate: Approximate): number {
  if (approximate === 'none') return 0.5 * (1 + erf(x * Math.SQRT1_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  const tanhInner = Math.tanh(BETA * (x + KAPPA * x * x * x));
  return 0.5 * (1 + tanhInner) + 0.5 * x * (1 - tanhInner * tanhInner) * BETA * (1 + 3 * KAPPA * x * x);
}

/** d^2 gelu / dx^2, with engine ops. */
function secondDerivative(x: Tensor, approximate: Approximate): Tensor {
  const squared = x.mul(x);
  if (approximate === 'none') return squared.mul(-0.5).exp().mul(INV_SQRT_2PI).mul(squared.neg().add(2));
  const tanhInner = x.add(squared.mul(x).mul(KAPPA)).mul(BETA).tanh();
  const sech2 = tanhInner.mul(tanhInner).neg().add(1);
  const innerDerivative = squared.mul(3 * KAPPA).add(1).mul(BETA);
  const outer = sech2.mul(innerDerivative);
  return outer.add(x.mul(0.5).mul(sech2.mul(x).mul(6 * BETA * KAPPA).sub(outer.mul(tanhInner).mul(innerDerivative).mul(2))));
}

/** gelu_backward: grad * gelu'(self); differentiable in both, for double backward. */
function geluBackward(grad: Tensor, self: Tensor, approximate: Approximate): Tensor {
  const shape = broadcastShapes(grad._shape, self._shape);
  const { out, order } = elementwiseOutput(shape, self.dtype, self.device, [grad, self]);
  const round = roundingOf(self);
  mapBinary(out.storage.data, inOrder(viewOf(grad, shape), order), inOrder(viewOf(self, shape), order),
    (g, x) => g * round(derivative(x, approximate)));
  record('GeluBackwardBackward0', [grad, self], out, { grad, self }, ([g], saved) => [
    geluBackward(g!, saved.self, approximate),
    g!.mul(saved.grad).mul(secondDerivative(saved.self, approximate)),
  ]);
  return out;
}

function spec(approximate: Approximate, cpu: ActivationSpec['cpu']): ActivationSpec {
  return { kernel: 'GeluKernelImpl', grad_fn: 'GeluBackward0', saves: 'self', cpu, backward: (grad, x) => geluBackward(grad, x, approximate) };
}
const exact = spec('none', exactGelu);
const oneDnn = spec('none', oneDnnGelu);
const tanhApproximation = spec('tanh', tanhGelu);

/** `F.gelu(x)` or `F.gelu(x, { approximate: 'tanh' })`. */
export function gelu(input: Tensor, options?: { approximate?: Approximate }): Tensor;
export function gelu(...args: unknown[]): Tensor {
  const bound = bindArgs('gelu', args, ['input'], 1, ['approximate']);
  const input = bound['input'] as Tensor;
  const approximate = bound['approximate'] ?? 'none';
  if (approximate === 'tanh') return activation(input, tanhApproximation);
  if (approximate !== 'none') throw new RuntimeError('approximate argument must be either none or tanh.');
  const useOneDnn = input.dtype.name === 'float32' && input.is_contiguous() && input.numel() > 1;
  return activation(input, useOneDnn ? oneDnn : exact);
}

export const F = { gelu };
