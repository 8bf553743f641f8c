// nonzero and argwhere: the indices of the non-zero elements, one row per element, in row-major order.
import { int64 } from '../../core/dtype.ts';
import { Storage } from '../../core/storage.ts';
import { forEachPosition } from '../../core/strided.ts';
import { Tensor } from '../../core/tensor.ts';
import type { PyTuple } from '../../core/tuple.ts';
import { addMethods } from '../methods.ts';
import { nonzeroIndices } from '../pointwise/where.ts';

export interface NonzeroOptions { as_tuple?: boolean }

/**
 * `x.nonzero()`: an (n, ndim) int64 tensor of indices. PyTorch fills it as (ndim, n) and returns the transpose, so
 * its strides are (1, n).
 */
export function nonzero(self: Tensor): Tensor {
  const hits: number[] = [];
  const data = self.storage.values;
  forEachPosition(self._shape, self._stride, self._offset, (p, i) => { if (data[p] !== 0) hits.push(i); });
  const n = hits.length;
  const ndim = self.ndim;
  const out = new Tensor(Storage.allocate(int64, n * ndim, self.device), [n, ndim], [1, n], 0);
  const target = out.storage.data;
  hits.forEach((flat, k) => {
    for (let d = ndim - 1; d >= 0; d--) {
      const size = self._shape[d]!;
      target[k + d * n] = flat % size;
      flat = Math.floor(flat / size);
    }
  });
  return out;
}

function nonzeroWith(self: Tensor, options: NonzeroOptions = {}): Tensor | PyTuple<Tensor> {
  return options.as_tuple ? nonzeroIndices(self) : nonzero(self);
}

interface Nonzero {
  (options?: { as_tuple?: false }): Tensor;
  (options: { as_tuple: true }): PyTuple<Tensor>;
}

const methods = {
  /** `x.nonzero()` ((n, ndim) indices) or `x.nonzero({ as_tuple: true })` (one index tensor per dim). */
  nonzero: function (this: Tensor, options?: NonzeroOptions) { return nonzeroWith(this, options); } as Nonzero,
  /** `x.argwhere()`: `x.nonzero()`. */
  argwhere(this: Tensor): Tensor { return nonzero(this); },
};
type NonzeroMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends NonzeroMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.nonzero(x)` or `torch.nonzero(x, { as_tuple: true })`. */
  nonzero: ((input: Tensor, options?: NonzeroOptions) => nonzeroWith(input, options)) as
    { (input: Tensor, options?: { as_tuple?: false }): Tensor; (input: Tensor, options: { as_tuple: true }): PyTuple<Tensor> },
  /** `torch.argwhere(x)`. */
  argwhere: (input: Tensor) => nonzero(input),
};
