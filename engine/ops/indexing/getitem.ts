// `x.getitem(expr)` and `x.setitem(expr, value)`: Python's `x[expr]` and `x[expr] = value`. The expression is the
// text between the brackets (`"1:, None, ..., ::2, -1"`), a number, a bool, one tensor (or list) index, or an array
// standing for Python's index tuple (`[rows, "1:", null]` is `x[rows, 1:, None]`, see tuple-index.ts). An array is a
// tuple when it holds anything but numbers and booleans (Note [Index tuples]); `[0, 2]` stays the list index
// `x[[0, 2]]` and `[true, false]` a mask. Basic indexing returns a view exactly where PyTorch does; a tensor index
// returns a copy.
import { bool } from '../../core/dtype.ts';
import { ValueError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { scalarTensor } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { unsqueeze } from '../views/squeeze.ts';
import { indexCopy, indexPut, pickingOf } from './advanced.ts';
import { applyBasic } from './basic.ts';
import { type IndexExpression, parseIndex } from './expression.ts';
import { copyTo, getitemTuple, isIndexTuple, setitemTuple, type TupleItem } from './tuple-index.ts';
import { longTensor } from './walk.ts';

export type Index = string | number | boolean | Tensor | readonly number[] | readonly boolean[] | readonly TupleItem[];

/** A tensor index, or the expression the other forms stand for. */
function classify(index: Exclude<Index, readonly TupleItem[]> | readonly (number | boolean)[]): IndexExpression | Tensor {
  if (typeof index === 'string') return parseIndex(index);
  if (typeof index === 'number') return { items: [{ kind: 'int', value: index }], tuple: false };
  if (typeof index === 'boolean') return { items: [{ kind: 'bool', value: index }], tuple: false };
  if (Array.isArray(index)) {
    if (index.every((v) => typeof v === 'boolean')) {
      const mask = emptyTensor([index.length], bool);
      index.forEach((v, i) => { mask.storage.data[i] = v ? 1 : 0; });
      return mask;
    }
    return longTensor(index as number[]);
  }
  const t = index as Tensor;
  // A 0-dim integer tensor indexes like the integer it holds (a view); a 0-dim bool like a bool.
  if (t.ndim === 0 && !t.dtype.is_floating_point) {
    const value = t.item();
    return typeof value === 'boolean'
      ? { items: [{ kind: 'bool', value }], tuple: false }
      : { items: [{ kind: 'int', value }], tuple: false };
  }
  return t;
}

/** `x.getitem("0, 1:")` is Python's `x[0, 1:]`. */
export function getitem(self: Tensor, index: Index): Tensor {
  if (isIndexTuple(index)) return getitemTuple(self, index);
  const what = classify(index);
  // The tuple path lays the result out as PyTorch does (not always contiguous, e.g. from a permuted tensor).
  if (what instanceof Tensor) return getitemTuple(self, [what]);
  const bools: [number, boolean][] = [];
  const result = applyBasic(self, what, false, (dim, value) => bools.push([dim, value]));
  if (bools.length === 0) return result;
  if (bools.length > 1) throw new ValueError('only one bool index per expression is supported');
  const [dim, value] = bools[0]!;
  return indexCopy(result, { dim, k: 1, positions: value ? [0] : [], leadShape: [value ? 1 : 0] });
}

function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'string' ? 'str' : typeof value;
}

/** `x.setitem("0, 1:", value)` is Python's `x[0, 1:] = value`: writes in place through a view of x. */
export function setitem(self: Tensor, index: Index, value: Tensor | Scalar): void {
  if (!(value instanceof Tensor) && !isScalar(value)) {
    throw new TypeError(`can't assign a ${pythonTypeName(value)} to a ${self.dtype.legacyName}`);
  }
  const source = value instanceof Tensor ? value : scalarTensor(scalarValue(value), self.dtype);
  if (isIndexTuple(index)) { setitemTuple(self, index, source); return; }
  const what = classify(index);
  if (what instanceof Tensor) { indexPut(self, pickingOf(self, what), source); return; }
  const single = !what.tuple && what.items.length === 1 ? what.items[0]! : null;
  if (single?.kind === 'bool') {
    if (single.value) copyTo(unsqueeze(self, 0), source);
    return;
  }
  let boolIndex = false;
  const target = applyBasic(self, what, true, () => { boolIndex = true; });
  if (boolIndex) throw new ValueError('a bool inside an index tuple is not supported by setitem');
  copyTo(target, source);
}

const methods = {
  /** `x.getitem("1:, None, ..., ::2, -1")`, `x.getitem(0)`, `x.getitem(mask)`, `x.getitem([rows, cols])`: Python's `x[...]`. */
  getitem(this: Tensor, index: Index): Tensor { return getitem(this, index); },
  /** `x.setitem("0, ::2", v)`: Python's `x[0, ::2] = v`. */
  setitem(this: Tensor, index: Index, value: Tensor | Scalar): void { setitem(this, index, value); },
};
type GetitemMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends GetitemMethods {} }
addMethods(methods);
