// Advanced indexing with one tensor index (a long tensor of indices, or a bool mask), or a bool: the result is a
// copy (IndexBackward0), and the setter writes through index_put (IndexPutBackward0). Both reduce to "pick whole
// sub-tensors at `positions` among the dimensions dim .. dim+k-1 flattened".
import { record } from '../../autograd/record.ts';
import { copyStrided, type StridedView } from '../../backend/cpu/kernels.ts';
import { gpuMove, type MoveSide } from '../../backend/webgpu/index.ts';
import { bool, int32, int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { contiguousStrides, numelOf } from '../../core/shape.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { castTensor, inPlace, writeInto } from '../dispatch.ts';
import { longTensor, onDevice } from './walk.ts';
import { INDEXED_SOURCE_ONLY } from '../overlap.ts';

/** Sub-tensors of `dims` [dim, dim + k) picked at flat `positions`; they form the result's `leadShape`. */
export interface Picking { dim: number; k: number; positions: number[]; leadShape: number[] }

/** What a tensor index picks from `self`, with PyTorch's IndexErrors. */
export function pickingOf(self: Tensor, index: Tensor): Picking {
  if (index.dtype === bool) {
    index._shape.forEach((size, i) => {
      if (i >= self.ndim || size !== self._shape[i]) {
        throw new IndexError(`The shape of the mask [${index._shape.join(', ')}] at index ${i} does not match the shape of the indexed tensor [${self._shape.join(', ')}] at index ${i}`);
      }
    });
    const positions: number[] = [];
    index._values().forEach((m, i) => { if (m) positions.push(i); });
    return { dim: 0, k: index.ndim, positions, leadShape: [positions.length] };
  }
  if (index.dtype !== int64) throw new IndexError('tensors used as indices must be long, byte or bool tensors');
  if (self.ndim === 0) throw new IndexError('too many indices for tensor of dimension 0');
  const size = self._shape[0]!;
  const positions = index._values().map((i) => {
    if (i < -size || i >= size) throw new IndexError(`index ${i} is out of bounds for dimension 0 with size ${size}`);
    return i < 0 ? i + size : i;
  });
  return { dim: 0, k: 1, positions, leadShape: [...index._shape] };
}

function geometry(self: Tensor, p: Picking) {
  const before = self._shape.slice(0, p.dim);
  const after = self._shape.slice(p.dim + p.k);
  const picked = self._shape.slice(p.dim, p.dim + p.k);
  return {
    resultShape: [...before, ...p.leadShape, ...after],
    flatShape: [...before, p.positions.length, ...after],
    sourceShape: [...before, numelOf(picked), ...after],
    picked,
  };
}

/** `self`'s sub-tensor at flat position `position` of the picked dimensions, as a kernel view. */
function subView(self: Tensor, p: Picking, position: number, picked: readonly number[]): StridedView {
  let offset = self._offset;
  let rest = position;
  for (let j = p.k - 1; j >= 0; j--) {
    offset += (rest % picked[j]!) * self._stride[p.dim + j]!;
    rest = Math.floor(rest / picked[j]!);
  }
  const keep = (_: number, i: number) => i < p.dim || i >= p.dim + p.k;
  return { data: self.storage.data, shape: self._shape.filter(keep), strides: self._stride.filter(keep), offset };
}

/** The part of a contiguous tensor of `flatShape` at index `i` along `dim`. */
function flatView(t: Tensor, flatShape: readonly number[], dim: number, i: number): StridedView {
  const strides = contiguousStrides(flatShape);
  return {
    data: t.storage.data, shape: flatShape.filter((_, j) => j !== dim),
    strides: strides.filter((_, j) => j !== dim), offset: i * strides[dim]!,
  };
}

/** The one stride that steps through the picked dimensions of `t` flattened, or null when they do not merge. */
function mergedStride(t: Tensor, p: Picking): number | null {
  if (p.k === 0) return 0;
  const base = t._stride[p.dim + p.k - 1]!;
  let expected = base;
  for (let j = p.dim + p.k - 1; j >= p.dim; j--) {
    if (t._shape[j] !== 1 && t._stride[j] !== expected) return null;
    expected *= t._shape[j]!;
  }
  return base;
}

/**
 * A side of the device's indexed move over `flatShape` (the picked dimensions flattened at `p.dim`): `t`'s strides
 * around them and `indices` (int32) stepping through them. Null when the picked dimensions of `t` do not merge.
 */
function pickedSide(t: Tensor, p: Picking, flatShape: readonly number[], indices: readonly number[], size: number): MoveSide | null {
  const stride = mergedStride(t, p);
  if (stride === null) return null;
  const index = emptyTensor([indices.length], int32);
  index.storage.data.set(indices);
  const strides = flatShape.map((_, i) => (i < p.dim ? t._stride[i]! : i === p.dim ? 0 : t._stride[i + p.k - 1]!));
  return { tensor: t, offset: t._offset, strides, index: { tensor: index, strides: flatShape.map((_, i) => (i === p.dim ? 1 : 0)), stride, size } };
}

/** `x[index]` for a picking: a copy, recording IndexBackward0 (its gradient adds back at the picked places). */
export function indexCopy(self: Tensor, p: Picking): Tensor {
  const { resultShape, flatShape, sourceShape, picked } = geometry(self, p);
  const out = emptyTensor(resultShape, self.dtype, self.device);
  const dst = { tensor: out, offset: 0, strides: contiguousStrides(flatShape) };
  const source = onDevice(out) ? (mergedStride(self, p) === null ? self.detach().contiguous() : self) : null;
  const src = source && pickedSide(source, p, flatShape, p.positions, numelOf(picked));
  if (!src || !gpuMove('index', flatShape, dst, src)) {
    p.positions.forEach((position, i) => copyStrided(flatView(out, flatShape, p.dim, i), subView(self, p, position, picked)));
  }
  const inputShape = [...self._shape];
  const positions = longTensor(p.positions);
  record('IndexBackward0', [self], out, {}, ([grad]) => [
    emptyTensor(sourceShape, grad!.dtype, grad!.device).index_add(p.dim, positions, grad!.reshape(flatShape)).view(inputShape),
  ]);
  return out;
}

/** Ones of `shape` with zeros at `positions` along `dim` (the other dimensions have size 1). */
function keepMask(shape: readonly number[], dim: number, positions: readonly number[], like: Tensor): Tensor {
  const mask = emptyTensor(shape.map((d, i) => (i === dim ? d : 1)), like.dtype, like.device);
  mask.storage.data.fill(1);
  for (const position of positions) mask.storage.data[position] = 0;
  return mask;
}

/** index_put's writes on the device: only the last write to each position is kept, so no two threads collide. */
function putOnDevice(out: Tensor, values: Tensor, p: Picking, flatShape: readonly number[], size: number): boolean {
  const last = new Map<number, number>();
  p.positions.forEach((position, i) => last.set(position, i));
  const dst = pickedSide(out, p, flatShape, [...last.keys()], size);
  if (dst === null) return false;
  const flat = new Tensor(values.storage, [...flatShape], contiguousStrides(flatShape), 0);
  const src = pickedSide(flat, { ...p, k: 1 }, flatShape, [...last.values()], p.positions.length)!;
  return gpuMove('index_put', flatShape.map((n, i) => (i === p.dim ? last.size : n)), dst, src);
}

/** `x[index] = value` for a picking (PyTorch's index_put_), in place; repeated positions keep the last value. */
export function indexPut(self: Tensor, p: Picking, value: Tensor): Tensor {
  const { resultShape, flatShape, sourceShape, picked } = geometry(self, p);
  const lead = resultShape.length - value.ndim;
  if (lead < 0 || value._shape.some((d, i) => d !== 1 && d !== resultShape[lead + i])) {
    throw new RuntimeError(`shape mismatch: value tensor of shape [${value._shape.join(', ')}] cannot be broadcast to indexing result of shape [${resultShape.join(', ')}]`);
  }
  const positions = longTensor(p.positions);
  return inPlace(self, [value], (before) => {
    // On the device a contiguous copy, whose picked dimensions always merge into one stride.
    const out = onDevice(before) ? emptyTensor(before._shape, before.dtype, before.device) : castTensor(before, before.dtype);
    if (onDevice(before)) writeInto(out, before);
    const values = emptyTensor(resultShape, before.dtype, out.device);
    writeInto(values, value);
    if (!(onDevice(out) && putOnDevice(out, values, p, flatShape, numelOf(picked)))) {
      p.positions.forEach((position, i) => copyStrided(subView(out, p, position, picked), flatView(values, flatShape, p.dim, i)));
    }
    const selfShape = [...before._shape];
    record('IndexPutBackward0', [before, value], out, {}, ([grad]) => {
      const flat = grad!.reshape(sourceShape);
      return [flat.mul(keepMask(sourceShape, p.dim, p.positions, grad!)).view(selfShape), flat.index_select(p.dim, positions).reshape(resultShape)];
    });
    return out;
  }, INDEXED_SOURCE_ONLY);
}
