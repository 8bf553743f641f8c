// Strided indexing in plain words: where an element lives in its storage, the order a view walks its storage, and
// why `.view` works or fails. Pure functions: no DOM, unit-tested in Node (including against the engine's rule).

/** Storage position of the element at `index`: `storage_offset + sum(index[d] * stride[d])`. */
export function storagePosition(index: readonly number[], stride: readonly number[], offset: number): number {
  let position = offset;
  for (let d = 0; d < index.length; d++) position += index[d]! * stride[d]!;
  return position;
}

/** The strides a freshly allocated (contiguous) tensor of `shape` has: `(3, 1)` for `[2, 3]`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= Math.max(shape[d]!, 1);
  }
  return strides;
}

/** PyTorch's `is_contiguous()`: strides match the contiguous ones, ignoring dimensions of size 1. */
export function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  if (shape.some((d) => d === 0)) return true;
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] === 1) continue;
    if (stride[d] !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}

/** Every index of `shape` in row-major order (the last dimension fastest), at most `limit` of them. */
export function rowMajorIndices(shape: readonly number[], limit = Infinity): number[][] {
  const count = Math.min(shape.reduce((a, b) => a * b, 1), limit);
  const result: number[][] = [];
  const index = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < count; n++) {
    result.push([...index]);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return result;
}

/** The storage positions a view reads, in the order `for` loops over its indices would visit them. */
export function walkOrder(shape: readonly number[], stride: readonly number[], offset: number, limit = Infinity): number[] {
  return rowMajorIndices(shape, limit).map((index) => storagePosition(index, stride, offset));
}

/**
 * The strides `.view(newShape)` gives, or null when no strides over the same memory can express it.
 *
 * Note [View strides]: a reimplementation of PyTorch's `at::detail::computeStride` (aten/src/ATen/TensorUtils.cpp),
 * kept here because the webview may not import engine code; a unit test checks it agrees with
 * engine/core/shape.ts's `computeViewStrides` on many shapes. The old dimensions are cut into "chunks": runs of
 * dimensions where each stride equals the next one's stride times its size, so that the run reads memory as one
 * evenly strided block. A view can split and merge dimensions only inside a chunk; if a new dimension would need to
 * span two chunks, there are no strides for it and `view` fails (use `reshape`, which copies).
 */
export function computeViewStrides(oldShape: readonly number[], oldStrides: readonly number[], newShape: readonly number[]): number[] | null {
  if (oldShape.length === 0) return newShape.map(() => 1);
  const numel = oldShape.reduce((a, b) => a * b, 1);
  if (numel === 0) {
    if (oldShape.length === newShape.length && oldShape.every((d, i) => d === newShape[i])) return [...oldStrides];
    return contiguousStrides(newShape);
  }
  const newStrides = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  // The chunk being matched: its innermost stride, and the element counts taken from each side so far.
  let chunkBaseStride = oldStrides[oldStrides.length - 1]!;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD]!;
    const chunkEnds = tensorD === 0 || (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride);
    if (!chunkEnds) continue;
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
  return viewD === -1 ? newStrides : null;
}

/** The chunks of Note [View strides]: groups of adjacent dimensions that read memory as one strided block. */
export function contiguousChunks(shape: readonly number[], stride: readonly number[]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    current.unshift(d);
    const next = d - 1;
    if (next < 0) break;
    const span = current.reduce((n, dim) => n * shape[dim]!, 1) * stride[current[current.length - 1]!]!;
    if (shape[next] !== 1 && stride[next] !== span) {
      chunks.unshift(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.unshift(current);
  return chunks;
}

/** Parses what a person types into "try .view(...)": `6`, `2, 3`, `(-1, 2)`, `[3,2]`. */
export function parseShape(text: string): number[] | null {
  const inner = text.trim().replace(/^[([]/, '').replace(/[)\]]$/, '').trim();
  if (inner === '') return [];
  const parts = inner.split(',').map((p) => p.trim()).filter((p, i, all) => p !== '' || i < all.length - 1);
  if (parts.some((p) => !/^-?\d+$/.test(p))) return null;
  return parts.map(Number);
}

export type ViewAttempt =
  | { ok: true; shape: number[]; stride: number[] }
  | { ok: false; shape: number[] | null; message: string };

/** What `t.view(*requested)` does, with PyTorch's error texts: infers one `-1`, checks sizes, then the strides. */
export function tryView(shape: readonly number[], stride: readonly number[], requested: readonly number[]): ViewAttempt {
  const numel = shape.reduce((a, b) => a * b, 1);
  const inferAt = requested.indexOf(-1);
  if (requested.filter((d) => d === -1).length > 1) return { ok: false, shape: null, message: 'only one dimension can be inferred' };
  const bad = requested.find((d) => d < -1);
  if (bad !== undefined) return { ok: false, shape: null, message: `invalid shape dimension ${bad}` };
  const known = requested.reduce((n, d) => (d === -1 ? n : n * d), 1);
  const size = [...requested];
  if (inferAt >= 0) {
    if (known === 0 || numel % known !== 0) {
      return { ok: false, shape: null, message: `shape '[${requested.join(', ')}]' is invalid for input of size ${numel}` };
    }
    size[inferAt] = numel / known;
  } else if (known !== numel) {
    return { ok: false, shape: null, message: `shape '[${requested.join(', ')}]' is invalid for input of size ${numel}` };
  }
  const strides = computeViewStrides(shape, stride, size);
  if (strides === null) {
    return {
      ok: false,
      shape: size,
      message: 'view size is not compatible with input tensor\'s size and stride (at least one dimension spans across '
        + 'two contiguous subspaces). Use .reshape(...) instead.',
    };
  }
  return { ok: true, shape: size, stride: strides };
}
