// Shape and stride arithmetic shared by every op: dimension wrapping, broadcasting, view compatibility.
import { IndexError, RuntimeError } from './errors.ts';

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a freshly allocated tensor. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i]!, 1);
  }
  return strides;
}

/** PyTorch's is_contiguous: size-1 dimensions may have any stride, empty tensors are contiguous. */
export function isContiguous(shape: Shape, strides: Shape): boolean {
  if (numelOf(shape) === 0) return true;
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}

/** maybe_wrap_dim: turns a negative dim into a positive one, or throws PyTorch's IndexError. */
export function wrapDim(dim: number, ndim: number): number {
  const rank = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -rank || dim >= rank) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-rank}, ${rank - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + rank : dim;
}

/** Wraps a list of dims and rejects repeats as PyTorch does. */
export function wrapDims(dims: readonly number[], ndim: number): number[] {
  const seen = new Set<number>();
  return dims.map((d) => {
    const w = wrapDim(d, ndim);
    if (seen.has(w)) throw new RuntimeError(`dim ${w} appears multiple times in the list of dims`);
    seen.add(w);
    return w;
  });
}

export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  // From the last dimension, as infer_size does: the first mismatch it meets is the one reported.
  for (let i = n - 1; i >= 0; i--) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RuntimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had `target` shape (Note [Broadcast strides are zero]). */
export function broadcastStrides(shape: Shape, strides: Shape, target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[lead + i] = shape[i] === 1 ? 0 : strides[i]!;
  return out;
}

/** infer_size: resolves one -1 in a requested shape, with PyTorch's errors. */
export function inferSize(shape: readonly number[], numel: number): number[] {
  let inferred = -1;
  let product = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (d === -1) {
      if (inferred >= 0) throw new RuntimeError('only one dimension can be inferred');
      inferred = i;
    } else if (d >= 0 && Number.isInteger(d)) {
      product *= d;
    } else {
      throw new RuntimeError(`invalid shape dimension ${d}`);
    }
  }
  const out = [...shape];
  if (numel === product || (inferred >= 0 && product > 0 && numel % product === 0)) {
    if (inferred >= 0) {
      if (product === 0) {
        throw new RuntimeError(`cannot reshape tensor of 0 elements into shape [${shape.join(', ')}] because the unspecified dimension size -1 can be any value and is ambiguous`);
      }
      out[inferred] = numel / product;
    }
    return out;
  }
  throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
}

/** ATen's computeStride: the strides of `newShape` over the same memory, or null when no view is possible. */
export function computeViewStrides(oldShape: Shape, oldStrides: Shape, newShape: Shape): number[] | null {
  if (oldShape.length === 0) return new Array<number>(newShape.length).fill(1);
  const numel = numelOf(oldShape);
  if (numel === 0 && oldShape.length === newShape.length && oldShape.every((d, i) => d === newShape[i])) {
    return [...oldStrides];
  }
  const newStrides = new Array<number>(newShape.length);
  if (numel === 0) {
    for (let d = newShape.length - 1; d >= 0; d--) {
      newStrides[d] = d === newShape.length - 1 ? 1 : Math.max(newShape[d + 1]!, 1) * newStrides[d + 1]!;
    }
    return newStrides;
  }
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1]!;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD]!;
    if (tensorD === 0 || (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}

/** Validates a size given by the user (no negatives) and returns it as plain numbers. */
export function checkSize(size: readonly number[]): number[] {
  for (const d of size) {
    if (!Number.isInteger(d)) throw new TypeError(`expected a sequence of integers as the size, but got ${String(d)}`);
    if (d < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${d}: [${size.join(', ')}]`);
  }
  return [...size];
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}
