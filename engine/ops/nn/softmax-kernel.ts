// The softmax and log_softmax kernels: one lane along the dimension at a time, max-subtracted so that large inputs
// do not overflow, with PyTorch's float32 rounding (Note [Softmax summation order]).
import { wasmSoftmax } from '../../backend/wasm/index.ts';
import { RuntimeError } from '../../core/errors.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { sleefExpf } from './expf.ts';
import { forEachLane } from './lanes.ts';

export type Kind = 'softmax' | 'log_softmax';

/**
 * Note [Softmax summation order]: PyTorch's CPU kernels (AVX2) sum a last-dim lane's exponentials in vector
 * registers (8 float or 4 double lanes, a short tail added into the first lanes), then fold the registers: floats
 * as ((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7)), doubles in lane order; lanes shorter than a register add up in
 * order. Other dims add up in order. Rounding each step the same way (and computing float32 exponentials as SLEEF
 * does, Note [Vectorized expf]) gives PyTorch's float32 bits, which show when a row of probabilities is summed and
 * printed (1.0000 rather than 1.).
 */
function vectorSum(values: Float64Array, length: number, round: (v: number) => number, width: number): number {
  let total = values[0]!;
  if (length < width) {
    for (let k = 1; k < length; k++) total = round(total + values[k]!);
    return total;
  }
  const lanes = values.slice(0, width);
  let d = width;
  for (; d < length - (length % width); d += width) for (let k = 0; k < width; k++) lanes[k] = round(lanes[k]! + values[d + k]!);
  for (let k = 0; d + k < length; k++) lanes[k] = round(lanes[k]! + values[d + k]!);
  if (width === 8) {
    const pair = (a: number, b: number) => round(lanes[a]! + lanes[b]!);
    return round(round(pair(0, 4) + pair(2, 6)) + round(pair(1, 5) + pair(3, 7)));
  }
  total = lanes[0]!;
  for (let k = 1; k < width; k++) total = round(total + lanes[k]!);
  return total;
}

/** softmax or log_softmax of `input` along `dim` (already wrapped), into a new contiguous tensor. */
export function kernel(input: Tensor, dim: number, kind: Kind): Tensor {
  const lastDim = input.ndim <= 1 || dim === input.ndim - 1;
  if (!input.dtype.is_floating_point && input.numel() > 0) {
    // PyTorch's kernel for other dims serves both kinds under one name.
    throw new RuntimeError(`"${lastDim ? `${kind}_lastdim` : 'softmax'}_kernel_impl" not implemented for '${input.dtype.scalarName}'`);
  }
  const out = emptyTensor(input._shape, input.dtype, input.device);
  const name = input.dtype.name;
  if (lastDim && input.is_contiguous() && (name === 'float32' || name === 'float64')) {
    const length = input.ndim === 0 ? 1 : input._shape[input.ndim - 1]!;
    if (wasmSoftmax(kind, name, out.storage.data, input.storage.data, input._offset, input.numel() / Math.max(length, 1), length)) return out;
  }
  const float32 = name === 'float32';
  const round = float32 ? Math.fround : (v: number) => v;
  const width = lastDim ? (float32 ? 8 : 4) : 1;
  const x = input.storage.data;
  const y = out.storage.data;
  const exponentials = new Float64Array(input.ndim === 0 ? 1 : input._shape[dim]!);
  // Along other dims, PyTorch vectorizes blocks of 8 neighbouring lanes (SLEEF's exp) and leaves the rest scalar.
  const inner = input._shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const vectorizedInner = inner - (inner % 8);
  let laneNumber = 0;
  forEachLane(input, dim, ({ input: src, inputStride, output: dst, outputStride, length }) => {
    const lane = laneNumber++;
    const sleef = float32 && (lastDim || (kind === 'softmax' && lane % inner < vectorizedInner));
    let max = -Infinity;
    for (let k = 0, p = src; k < length; k++, p += inputStride) {
      const v = x[p]!;
      if (v > max || Number.isNaN(v)) max = v;
      if (Number.isNaN(max)) break;
    }
    for (let k = 0, p = src, o = dst; k < length; k++, p += inputStride, o += outputStride) {
      const shifted = round(x[p]! - max);
      exponentials[k] = sleef ? sleefExpf(shifted) : round(Math.exp(shifted));
      y[o] = kind === 'softmax' ? exponentials[k]! : shifted;
    }
    const sum = vectorSum(exponentials, length, round, width);
    if (kind === 'softmax') {
      const inverse = round(1 / sum);
      for (let k = 0, o = dst; k < length; k++, o += outputStride) y[o] = lastDim ? y[o]! * inverse : y[o]! / sum;
    } else {
      const logSum = round(Math.log(sum));
      for (let k = 0, o = dst; k < length; k++, o += outputStride) y[o] = y[o]! - logSum;
    }
  });
  return out;
}
