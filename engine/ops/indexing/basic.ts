// Basic indexing (integers, slices, None, ...): always a view, built from select, slice and unsqueeze as PyTorch's
// applySlicing does, so the grad_fn chain matches (SelectBackward0, SliceBackward0, UnsqueezeBackward0).
import { IndexError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { alias } from '../views/alias.ts';
import { select, slice } from '../views/slice.ts';
import { unsqueeze } from '../views/squeeze.ts';
import type { IndexExpression, IndexItem } from './expression.ts';

/** Python's slice() stop when omitted (PY_SSIZE_T_MAX): never equal to a dimension's size. */
const openStop = Number.MAX_SAFE_INTEGER;

/** applySelect: `realDim` is the position in the index expression, which PyTorch's message names. */
export function applySelect(t: Tensor, dim: number, index: number, realDim: number): Tensor {
  if (index === 0 && dim === 0 && t.ndim === 0) {
    throw new IndexError('invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number');
  }
  const size = t._shape[dim] ?? 0;
  if (!(size >= -index && size > index)) {
    throw new IndexError(`index ${index} is out of bounds for dimension ${realDim} with size ${size}`);
  }
  return select(t, dim, index);
}

/** applySlice: inside a tuple, a slice covering the whole dimension (written out, `0:n`) is skipped. */
export function applySlice(t: Tensor, dim: number, item: Extract<IndexItem, { kind: 'slice' }>, skipFull: boolean): Tensor {
  const start = item.start ?? 0;
  const stop = item.stop ?? openStop;
  if (skipFull && t.ndim > 0 && start === 0 && stop === t._shape[dim] && item.step === 1) return t;
  return slice(t, dim, start, stop, item.step);
}

/**
 * Applies an expression without tensor indices. For `x.getitem` a result that is `x` itself becomes an alias (a
 * new view); for `x.setitem` (`forWrite`) it stays `x`, which is then written directly. `onBool` receives the
 * dimension where a bool index put its new size-1 dimension (advanced indexing continues from there).
 */
export function applyBasic(self: Tensor, expression: IndexExpression, forWrite: boolean, onBool?: (dim: number, value: boolean) => void): Tensor {
  const { items, tuple } = expression;
  if (!tuple && items.length === 1) {
    const item = items[0]!;
    switch (item.kind) {
      case 'int': return applySelect(self, 0, item.value, 0);
      case 'slice': return applySlice(self, 0, item, false);
      case 'none': return unsqueeze(self, 0);
      case 'ellipsis': return forWrite ? self : alias(self);
      case 'bool': onBool?.(0, item.value); return unsqueeze(self, 0);
    }
  }
  const specified = items.filter((i) => i.kind === 'int' || i.kind === 'slice').length;
  if (specified > self.ndim) throw new IndexError(`too many indices for tensor of dimension ${self.ndim}`);
  let result = self;
  let dim = 0;
  items.forEach((item, realDim) => {
    switch (item.kind) {
      case 'int': result = applySelect(result, dim, item.value, realDim); break;
      case 'slice': result = applySlice(result, dim++, item, true); break;
      case 'ellipsis': dim += self.ndim - specified; break;
      case 'none': result = unsqueeze(result, dim++); break;
      case 'bool': result = unsqueeze(result, dim); onBool?.(dim++, item.value); break;
    }
  });
  return result === self && !forWrite ? alias(self) : result;
}
