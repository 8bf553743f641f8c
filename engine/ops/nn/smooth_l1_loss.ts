// smooth_l1_loss and huber_loss: quadratic for small differences, linear beyond beta (delta). One node each
// (SmoothL1LossBackward0, HuberLossBackward0) whose gradient is the difference clipped, scaled for smooth_l1.
import { type Scalar, scalarValue } from '../../core/scalar.ts';
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { resultType } from '../dispatch.ts';
import { bindArgs } from './args.ts';
import { broadcastPair, warnOnSizeMismatch } from './broadcast.ts';
import { applyReduction } from './mse_loss.ts';
import { type Reduction, reductionOf, type ReductionOptions } from './reduction.ts';

interface PiecewiseLoss { name: string; kernel: string; grad_fn: string; loss: (d: Tensor) => Tensor; slope: (d: Tensor) => Tensor }

function piecewiseLoss(spec: PiecewiseLoss, input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  const dtype = resultType(input, target);
  if (!dtype.is_floating_point) throw new RuntimeError(`"${spec.kernel}" not implemented for '${dtype.scalarName}'`);
  const out = withGradMode(false, () => applyReduction(spec.loss(input.sub(target)), reduction));
  const norm = reduction === 'mean' ? 1 / input.numel() : 1;
  record(spec.grad_fn, [input, target], out, { input, target }, ([grad], saved) => {
    // Each side's gradient is the slope at its own difference, so a zero difference gives +0 to both, as in ATen.
    const slope = (a: Tensor, b: Tensor) => spec.slope(a.sub(b)).mul(norm).mul(grad!);
    return [slope(saved.input, saved.target), slope(saved.target, saved.input)];
  });
  return out;
}

/**
 * `F.smooth_l1_loss(x, y)`: 0.5 * d^2 / beta where |d| < beta, |d| - 0.5 * beta elsewhere, d = x - y. beta = 0 is
 * the l1 loss, still under SmoothL1LossBackward0 (PyTorch switches kernels inside the op).
 */
export function smooth_l1_loss(input: Tensor, target: Tensor, ...rest: (boolean | string | Scalar | null | ReductionOptions & { beta?: Scalar })[]): Tensor {
  const bound = bindArgs('smooth_l1_loss', [input, target, ...rest], ['input', 'target', 'size_average', 'reduce', 'reduction', 'beta'], 2);
  warnOnSizeMismatch(input, target);
  const reduction = reductionOf(bound as ReductionOptions);
  const beta = scalarValue((bound['beta'] as Scalar | undefined) ?? 1);
  if (beta < 0) throw new RuntimeError('smooth_l1_loss does not support negative values for beta.');
  const [a, b] = broadcastPair(input, target);
  return piecewiseLoss({
    name: 'smooth_l1_loss', kernel: 'smooth_l1_cpu', grad_fn: 'SmoothL1LossBackward0',
    loss: (d) => d.mul(d).mul(0.5 / beta).where(d.abs().lt(beta), d.abs().sub(0.5 * beta)),
    // PyTorch's kernel tests d <= -beta first, so beta = 0 gives -1 (not sign(d) = 0) at d = 0.
    slope: (d) => d.div(beta).where(d.abs().lt(beta), d.le(-beta).to(d.dtype).mul(-2).add(1)),
  }, a, b, reduction);
}

/** `F.huber_loss(x, y, { delta: 2 })`: 0.5 * d^2 where |d| < delta, delta * (|d| - 0.5 * delta) elsewhere. */
export function huber_loss(input: Tensor, target: Tensor, ...rest: (string | Scalar | { reduction?: string; delta?: Scalar })[]): Tensor {
  const bound = bindArgs('huber_loss', [input, target, ...rest], ['input', 'target', 'reduction', 'delta'], 2);
  warnOnSizeMismatch(input, target);
  const reduction = reductionOf({ reduction: bound['reduction'] as string | undefined });
  const delta = scalarValue((bound['delta'] as Scalar | undefined) ?? 1);
  if (delta <= 0) throw new RuntimeError('huber_loss does not support non-positive values for delta.');
  const [a, b] = broadcastPair(input, target);
  return piecewiseLoss({
    name: 'huber_loss', kernel: 'huber_cpu', grad_fn: 'HuberLossBackward0',
    loss: (d) => d.mul(d).mul(0.5).where(d.abs().lt(delta), d.abs().sub(0.5 * delta).mul(delta)),
    slope: (d) => d.clamp(-delta, delta),
  }, a, b, reduction);
}

export const F = { smooth_l1_loss, huber_loss };
