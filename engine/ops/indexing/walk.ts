// Coordinate walks for the index-driven ops (gather, scatter, index_add): plain loops over every position of an
// index tensor, with the matching storage positions computed from strides.
import { type StridedView, walk } from '../../backend/cpu/kernels.ts';
import { int32, int64 } from '../../core/dtype.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';

/** Calls `fn(coords, linear)` for every coordinate of `shape` in row-major order (`coords` is reused). */
export function forEachCoordinate(shape: readonly number[], fn: (coords: number[], linear: number) => void): void {
  const total = shape.reduce((a, b) => a * b, 1);
  const coords = new Array<number>(shape.length).fill(0);
  for (let linear = 0; linear < total; linear++) {
    fn(coords, linear);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++coords[d]! < shape[d]!) break;
      coords[d] = 0;
    }
  }
}

/** The storage position of `coords` in `t`; a 0-dim tensor ignores them. */
export function positionAt(t: Tensor, coords: readonly number[]): number {
  let p = t._offset;
  for (let d = 0; d < t._stride.length; d++) p += coords[d]! * t._stride[d]!;
  return p;
}

/** Position of `coords` in `t` with the coordinate along `dim` replaced by `at`. */
export function positionAlong(t: Tensor, coords: readonly number[], dim: number, at: number): number {
  if (t.ndim === 0) return t._offset;
  return positionAt(t, coords) + (at - coords[dim]!) * t._stride[dim]!;
}

/** Tensors on the webgpu device run the kernels of engine/backend/webgpu/gather.ts. */
export const onDevice = (t: Tensor): boolean => t.storage.device.type === 'webgpu';

/**
 * `positions` grouped by `keys` (each below `keyCount`), in their order, as one int32 tensor for the device's scatter:
 * offsets [0, keyCount] into the entries that follow them (a counting sort).
 */
export function groupsByKey(keys: ArrayLike<number>, positions: ArrayLike<number>, keyCount: number): Tensor {
  const table = new Int32Array(keyCount + 1 + keys.length);
  for (let i = 0; i < keys.length; i++) table[keys[i]! + 1]!++;
  for (let k = 0; k < keyCount; k++) table[k + 1]! += table[k]!;
  const next = table.slice(0, keyCount);
  for (let i = 0; i < keys.length; i++) table[keyCount + 1 + next[keys[i]!]!++] = positions[i]!;
  for (let k = 0; k <= keyCount; k++) table[k]! += keyCount + 1;
  const out = emptyTensor([table.length], int32);
  out.storage.data.set(table);
  return out;
}

/** A fresh int64 tensor holding `values`. */
export function longTensor(values: ArrayLike<number>, shape: readonly number[] = [values.length]): Tensor {
  const out = emptyTensor(shape, int64);
  for (let i = 0; i < values.length; i++) out.storage.data[i] = values[i]!;
  return out;
}

/** The size of `t` along `d` as ATen's ensure_nonempty_size sees it: a 0-dim tensor has size 1. */
export function sizeOrOne(t: Tensor, d: number): number {
  return t.ndim === 0 ? 1 : t._shape[d]!;
}

/** The part of `t` at `index` along `dim`, as a kernel view (the whole tensor when `t` is 0-dim). */
export function sliceView(t: Tensor, dim: number, index: number): StridedView {
  if (t.ndim === 0) return { data: t.storage.data, shape: [], strides: [], offset: t._offset };
  return {
    data: t.storage.data,
    shape: t._shape.filter((_, i) => i !== dim),
    strides: t._stride.filter((_, i) => i !== dim),
    offset: t._offset + index * t._stride[dim]!,
  };
}

/** dst += scale * src over two same-shaped strided views (`store` converts to dst's dtype). */
export function accumulate(dst: StridedView, src: StridedView, scale: number, store: (v: number) => number): void {
  const dd = dst.data;
  const sd = src.data;
  walk(dst.shape, [dst, src], (pos, size, strides) => {
    for (let i = 0, pd = pos[0]!, ps = pos[1]!; i < size; i++, pd += strides[0]!, ps += strides[1]!) {
      dd[pd] = store(dd[pd]! + scale * sd[ps]!);
    }
  });
}
