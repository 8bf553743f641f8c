// sort, argsort and msort: PyTorch's CPU kernel sorts each slice's (value, index) pairs with std::sort, or
// std::stable_sort when `stable` is set (Note [std::sort order]).
import { record } from '../../autograd/record.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { checkDimType, pyArgs, type PyArgs, selectedGradient } from '../reduction/reduce.ts';
import { valuesIndices, type ValuesIndices } from '../reduction/return-types.ts';
import { sortRange } from '../reduction/sort.ts';
import { ascending, descending as descendingOrder, type Entry, type Less, outputsLike, readRows, writeRows } from './rows.ts';

export interface SortOptions { dim?: number; descending?: boolean; stable?: boolean }
type SortArgs = PyArgs<[dim: number, descending: boolean], SortOptions>;
const names = ['dim', 'descending'] as const;

function sortRow(row: Entry[], less: Less, stable: boolean): void {
  // A stable sort's result is fixed by the comparator alone, so any stable algorithm gives std::stable_sort's order.
  if (stable) row.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  else sortRange(row, 0, row.length, less);
}

/** `x.sort(dim = -1, descending = false, { stable })`: `torch.return_types.sort(values, indices)`. */
export function sort(self: Tensor, options: SortOptions = {}, op = 'sort'): ValuesIndices {
  checkDimType(op, options.dim, false);
  const dim = wrapDim(options.dim ?? -1, self.ndim);
  const less = options.descending ? descendingOrder : ascending;
  const rows = readRows(self, dim);
  for (const row of rows) sortRow(row, less, options.stable ?? false);
  const [values, indices] = outputsLike(self);
  writeRows(rows, dim, values, indices);
  // The overload with a `stable` argument is PyTorch's sort.stable, whose node is SortBackward1.
  record(options.stable === undefined ? 'SortBackward0' : 'SortBackward1', [self], values, { indices }, ([grad], s) =>
    [selectedGradient(grad!, self._shape, self.ndim === 0 ? [] : [dim], s.indices, true)]);
  return valuesIndices('sort', values, indices);
}

/** `x.argsort(dim = -1, descending = false)`: the indices that sort `x` along `dim`. */
export function argsort(self: Tensor, options: SortOptions = {}): Tensor {
  return sort(self, { ...options, stable: options.stable ?? false }, 'argsort').indices;
}

/** `x.msort()`: `x` sorted along its first dim. */
export function msort(self: Tensor): Tensor {
  return sort(self, { dim: 0 }, 'msort').values;
}

const methods = {
  /** `const [values, indices] = x.sort(1, true)`. */
  sort(this: Tensor, ...args: SortArgs): ValuesIndices { return sort(this, pyArgs<SortOptions>('sort', args, names)); },
  /** `x.argsort({ dim: 0, descending: true })`. */
  argsort(this: Tensor, ...args: SortArgs): Tensor { return argsort(this, pyArgs<SortOptions>('argsort', args, names)); },
  /** `x.msort()`. */
  msort(this: Tensor): Tensor { return msort(this); },
};
type SortMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends SortMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.sort(x, { dim: 0, stable: true })`. */
  sort: (input: Tensor, ...args: SortArgs) => sort(input, pyArgs<SortOptions>('sort', args, names)),
  /** `torch.argsort(x, 1)`. */
  argsort: (input: Tensor, ...args: SortArgs) => argsort(input, pyArgs<SortOptions>('argsort', args, names)),
  /** `torch.msort(x)`. */
  msort: (input: Tensor) => msort(input),
};
