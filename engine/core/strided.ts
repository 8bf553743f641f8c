// Walking strided memory in logical (row-major) order, iteratively.

import type { Shape } from './shape.ts';

/** Calls `fn(storagePosition, logicalIndex)` for every element of a strided view, in row-major order. */
export function forEachPosition(
  shape: Shape, strides: Shape, offset: number, fn: (position: number, index: number) => void,
): void {
  const ndim = shape.length;
  let total = 1;
  for (const d of shape) total *= d;
  if (total === 0) return;
  if (ndim === 0) { fn(offset, 0); return; }
  const counter = new Array<number>(ndim).fill(0);
  const last = ndim - 1;
  const innerSize = shape[last]!;
  const innerStride = strides[last]!;
  let position = offset;
  let index = 0;
  for (;;) {
    for (let i = 0; i < innerSize; i++) fn(position + i * innerStride, index++);
    let d = last - 1;
    while (d >= 0) {
      counter[d]!++;
      position += strides[d]!;
      if (counter[d]! < shape[d]!) break;
      position -= strides[d]! * shape[d]!;
      counter[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

/** The storage positions of every element, in row-major order. */
export function positionsOf(shape: Shape, strides: Shape, offset: number): Int32Array | Float64Array {
  let total = 1;
  for (const d of shape) total *= d;
  const out = total < 2 ** 31 ? new Int32Array(total) : new Float64Array(total);
  forEachPosition(shape, strides, offset, (p, i) => { out[i] = p; });
  return out;
}
