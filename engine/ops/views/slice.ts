// narrow, select, and the slicing behind `x.getitem("1:3")`.
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { type Geometry, pickingView } from './make.ts';
import { bind, intArg } from './params.ts';

export function sliceMove(dim: number, start: number, end: number, step: number) {
  return (g: Geometry): Geometry => {
    const shape = [...g.shape];
    const strides = [...g.strides];
    shape[dim] = Math.ceil((end - start) / step);
    strides[dim] = g.strides[dim]! * step;
    return { shape, strides, offset: g.offset + start * g.strides[dim]! };
  };
}

/** at::slice: bounds count from the end when negative and clamp to the dimension; `end` null means "to the end". */
export function slice(self: Tensor, dim: number, start: number | null = null, end: number | null = null, step = 1): Tensor {
  if (self.ndim === 0) throw new IndexError('slice() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, self.ndim);
  if (step <= 0) throw new RuntimeError('slice step must be positive');
  const size = self._shape[d]!;
  let s = start ?? 0;
  let e = end ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  return pickingView(self, 'SliceBackward0', sliceMove(d, s, e, step), (t) => slice(t, d, s, e, step));
}

/** `x.narrow(dim, start, length)`: `length` elements from `start` along `dim`, as a view. */
export function narrow(self: Tensor, dim: number, start: number | Tensor, length: number): Tensor {
  if (self.ndim === 0) throw new RuntimeError('narrow() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, self.ndim);
  const size = self._shape[d]!;
  let s = intArg(start);
  // A start equal to the size is valid (an empty narrow at the end), but not a valid index to wrap.
  if (s !== size) s = wrapDim(s, size);
  if (length < 0 || s > size - length) {
    throw new RuntimeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return slice(self, d, s, s + length, 1);
}

export function selectMove(dim: number, index: number) {
  return (g: Geometry): Geometry => ({
    shape: g.shape.filter((_, i) => i !== dim),
    strides: g.strides.filter((_, i) => i !== dim),
    offset: g.offset + index * g.strides[dim]!,
  });
}

/** `x.select(dim, index)`: the slice at `index` along `dim`, which disappears; a view. */
export function select(self: Tensor, dim: number, index: number | Tensor): Tensor {
  if (self.ndim === 0) throw new IndexError('select() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, self.ndim);
  const size = self._shape[d]!;
  const i = intArg(index);
  if (i < -size || i >= size) {
    throw new IndexError(`select(): index ${i} out of range for tensor of size [${self._shape.join(', ')}] at dimension ${d}`);
  }
  const wrapped = i < 0 ? i + size : i;
  return pickingView(self, 'SelectBackward0', selectMove(d, wrapped), (t) => select(t, d, wrapped));
}

type NarrowArgs = (number | Tensor | { dim?: number; start?: number | Tensor; length?: number })[];
type SelectArgs = (number | Tensor | { dim?: number; index?: number | Tensor })[];

function boundNarrow(self: Tensor, args: NarrowArgs): Tensor {
  const { dim, start, length } = bind(args, ['dim', 'start', 'length'], {} as { dim: number; start: number | Tensor; length: number });
  return narrow(self, dim, start, length);
}

function boundSelect(self: Tensor, args: SelectArgs): Tensor {
  const { dim, index } = bind(args, ['dim', 'index'], {} as { dim: number; index: number | Tensor });
  return select(self, dim, index);
}

const methods = {
  /** `x.narrow(0, 1, 2)` is `x.getitem("1:3")`. */
  narrow(this: Tensor, ...args: NarrowArgs): Tensor { return boundNarrow(this, args); },
  /** `x.select(1, 0)` is `x.getitem(":, 0")`. */
  select(this: Tensor, ...args: SelectArgs): Tensor { return boundSelect(this, args); },
};
type SliceMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends SliceMethods {} }
addMethods(methods);

export const functions = {
  narrow: (input: Tensor, ...args: NarrowArgs) => boundNarrow(input, args),
  select: (input: Tensor, ...args: SelectArgs) => boundSelect(input, args),
};
