// Shapes and strides as the WebAssembly kernels want them: unit dims dropped and neighbouring dims merged where
// every operand allows it, and each operand's storage span (the part of its typed array it reaches).
import type { StridedView } from '../cpu/kernels.ts';

export interface Collapsed { shape: number[]; strides: number[][] }

/** Merges dims i and i+1 where every operand has stride[i] == stride[i+1] * shape[i+1]; drops size-1 dims. */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Collapsed {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && strides.every((s, i) => s[d] === outStrides[i]![0]! * outShape[0]!)) {
      outShape[0] = outShape[0]! * size;
      continue;
    }
    outShape.unshift(size);
    strides.forEach((s, i) => outStrides[i]!.unshift(s[d]!));
  }
  return { shape: outShape, strides: outStrides };
}

/** The lowest and highest storage positions `view` reads (its numel must be > 0). */
export function span(view: StridedView): { low: number; high: number } {
  let low = view.offset;
  let high = view.offset;
  view.shape.forEach((size, d) => {
    const reach = (size - 1) * view.strides[d]!;
    if (reach < 0) low += reach;
    else high += reach;
  });
  return { low, high };
}

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
