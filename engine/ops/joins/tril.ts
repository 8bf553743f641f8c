import { record } from '../../autograd/record.ts';
import { copyStrided, mapInPlace } from '../../backend/cpu/kernels.ts';
import { gpuSelect } from '../../backend/webgpu/index.ts';
import { bool } from '../../core/dtype.ts';
import { IndexError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { inPlace, viewOf } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { UNCHECKED } from '../overlap.ts';
import { checkInt } from '../views/params.ts';

/** Keeps the elements on one side of a diagonal of the last two dims (of every matrix in a batch), zeroes the rest. */
function triangle(self: Tensor, diagonal: number, lower: boolean): Tensor {
  const out = emptyTensor(self._shape, self.dtype, self.device);
  // PyTorch reads the matrix sizes only when there are elements: an empty 1-d tensor passes.
  if (self.numel() === 0) return recorded(self, out, diagonal, lower);
  if (self.ndim === 0) throw new IndexError('Dimension specified as -2 but tensor has no dimensions');
  wrapDim(-2, self.ndim);
  const [rows, cols] = self._shape.slice(-2) as [number, number];
  const kept = (row: number, col: number) => (lower ? col - row <= diagonal : col - row >= diagonal);
  if (out.storage.device.type === 'webgpu') {
    // On the device: a select against one matrix of kept places, made on the host and shared by the batch.
    const mask = emptyTensor([rows, cols], bool);
    const places = mask.storage.data;
    for (let i = 0; i < places.length; i++) places[i] = kept(Math.floor(i / cols), i % cols) ? 1 : 0;
    const strides = self._shape.map((_, d) => (d === self.ndim - 2 ? cols : d === self.ndim - 1 ? 1 : 0));
    if (gpuSelect(lower ? 'tril' : 'triu', { tensor: mask, strides }, { tensor: self, strides: self._stride }, { scalar: 0 }, out)) {
      return recorded(self, out, diagonal, lower);
    }
  }
  copyStrided(viewOf(out), viewOf(self));
  mapInPlace(viewOf(out), (value, index) => (kept(Math.floor(index / cols) % rows, index % cols) ? value : 0));
  return recorded(self, out, diagonal, lower);
}

function recorded(self: Tensor, out: Tensor, diagonal: number, lower: boolean): Tensor {
  record(lower ? 'TrilBackward0' : 'TriuBackward0', [self], out, {}, ([grad]) => [triangle(grad!, diagonal, lower)]);
  return out;
}

/** `m.tril()` / `m.tril(-1)`: the lower triangle, on and below the `diagonal`-th diagonal. */
export function tril(self: Tensor, diagonal = 0): Tensor { return triangle(self, diagonal, true); }
/** `m.triu()` / `m.triu(1)`: the upper triangle, on and above the `diagonal`-th diagonal. */
export function triu(self: Tensor, diagonal = 0): Tensor { return triangle(self, diagonal, false); }

type DiagonalArgument = number | { diagonal?: number };
/** The `diagonal` argument, an int as Python's parser demands (`first` is its position). */
function diagonalOf(d: DiagonalArgument | undefined, fn: string, first = 1): number {
  const value = typeof d === 'object' && d !== null && !(d instanceof Number) ? d.diagonal : d;
  if (value !== undefined) checkInt(value, `${fn}(): argument 'diagonal'${value === d ? ` (position ${first})` : ''}`);
  return (value as number | undefined) ?? 0;
}

const methods = {
  /** `m.tril(0)` or `m.tril({ diagonal: 1 })`. */
  tril(this: Tensor, diagonal?: DiagonalArgument): Tensor { return tril(this, diagonalOf(diagonal, 'tril')); },
  /** `m.triu(0)` or `m.triu({ diagonal: 1 })`. */
  triu(this: Tensor, diagonal?: DiagonalArgument): Tensor { return triu(this, diagonalOf(diagonal, 'triu')); },
  /** In-place `m.tril_()`. */
  tril_(this: Tensor, diagonal?: DiagonalArgument): Tensor { return inPlace(this, [], (s) => tril(s, diagonalOf(diagonal, 'tril_')), UNCHECKED); },
  /** In-place `m.triu_()`. */
  triu_(this: Tensor, diagonal?: DiagonalArgument): Tensor { return inPlace(this, [], (s) => triu(s, diagonalOf(diagonal, 'triu_')), UNCHECKED); },
};
type TrilMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends TrilMethods {} }
addMethods(methods);

export const functions = {
  tril: (input: Tensor, diagonal?: DiagonalArgument) => tril(input, diagonalOf(diagonal, 'tril', 2)),
  triu: (input: Tensor, diagonal?: DiagonalArgument) => triu(input, diagonalOf(diagonal, 'triu', 2)),
};
