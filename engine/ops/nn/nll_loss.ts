// nll_loss: the negative log likelihood of class-index targets, -input[n, target[n]] * weight[target[n]], for inputs
// (C), (N, C) and (N, C, d1, ...). Like PyTorch, 1-D and 2-D inputs run nll_loss (NllLossBackward0), 4-D inputs
// nll_loss2d (NllLoss2DBackward0), and other ranks are viewed as 4-D (N, C, 1, -1) and back.
import { record } from '../../autograd/record.ts';
import { bool, int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError, ValueError } from '../../core/errors.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { scalarTensor } from '../dispatch.ts';
import { bindArgs } from './args.ts';
import { type Reduction, reductionOf, type ReductionOptions } from './reduction.ts';

export interface NllLossOptions extends ReductionOptions { weight?: Tensor | null; ignore_index?: number }

/** `F.nll_loss(logProbs, target)`; options `weight`, `ignore_index` (-100), `reduction` ('mean' | 'sum' | 'none'). */
export function nll_loss(input: Tensor, target: Tensor, ...rest: (Tensor | boolean | number | string | null | NllLossOptions)[]): Tensor {
  const bound = bindArgs('nll_loss', [input, target, ...rest], ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], 2);
  const reduction = reductionOf(bound as ReductionOptions);
  return nllLossNd(input, target, (bound['weight'] as Tensor | null | undefined) ?? null, reduction, (bound['ignore_index'] as number | undefined) ?? -100);
}

/** PyTorch's nll_loss_nd: checks the batch sizes and routes by rank. */
export function nllLossNd(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  if (input.ndim < 1) throw new ValueError(`Expected 1 or more dimensions (got ${input.ndim})`);
  if (input.ndim !== 1 && input._shape[0] !== (target._shape[0] ?? 0)) {
    throw new ValueError(`Expected input batch_size (${input._shape[0]}) to match target batch_size (${target._shape[0] ?? 0}).`);
  }
  if (input.ndim <= 2) return nllLoss(input, target, weight, reduction, ignoreIndex);
  if (input.ndim === 4) return nllLoss2d(input, target, weight, reduction, ignoreIndex);
  const [n, c] = input._shape as [number, number];
  const outSize = [n, ...input._shape.slice(2)];
  if (target.ndim !== outSize.length || target._shape.some((d, i) => i > 0 && d !== outSize[i])) {
    throw new RuntimeError(`Expected target size [${outSize.join(', ')}], got [${target._shape.join(', ')}]`);
  }
  const input4d = input.contiguous().view(input.numel() > 0 ? [n, c, 1, -1] : [n, c, 0, 0]);
  const target3d = target.contiguous().view(target.numel() > 0 ? [n, 1, -1] : [n, 0, 0]);
  const out = nllLoss2d(input4d, target3d, weight, reduction, ignoreIndex);
  return reduction === 'none' ? out.view(outSize) : out;
}

function checkWeight(weight: Tensor | null, classes: number, message: string): void {
  if (weight !== null && (weight.ndim !== 1 || weight.numel() !== classes)) throw new RuntimeError(message);
}

function checkDtypes(kernel: string, input: Tensor, target: Tensor, weight: Tensor | null): void {
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"${kernel}" not implemented for '${input.dtype.scalarName}'`);
  if (weight !== null && weight.dtype !== input.dtype) {
    throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${weight.dtype.scalarName}`);
  }
  if (target.dtype !== int64) throw new RuntimeError(`expected scalar type Long but found ${target.dtype.scalarName}`);
}

function nllLoss(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  if (target.ndim > 1) throw new RuntimeError('0D or 1D target tensor expected, multi-target not supported');
  const noBatchDim = input.ndim === 1 && target.ndim === 0;
  if (!noBatchDim && input._shape[0] !== target._shape[0]) {
    throw new RuntimeError(`size mismatch (got input: [${input._shape.join(', ')}], target: [${target._shape.join(', ')}])`);
  }
  const classes = input._shape[input.ndim - 1]!;
  checkWeight(weight, classes, `weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: [${weight?._shape.join(', ')}]`);
  checkDtypes('nll_loss_out_frame', input, target, weight);
  const unreduced = reduction === 'none' && input.ndim === 2 ? [input._shape[0]!] : null;
  return nllKernel('NllLossBackward0', input, input.ndim - 1, target, weight, reduction, ignoreIndex, unreduced);
}

function nllLoss2d(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  if (target.ndim !== 3) throw new RuntimeError(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.ndim}`);
  if (input.ndim !== 4) throw new RuntimeError(`only batches of spatial inputs supported (4D tensors), but got input of dimension: ${input.ndim}`);
  checkWeight(weight, input._shape[1]!, 'weight tensor should be defined either for all or no classes');
  const [n, , h, w] = input._shape as [number, number, number, number];
  if (n !== target._shape[0] || h !== target._shape[1] || w !== target._shape[2]) {
    throw new RuntimeError(`size mismatch (got input: [${input._shape.join(', ')}] , target: [${target._shape.join(', ')}]`);
  }
  checkDtypes('nll_loss2d_forward_out_frame', input, target, weight);
  return nllKernel('NllLoss2DBackward0', input, 1, target, weight, reduction, ignoreIndex, reduction === 'none' ? [n, h, w] : null);
}

/** Storage positions of every sample's class 0 (all indices with `classDim` left out, row-major, as targets are laid out). */
function samplePositions(shape: readonly number[], strides: readonly number[], offset: number, classDim: number): number[] {
  let positions = [offset];
  shape.forEach((size, d) => {
    if (d === classDim) return;
    const next: number[] = [];
    for (const p of positions) for (let i = 0; i < size; i++) next.push(p + i * strides[d]!);
    positions = next;
  });
  return positions;
}

/** PyTorch's cascade summation in nll_loss: partial sums merge upwards every 2^power samples. */
class CascadeSum {
  private readonly power: number;
  readonly loss = new Array<number>(8).fill(0);
  readonly weight = new Array<number>(8).fill(0);
  constructor(count: number, private readonly round: (v: number) => number) {
    this.power = Math.max(4, Math.floor(Math.ceil(Math.log2(Math.max(count, 1))) / 8));
  }
  add(index: number, loss: number, weight: number): void {
    const round = this.round;
    this.loss[0] = round(this.loss[0]! - loss);
    this.weight[0] = round(this.weight[0]! + weight);
    const mask = (1 << this.power) - 1;
    for (let j = 0; j + 1 < 8 && (index & (mask * 2 ** (j * this.power))) === 0; j++) {
      this.loss[j + 1] = round(this.loss[j + 1]! + this.loss[j]!);
      this.weight[j + 1] = round(this.weight[j + 1]! + this.weight[j]!);
      this.loss[j] = 0;
      this.weight[j] = 0;
    }
  }
  total(values: readonly number[]): number { return values.reduce((a, b) => this.round(a + b), 0); }
}

/**
 * The loss itself. Backward puts -weight[t] * grad (grad divided by the total weight for 'mean') at each sample's
 * target class, through constant tensors holding weight[t] and the picked positions, so it stays differentiable in
 * grad.
 */
function nllKernel(
  grad_fn: string, input: Tensor, classDim: number, target: Tensor, weight: Tensor | null,
  reduction: Reduction, ignoreIndex: number, unreducedShape: number[] | null,
): Tensor {
  const classes = input._shape[classDim]!;
  const x = input.storage.data;
  const samples = samplePositions(input._shape, input._stride, input._offset, classDim);
  const classStride = input._stride[classDim]!;
  const targets = target._values();
  const weights = weight?._values() ?? null;
  const round = input.dtype.name === 'float32' ? Math.fround : (v: number) => v;
  const out = emptyTensor(unreducedShape ?? [], input.dtype, input.device);
  const y = out.storage.data;
  const picked: [number, number][] = [];
  const pick = (i: number): number | null => {
    const t = targets[i]!;
    if (t === ignoreIndex) return null;
    if (t < 0 || t >= classes) throw new IndexError(`Target ${t} is out of bounds.`);
    picked.push([i, t]);
    return t;
  };
  let totalWeight = 0;
  if (unreducedShape !== null) {
    samples.forEach((p, i) => {
      const t = pick(i);
      y[i] = t === null ? 0 : -x[p + t * classStride]! * (weights ? weights[t]! : 1);
    });
  } else if (samples.length === 0 || targets.length === 0) {
    y[0] = reduction === 'mean' ? NaN : 0;
  } else {
    const sums = new CascadeSum(samples.length, round);
    samples.forEach((p, i) => {
      const t = pick(i);
      if (t === null) return;
      const value = x[p + t * classStride]!;
      sums.add(i, weights ? round(value * weights[t]!) : value, weights ? weights[t]! : 0);
    });
    totalWeight = weights ? sums.total(sums.weight) : picked.length;
    const loss = sums.total(sums.loss);
    y[0] = reduction === 'mean' ? loss / totalWeight : loss;
  }
  const scale = emptyTensor(input._shape, input.dtype, input.device);
  const picks = emptyTensor(input._shape, bool, input.device);
  const scalePositions = samplePositions(scale._shape, scale._stride, 0, classDim);
  const scaleStride = scale._stride[classDim]!;
  for (const [i, t] of picked) {
    scale.storage.data[scalePositions[i]! + t * scaleStride] = weights ? weights[t]! : 1;
    picks.storage.data[scalePositions[i]! + t * scaleStride] = 1;
  }
  // Positions no target picks get an exact +0, as PyTorch writes only the picked ones.
  record(grad_fn, [input], out, {}, ([grad]) => {
    const g = unreducedShape !== null ? grad!.neg().unsqueeze(1) : reduction === 'mean' ? grad!.div(totalWeight).neg() : grad!.neg();
    return [scale.mul(g).where(picks, scalarTensor(0, input.dtype))];
  });
  return out;
}
export const F = { nll_loss };
