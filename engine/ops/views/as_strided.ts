// as_strided: any geometry over the input's storage (the storage offset is absolute, as in PyTorch).
import { RuntimeError } from '../../core/errors.ts';
import { int64 } from '../../core/dtype.ts';
import { cpu } from '../../core/device.ts';
import { positionsOf } from '../../core/strided.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { parseShape } from '../args.ts';
import { addMethods } from '../methods.ts';
import { viewOf } from './make.ts';

/** setStrided's checks: strides are non-negative and every element lies inside the storage. */
export function checkStrided(self: Tensor, size: readonly number[], stride: readonly number[], offset: number): void {
  if (size.length !== stride.length) throw new RuntimeError('mismatch in length of strides and shape');
  if (stride.some((s) => s < 0)) {
    throw new RuntimeError(`as_strided: Negative strides are not supported at the moment, got strides: [${stride.join(', ')}]`);
  }
  if (offset < 0) throw new RuntimeError(`Tensor: invalid storage offset ${offset}`);
  if (size.some((d) => d < 0)) {
    throw new RuntimeError(`Storage size calculation overflowed with sizes=[${size.join(', ')}] and strides=[${stride.join(', ')}]`);
  }
  if (size.includes(0)) return;
  const itemsize = self.dtype.itemsize;
  const needed = (1 + size.reduce((acc, d, i) => acc + (d - 1) * stride[i]!, 0) + offset) * itemsize;
  const available = self.storage.size * itemsize;
  if (needed > available) {
    throw new RuntimeError(`setStorage: sizes [${size.join(', ')}], strides [${stride.join(', ')}], storage offset ${offset}, and itemsize ${itemsize} requiring a storage size of ${needed} are out of bounds for storage of size ${available}`);
  }
}

/**
 * ATen's _maybe_overlapping_memory: whether a geometry might put two elements at one position (dimensions by
 * increasing stride, each stride beyond the span of the smaller ones, or it may overlap).
 */
export function maybeOverlapping(shape: readonly number[], strides: readonly number[]): boolean {
  const order = shape.map((_, i) => i).sort((i, j) => strides[i]! - strides[j]!);
  let span = 0;
  for (const i of order) {
    if (strides[i]! <= span) return true;
    span += strides[i]! * (shape[i]! - 1);
  }
  return false;
}

function positionTensor(shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  const positions = positionsOf(shape, strides, offset);
  const out = emptyTensor([positions.length], int64, cpu);
  out.storage.data.set(positions);
  return out;
}

/** How many input elements share each input element's storage position, or null when none do. */
function overlapCounts(positions: Tensor, dtype: Tensor['dtype']): Tensor | null {
  const data = positions.storage.data;
  const seen = new Map<number, number>();
  for (const p of data) seen.set(p, (seen.get(p) ?? 0) + 1);
  if (seen.size === data.length) return null;
  const counts = emptyTensor([data.length], dtype, cpu);
  data.forEach((p, i) => { counts.storage.data[i] = seen.get(p)!; });
  return counts;
}

function largest(...arrays: ArrayLike<number>[]): number {
  let max = -1;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i]! > max) max = a[i]!;
  return max;
}

/**
 * `x.as_strided([2, 2], [1, 2], 1)`. Backward scatters the gradient into the storage's positions and reads the
 * input's positions back; where the input itself overlaps (an expanded tensor), each of its elements gets the
 * average, as PyTorch's as_strided_backward does.
 */
export function asStrided(self: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number): Tensor {
  const offset = storage_offset ?? self._offset;
  checkStrided(self, size, stride, offset);
  const inShape = [...self._shape];
  const inPositions = positionTensor(self._shape, self._stride, self._offset);
  const outPositions = positionTensor(size, stride, offset);
  return viewOf(self, 'AsStridedBackward0', [...size], [...stride], offset, (grad) => {
    const extent = largest(inPositions.storage.data, outPositions.storage.data) + 1;
    // The positions are worked out on the host; the gradient's device gets a copy (one upload each).
    // Scattered by copy where the output geometry cannot overlap (a -0 gradient stays -0, as in PyTorch), summed
    // where it may.
    const zeros = emptyTensor([extent], grad.dtype, grad.device);
    const positions = outPositions.to(grad.device);
    const storage = maybeOverlapping(size, stride) ? zeros.index_add(0, positions, grad.reshape(-1)) : zeros.scatter(0, positions, grad.reshape(-1));
    const gathered = storage.index_select(0, inPositions.to(grad.device));
    const counts = overlapCounts(inPositions, grad.dtype);
    return (counts ? gathered.div(counts.to(grad.device)) : gathered).view(inShape);
  });
}

const methods = {
  /** `x.as_strided([2, 2], [1, 2])` or with a storage offset `x.as_strided([2], [1], 3)`. */
  as_strided(this: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number | { storage_offset?: number }): Tensor {
    const offset = typeof storage_offset === 'object' ? storage_offset.storage_offset : storage_offset;
    return asStrided(this, parseShape([size], 'size'), parseShape([stride], 'stride'), offset);
  },
};
type AsStridedMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends AsStridedMethods {} }
addMethods(methods);

export const functions = {
  as_strided: (input: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number) =>
    asStrided(input, parseShape([size], 'size'), parseShape([stride], 'stride'), storage_offset),
};
