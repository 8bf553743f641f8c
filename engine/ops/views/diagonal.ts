import { RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { type Geometry, pickingView } from './make.ts';
import { bind } from './params.ts';

function diagonalMove(offset: number, dim1: number, dim2: number) {
  return (g: Geometry): Geometry => {
    const length = offset >= 0
      ? Math.max(Math.min(g.shape[dim1]!, g.shape[dim2]! - offset), 0)
      : Math.max(Math.min(g.shape[dim1]! + offset, g.shape[dim2]!), 0);
    // Offsets past the end give an empty diagonal; its storage offset stays put, as in PyTorch.
    let start = g.offset;
    if (length > 0) start += offset >= 0 ? offset * g.strides[dim2]! : -offset * g.strides[dim1]!;
    const keep = (_: number, i: number) => i !== dim1 && i !== dim2;
    return {
      shape: [...g.shape.filter(keep), length],
      strides: [...g.strides.filter(keep), g.strides[dim1]! + g.strides[dim2]!],
      offset: start,
    };
  };
}

/** `x.diagonal(offset, dim1, dim2)`: the diagonal of the (dim1, dim2) planes becomes the last dimension; a view. */
export function diagonal(self: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const d1 = wrapDim(dim1, self.ndim);
  const d2 = wrapDim(dim2, self.ndim);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  return pickingView(self, 'DiagonalBackward0', diagonalMove(offset, d1, d2), (t) => diagonal(t, offset, d1, d2));
}

type DiagonalOptions = { offset?: number; dim1?: number; dim2?: number };
const names = ['offset', 'dim1', 'dim2'] as const;
const defaults = { offset: 0, dim1: 0, dim2: 1 };

function boundDiagonal(self: Tensor, args: readonly (number | DiagonalOptions)[], first: number): Tensor {
  const { offset, dim1, dim2 } = bind(args, [...names], defaults, { fn: 'diagonal', ints: ['offset', 'dim1'], first });
  return diagonal(self, offset, dim1, dim2);
}

const methods = {
  /** `m.diagonal()`, `x.diagonal(1, 1, 2)` or `x.diagonal({ dim1: 1, dim2: 2 })`. */
  diagonal(this: Tensor, ...args: (number | DiagonalOptions)[]): Tensor { return boundDiagonal(this, args, 1); },
};
type DiagonalMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends DiagonalMethods {} }
addMethods(methods);

export const functions = {
  diagonal: (input: Tensor, ...args: (number | DiagonalOptions)[]) => boundDiagonal(input, args, 2),
};
