// Python's index tuples: `x.getitem([rows, "1:", null])` is `x[rows, 1:, None]`. As PyTorch's applySlicing does,
// the basic items (integers, slices, None, ...) become views first and the advanced ones (tensors, lists, bools)
// are collected per dimension of that view; any advanced item makes the result ATen's `index` (index_put.ts).
//
// Note [Index tuples]: an array index is a tuple when it holds anything but numbers and booleans (a Tensor, a
// string, null or a nested array); an array of only numbers is a list index (`x[[0, 2]]`), of only booleans a mask.
import { bool, int64 } from '../../core/dtype.ts';
import { IndexError, ValueError } from '../../core/errors.ts';
import { isScalar } from '../../core/scalar.ts';
import { Tensor } from '../../core/tensor.ts';
import { castTensor } from '../dispatch.ts';
import { tensor } from '../creation/tensor.ts';
import { addMethods } from '../methods.ts';
import { pythonTypeName } from '../nn/python-types.ts';
import { copy_, fill_ } from '../pointwise/fill.ts';
import { alias } from '../views/alias.ts';
import { expand } from '../views/expand.ts';
import { unsqueeze } from '../views/squeeze.ts';
import { view } from '../views/view.ts';
import { applySelect, applySlice } from './basic.ts';
import { parseIndex, type IndexItem } from './expression.ts';
import { index, type Indices, indexPut, indexPut_ } from './index_put.ts';
import { longTensor } from './walk.ts';

/** A Python list used as an index (`[0, 2]`, `[[0], [1]]`, `[true, false]`). */
export type ListIndex = readonly (number | boolean | ListIndex)[];
/** One item of an index tuple: Python's int, slice or `...` (as text), None, bool, tensor or list. */
export type TupleItem = number | string | null | boolean | Tensor | ListIndex;

/** Note [Index tuples]. */
export function isIndexTuple(index: unknown): index is readonly TupleItem[] {
  return Array.isArray(index) && index.some((v) => typeof v !== 'number' && typeof v !== 'boolean');
}

type Item = IndexItem | { kind: 'tensor'; value: Tensor };

/** sequenceToVariable: a list of bools is a mask, anything else a long tensor (floats truncated, as PyTorch does). */
function listTensor(list: ListIndex): Tensor {
  const t = tensor(list as number[]);
  return t.dtype === bool || t.dtype === int64 ? t : castTensor(t, int64);
}

function itemOf(value: TupleItem): Item {
  if (value === null) return { kind: 'none' };
  if (value instanceof Tensor) return { kind: 'tensor', value };
  if (Array.isArray(value)) return { kind: 'tensor', value: listTensor(value as ListIndex) };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number' && Number.isInteger(value)) return { kind: 'int', value };
  if (typeof value === 'string') {
    const parsed = parseIndex(value);
    if (parsed.tuple || parsed.items.length !== 1) throw new ValueError(`an index string inside an index array holds one item, got '${value}'`);
    return parsed.items[0]!;
  }
  if (isScalar(value)) {
    throw new IndexError('only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)');
  }
  throw new IndexError(`only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${pythonTypeName(value)})`);
}

/** count_specified_dimensions: a mask counts its dims, None, `...` and bools none, the rest one. */
function specifiedDims(items: readonly Item[]): number {
  return items.reduce((n, item) => {
    if (item.kind === 'tensor') return n + (item.value.dtype === bool ? item.value.ndim : 1);
    return n + (item.kind === 'int' || item.kind === 'slice' ? 1 : 0);
  }, 0);
}

/** applySlicing: the view the basic items give, and the index tensors recorded per dim of it. */
function applySlicing(self: Tensor, tuple: readonly TupleItem[]): { sliced: Tensor; indices: (Tensor | null)[] } {
  const items = tuple.map(itemOf);
  const specified = specifiedDims(items);
  if (specified > self.ndim) throw new IndexError(`too many indices for tensor of dimension ${self.ndim}`);
  const indices: (Tensor | null)[] = [];
  const recordIndex = (dim: number, t: Tensor) => {
    while (indices.length < dim) indices.push(null);
    indices[dim] = t;
  };
  let result = self;
  let dim = 0;
  items.forEach((item, realDim) => {
    if (item.kind === 'tensor' && item.value.ndim === 0 && !item.value.dtype.is_floating_point) {
      const value = item.value.item();
      item = typeof value === 'boolean' ? { kind: 'bool', value } : { kind: 'int', value };
    }
    switch (item.kind) {
      case 'int': result = applySelect(result, dim, item.value, realDim); break;
      case 'slice': result = applySlice(result, dim++, item, true); break;
      case 'ellipsis': dim += self.ndim - specified; break;
      case 'none': result = unsqueeze(result, dim++); break;
      case 'bool': result = unsqueeze(result, dim); recordIndex(dim++, longTensor(item.value ? [0] : [])); break;
      // A mask takes one step here though it covers its dims, as PyTorch's recordTensorIndex does.
      case 'tensor': recordIndex(dim++, item.value); break;
    }
  });
  return { sliced: result, indices };
}

/** `x.getitem([rows, "1:", null])`: Python's `x[rows, 1:, None]`; a view without advanced items, else a copy. */
export function getitemTuple(self: Tensor, tuple: readonly TupleItem[]): Tensor {
  const { sliced, indices } = applySlicing(self, tuple);
  if (indices.length === 0) return sliced === self ? alias(self) : sliced;
  return index(sliced, indices);
}

/** PyTorch's copy_to: same shape copies, a 0-dim value fills, otherwise leading 1s are dropped and it expands. */
export function copyTo(dst: Tensor, value: Tensor): void {
  if (dst.ndim === value.ndim && dst._shape.every((d, i) => d === value._shape[i])) { copy_(dst, value); return; }
  if (value.ndim === 0) { fill_(dst, value); return; }
  copy_(dst, expand(view(value, withoutLeadingOnes(value._shape)), dst._shape));
}

/** slicePrefix1sSize: the shape without its leading 1s. */
function withoutLeadingOnes(shape: readonly number[]): number[] {
  const firstNonOne = shape.findIndex((d) => d !== 1);
  return shape.slice(firstNonOne === -1 ? shape.length : firstNonOne);
}

/** `x.setitem([rows, "1:"], value)`: Python's `x[rows, 1:] = value`; advanced items write through index_put_. */
export function setitemTuple(self: Tensor, tuple: readonly TupleItem[], value: Tensor): void {
  const { sliced, indices } = applySlicing(self, tuple);
  if (indices.length === 0) { copyTo(sliced, value); return; }
  const stripped = withoutLeadingOnes(value._shape);
  indexPut_(sliced, indices, stripped.length === value.ndim ? value : view(value, stripped));
}

export interface IndexPutOptions { accumulate?: boolean }

function checkIndexPut(name: string, indices: unknown, values: unknown, valuesPosition: number): Indices {
  if (!Array.isArray(indices)) {
    throw new TypeError(`${name}(): argument 'indices' (position ${valuesPosition - 1}) must be tuple of Tensors, not ${pythonTypeName(indices)}`);
  }
  indices.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`expected Tensor as element ${i} in argument ${valuesPosition - 2}, but got ${pythonTypeName(t)}`);
  });
  if (!(values instanceof Tensor)) {
    throw new TypeError(`${name}(): argument 'values' (position ${valuesPosition}) must be Tensor, not ${pythonTypeName(values)}`);
  }
  return indices as Tensor[];
}

const accumulateOf = (options?: boolean | IndexPutOptions) => (typeof options === 'object' ? options.accumulate ?? false : options ?? false);

const methods = {
  /** `x.index_put([rows, cols], values, { accumulate: true })`: a copy of x with values put at x[rows, cols]. */
  index_put(this: Tensor, indices: readonly Tensor[], values: Tensor, accumulate?: boolean | IndexPutOptions): Tensor {
    return indexPut(this, checkIndexPut('index_put', indices, values, 2), values, accumulateOf(accumulate));
  },
  /** In-place `x.index_put_([rows], values)`; with `{ accumulate: true }` repeated places add up. */
  index_put_(this: Tensor, indices: readonly Tensor[], values: Tensor, accumulate?: boolean | IndexPutOptions): Tensor {
    return indexPut_(this, checkIndexPut('index_put_', indices, values, 2), values, accumulateOf(accumulate));
  },
};
type IndexPutMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends IndexPutMethods {} }
addMethods(methods);

export const functions = {
  index_put: (input: Tensor, indices: readonly Tensor[], values: Tensor, accumulate?: boolean | IndexPutOptions) =>
    indexPut(input, checkIndexPut('index_put', indices, values, 3), values, accumulateOf(accumulate)),
  index_put_: (input: Tensor, indices: readonly Tensor[], values: Tensor, accumulate?: boolean | IndexPutOptions) =>
    indexPut_(input, checkIndexPut('index_put_', indices, values, 3), values, accumulateOf(accumulate)),
};
