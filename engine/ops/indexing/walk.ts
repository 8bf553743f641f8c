// Coordinate walks for the index-driven ops (gather, scatter, index_add): plain loops over every position of an
// index tensor, with the matching storage positions computed from strides.
import { type StridedView, walk } from '../../backend/cpu/kernels.ts';
import { int64 } from '../../core/dtype.ts';
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
