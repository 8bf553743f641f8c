// The slices along one dim that sort, topk and kthvalue work on, read from and written to strided tensors.
import { int64 } from '../../core/dtype.ts';
import { forEachPosition } from '../../core/strided.ts';
import { Storage } from '../../core/storage.ts';
import { numelOf } from '../../core/shape.ts';
import { Tensor } from '../../core/tensor.ts';
import { preservedStrides } from '../layout.ts';

/** A (value, index) pair as PyTorch's CPU kernels sort them; comparators look at the value only. */
export type Entry = [value: number, index: number];
export type Less = (a: Entry, b: Entry) => boolean;

// NaN sorts above every number (numpy's order), in both directions.
export const ascending: Less = (a, b) => (!Number.isNaN(a[0]) && Number.isNaN(b[0])) || a[0] < b[0];
export const descending: Less = (a, b) => (Number.isNaN(a[0]) && !Number.isNaN(b[0])) || a[0] > b[0];

function without(values: readonly number[], dim: number): number[] {
  return values.filter((_, i) => i !== dim);
}

/** The slices of `t` along `dim` (a 0-dim tensor is one slice of one), each as (value, index) pairs, in row-major order. */
export function readRows(t: Tensor, dim: number): Entry[][] {
  const data = t.storage.values;
  const n = t.ndim === 0 ? 1 : t._shape[dim]!;
  const step = t.ndim === 0 ? 0 : t._stride[dim]!;
  const rows: Entry[][] = [];
  if (n === 0) return rows;
  forEachPosition(without(t._shape, dim), without(t._stride, dim), t._offset, (p) => {
    rows.push(Array.from({ length: n }, (_, j): Entry => [data[p + j * step]!, j]));
  });
  return rows;
}

/** Writes each row's first `out`-size entries along `dim`: values into `values`, indices into `indices`. */
export function writeRows(rows: readonly Entry[][], dim: number, values: Tensor, indices: Tensor): void {
  for (const [t, slot] of [[values, 0], [indices, 1]] as const) {
    const data = t.storage.data;
    const n = t.ndim === 0 ? 1 : t._shape[dim]!;
    const step = t.ndim === 0 ? 0 : t._stride[dim]!;
    let r = 0;
    forEachPosition(without(t._shape, dim), without(t._stride, dim), t._offset, (p) => {
      const row = rows[r++]!;
      for (let j = 0; j < n; j++) data[p + j * step] = row[j]![slot];
    });
  }
}

/** Outputs shaped like `self` and laid out like it (its strides when dense, else dense in its memory order), as sort allocates them. */
export function outputsLike(self: Tensor): [Tensor, Tensor] {
  const strides = preservedStrides(self);
  const make = (dtype: typeof int64) => new Tensor(Storage.allocate(dtype, numelOf(self._shape), self.device), [...self._shape], [...strides], 0);
  return [make(self.dtype), make(int64)];
}
