// F.batch_norm: normalizes each channel (dimension 1) over the batch and spatial dimensions. In training it uses
// the batch's statistics and, as PyTorch does, updates running_mean / running_var in place (the variance stored
// unbiased); in evaluation it uses the running statistics. One NativeBatchNormBackward0 node whose backward is
// written with engine ops; in training it recomputes the batch statistics from the input (see layer_norm.ts's
// `normalized`), with running statistics the mean and 1/std are constants.
import { type Scalar, scalarValue } from '../../core/scalar.ts';
import { record } from '../../autograd/record.ts';
import { IndexError, RuntimeError, ValueError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { bindArgs } from './args.ts';
import { normalized } from './layer_norm.ts';

function checkArgs(input: Tensor, stats: [string, Tensor | null][], training: boolean): void {
  const channels = input.ndim > 1 ? input._shape[1]! : 0;
  for (const [name, t] of stats) {
    if (t === null) {
      if (!training && name.startsWith('running')) throw new RuntimeError(`${name} must be defined in evaluation mode`);
    } else if (t.numel() !== channels) {
      throw new RuntimeError(`${name} should contain ${channels} elements not ${t.numel()}`);
    }
  }
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"batch_norm" not implemented for '${input.dtype.scalarName}'`);
  checkDtypes(input, [stats[2]![1], stats[3]![1], stats[0]![1], stats[1]![1]]);
}

/**
 * ATen's CPU dtype checks: parameters (weight, bias, running_mean, running_var) whose first one differs from the
 * input take the mixed-precision path, which wants float32 parameters for a bfloat16 input; otherwise each must
 * match the input.
 */
function checkDtypes(input: Tensor, params: (Tensor | null)[]): void {
  const defined = params.filter((t): t is Tensor => t !== null);
  if (defined.length > 0 && defined[0]!.dtype !== input.dtype) {
    if (defined.some((t) => t.dtype.name !== 'float32')) throw new RuntimeError('mixed dtype (CPU): expect parameter to have scalar type of Float');
    throw new RuntimeError('mixed dtype (CPU): expect input to have scalar type of BFloat16');
  }
  const other = defined.find((t) => t.dtype !== input.dtype);
  if (other) throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${other.dtype.scalarName}`);
}

function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null,
  bias: Tensor | null, training: boolean, momentum: number, eps: number): Tensor {
  if (training) {
    const perChannel = input.numel() / (input._shape[1] ?? 1);
    if (perChannel === 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size torch.Size([${input._shape.join(', ')}])`);
  }
  checkArgs(input, [['running_mean', runningMean], ['running_var', runningVar], ['weight', weight], ['bias', bias]], training);
  const dims = input._shape.map((_, i) => i).filter((i) => i !== 1);
  const channelShape = input._shape.map((s, i) => (i === 1 ? s : 1));
  const [out, mean, rstd] = withGradMode(false, () => {
    let mu: Tensor;
    let variance: Tensor;
    if (training) {
      mu = input.mean(dims, true);
      variance = input.var(dims, { unbiased: false, keepdim: true });
      const count = input.numel() / input._shape[1]!;
      runningMean?.mul_(1 - momentum).add_(mu.reshape(-1).to(runningMean.dtype), { alpha: momentum });
      runningVar?.mul_(1 - momentum).add_(variance.reshape(-1).mul(count / (count - 1)).to(runningVar.dtype), { alpha: momentum });
    } else {
      mu = runningMean!.view(channelShape).to(input.dtype);
      variance = runningVar!.view(channelShape).to(input.dtype);
    }
    const inv = variance.add(eps).rsqrt();
    // PyTorch's kernel: y = x * alpha + beta with alpha = rstd * weight, beta = bias - mean * alpha (bias 0 when
    // absent), so a zero weight gives +0, never -0.
    const alpha = weight !== null ? inv.mul(weight.view(channelShape)) : inv;
    const beta = bias !== null ? bias.view(channelShape).sub(mu.mul(alpha)) : mu.mul(alpha).neg().add(0);
    return [input.mul(alpha).add(beta).contiguous(), mu, inv];
  });
  record('NativeBatchNormBackward0', [input, weight, bias], out, { input, mean, rstd, ...(weight ? { weight } : {}) }, ([grad], saved) => {
    const { xhat, rstd: inv } = training ? normalized(saved.input, dims, eps) : { xhat: saved.input.sub(saved.mean).mul(saved.rstd), rstd: saved.rstd };
    const g = grad!;
    // PyTorch's kernel, term by term, so that zero gradients carry its signs: with c = x - mean and
    // k = sum(c * g) * rstd^2 / n, dx = (g - sum(g) / n - c * k) * rstd * weight.
    let dxhat: Tensor;
    if (training) {
      const count = saved.input.numel() / saved.input._shape[1]!;
      const centered = saved.input.sub(saved.input.mean(dims, true));
      const k = centered.mul(g).sum(dims, true).mul(inv).mul(inv).div(count);
      dxhat = g.sub(g.sum(dims, true).div(count)).sub(centered.mul(k)).mul(inv);
    } else {
      dxhat = g.mul(inv);
    }
    const dx = saved.weight ? dxhat.mul(saved.weight.view(channelShape)) : dxhat;
    return [dx, weight ? grad!.mul(xhat).sum(dims) : null, bias ? grad!.sum(dims) : null];
  });
  return out;
}

export interface BatchNormOptions {
  running_mean?: Tensor | null; running_var?: Tensor | null; weight?: Tensor | null; bias?: Tensor | null; training?: boolean; momentum?: Scalar; eps?: Scalar;
}
type BatchNormArgs = (Tensor | null | boolean | Scalar | BatchNormOptions)[];

/** `F.batch_norm(x, running_mean, running_var, { training: true })`: per-channel (dim 1) normalization. */
export function batch_norm(input: Tensor, ...args: BatchNormArgs): Tensor {
  const bound = bindArgs('batch_norm', [input, ...args], ['input', 'running_mean', 'running_var', 'weight', 'bias', 'training', 'momentum', 'eps'], 3);
  const t = (name: string) => (bound[name] as Tensor | null | undefined) ?? null;
  const training = Boolean(bound['training']);
  if (training && input.ndim < 2) throw new IndexError(`Dimension out of range (expected to be in range of [-1, 0], but got 1)`);
  return batchNorm(input, t('running_mean'), t('running_var'), t('weight'), t('bias'), training, scalarValue((bound['momentum'] as Scalar | undefined) ?? 0.1), scalarValue((bound['eps'] as Scalar | undefined) ?? 1e-5));
}

export const F = { batch_norm };
export const functions = {
  /** `torch.batch_norm(x, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled)`. */
  batch_norm: (input: Tensor, weight: Tensor | null, bias: Tensor | null, runningMean: Tensor | null, runningVar: Tensor | null,
    training: boolean, momentum: number, eps: number, _cudnnEnabled: boolean) => batchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps),
};
