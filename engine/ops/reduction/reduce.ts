// Shared machinery for reductions: wrap the dims, move them last, run the kernel, restore keepdim.
import { reduceLastDims } from '../../backend/cpu/kernels.ts';
import type { DType } from '../../core/dtype.ts';
import { wrapDims } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { viewOf } from '../dispatch.ts';

export interface ReduceOptions {
  dim?: number | readonly number[] | null;
  keepdim?: boolean;
}

/** Dims to reduce (all when `dim` is absent or an empty list, as PyTorch's sum does) and the output shape. */
export function reductionShape(self: Tensor, dim: number | readonly number[] | null | undefined, keepdim: boolean): { dims: number[]; shape: number[] } {
  const ndim = self.ndim;
  const list = dim === undefined || dim === null ? [] : typeof dim === 'number' ? [dim] : [...dim];
  const dims = list.length === 0 ? self._shape.map((_, i) => i) : wrapDims(list, ndim);
  const shape: number[] = [];
  self._shape.forEach((d, i) => {
    if (!dims.includes(i)) shape.push(d);
    else if (keepdim) shape.push(1);
  });
  return { dims, shape };
}

/**
 * Runs a reduction over `dims` of `self` into a new tensor of `outShape` and `dtype`. The kernel folds each reduced
 * block with `step`, in row-major order of the reduced dimensions.
 */
export function reduce<A>(
  self: Tensor, dims: readonly number[], outShape: readonly number[], dtype: DType,
  init: () => A, step: (acc: A, value: number, index: number) => A, finish: (acc: A, count: number) => number,
): Tensor {
  const kept = self._shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...[...dims].sort((a, b) => a - b)];
  const v = viewOf(self);
  const permuted = { data: v.data, shape: order.map((i) => v.shape[i]!), strides: order.map((i) => v.strides[i]!), offset: v.offset };
  const out = emptyTensor(outShape, dtype, self.device);
  const store = dtype.name === 'bool' || dtype.name === 'int64' ? (x: number) => dtype.cast(x) : null;
  reduceLastDims(out.storage.data, permuted, dims.length, init, step, store ? (acc, n) => store(finish(acc, n)) : finish);
  return out;
}
