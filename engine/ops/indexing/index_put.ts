// ATen's advanced indexing over a list of optional index tensors (`x[i0, :, i2]` reaches here as [i0, null, i2]):
// `index` (the getter, IndexBackward0) and `index_put` (the setter, IndexPutBackward0).
//
// Note [Advanced indexing is one gather]: as ATen's make_info does, bool masks become long indices (their nonzero
// columns), the index tensors broadcast together, and when they are not adjacent the indexed dims move to the front.
// The indexed dims then lie between `before` and `after` dims; each broadcast position j picks the storage offset
// L[j] = sum_k index_k[j] * stride_k. Viewing the tensor as [...before, M, ...after] with stride 1 for M makes the
// getter one index_select along that dim, and the setter one index_add_ (accumulate) or scatter_ over the storage
// positions of the picked elements, so both run wherever those ops have kernels.
import { record } from '../../autograd/record.ts';
import { bool, int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { iterationPermutation } from '../../core/iteration.ts';
import { computeViewStrides, contiguousStrides, isContiguous, numelOf } from '../../core/shape.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { inPlace, writeInto } from '../dispatch.ts';
import { emptyLike } from '../layout.ts';
import { INDEXED_SOURCE_ONLY, UNCHECKED } from '../overlap.ts';
import { expand } from '../views/expand.ts';
import { permute } from '../views/permute.ts';
import { select } from '../views/slice.ts';
import { forEachCoordinate, longTensor } from './walk.ts';

/** ATen's `Tensor?[] indices`: one entry per leading dim of the indexed tensor, null where it is not indexed. */
export type Indices = readonly (Tensor | null)[];

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

function maskError(self: Tensor, mask: Tensor, maskDim: number, selfDim: number): IndexError {
  return new IndexError(`The shape of the mask ${shapeText(mask._shape)} at index ${maskDim} does not match the shape of the indexed tensor ${shapeText(self._shape)} at index ${selfDim}`);
}

/** expandTensors: each mask becomes the long indices of its nonzero elements, one per mask dim. */
function expandMasks(self: Tensor, indices: Indices): (Tensor | null)[] {
  const out: (Tensor | null)[] = [];
  for (const index of indices) {
    if (index === null || index.dtype !== bool) { out.push(index); continue; }
    index._shape.forEach((size, j) => {
      const selfDim = out.length + j;
      if (selfDim >= self.ndim) {
        throw new IndexError(`Dimension out of range (expected to be in range of [${-Math.max(self.ndim, 1)}, ${Math.max(self.ndim, 1) - 1}], but got ${selfDim})`);
      }
      if (size !== self._shape[selfDim]) throw maskError(self, index, j, selfDim);
    });
    const coords: number[] = [];
    index._values().forEach((m, i) => {
      if (!m) return;
      for (let j = index.ndim - 1, rest = i, at = coords.length; j >= 0; j--) {
        coords[at + j] = rest % index._shape[j]!;
        rest = Math.floor(rest / index._shape[j]!);
      }
    });
    const nonzero = longTensor(coords, [coords.length / Math.max(index.ndim, 1), index.ndim]);
    for (let j = 0; j < index.ndim; j++) out.push(select(nonzero, 1, j));
  }
  return out;
}

function broadcastIndices(indices: readonly (Tensor | null)[]): number[] {
  const defined = indices.filter((t): t is Tensor => t !== null);
  const rank = Math.max(0, ...defined.map((t) => t.ndim));
  const shape = new Array<number>(rank).fill(1);
  for (const t of defined) {
    t._shape.forEach((d, i) => {
      const at = rank - t.ndim + i;
      if (d !== 1 && shape[at] !== 1 && shape[at] !== d) {
        throw new IndexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${defined.map((u) => shapeText(u._shape)).join(', ')}`);
      }
      if (d !== 1) shape[at] = d;
    });
  }
  return shape;
}

/** The kernel reports the first bad index of the first element that has one. */
function firstOutOfBounds(values: readonly (readonly number[])[], sizes: readonly number[]): IndexError {
  for (let j = 0; ; j++) {
    for (let k = 0; k < values.length; k++) {
      const i = values[k]![j]!;
      if (i < -sizes[k]! || i >= sizes[k]!) return new IndexError(`index ${i} is out of bounds for dimension ${k} with size ${sizes[k]}`);
    }
  }
}

/** The geometry make_info builds: `src` (transposed when needed) and the storage offsets it picks. */
interface Info {
  src: Tensor;
  before: number;
  indexed: number;
  resultShape: number[];
  /** The index tensors, broadcast to the indexed shape. */
  indices: Tensor[];
  /** Storage offsets relative to `src`'s offset, one per broadcast index position. */
  offsets: number[];
}

/** make_info with the kernel's bound checks (made only where the result has elements, as the kernel's loop). */
function makeInfo(self: Tensor, given: Indices): Info {
  if (given.length > self.ndim) throw new IndexError(`too many indices for tensor of dimension ${self.ndim} (got ${given.length})`);
  if (given.some((t) => t !== null && t.dtype !== int64 && t.dtype !== bool)) {
    throw new IndexError('tensors used as indices must be long, byte or bool tensors');
  }
  let list = expandMasks(self, given);
  const shape = broadcastIndices(list);
  while (list.length < self.ndim) list.push(null);
  const positions = list.flatMap((t, i) => (t === null ? [] : [i]));
  // What ATen meets when it reads the strides of the missing first index.
  if (positions.length === 0) throw new RuntimeError('strides() called on an undefined Tensor');
  let src = self;
  if (positions.some((p, i) => i > 0 && p !== positions[i - 1]! + 1)) {
    const permutation = [...positions, ...list.flatMap((t, i) => (t === null ? [i] : []))];
    src = permute(self.detach(), permutation);
    list = permutation.map((d) => list[d]!);
  }
  const before = list.findIndex((t) => t !== null);
  const indices = list.filter((t): t is Tensor => t !== null).map((t) => expand(t, shape));
  const indexedSizes = indices.map((_, k) => src._shape[before + k]!);
  if (indexedSizes.includes(0) && !shape.includes(0)) throw new IndexError('index is out of bounds for dimension with size 0');
  const resultShape = [...src._shape.slice(0, before), ...shape, ...src._shape.slice(before + indices.length)];
  const offsets = new Array<number>(numelOf(shape)).fill(0);
  if (numelOf(resultShape) > 0) {
    const values = indices.map((t) => t._values());
    let bad = false;
    values.forEach((v, k) => {
      const size = indexedSizes[k]!;
      const stride = src._stride[before + k]!;
      for (let j = 0; j < v.length; j++) {
        const i = v[j]!;
        if (i < -size || i >= size) bad = true;
        offsets[j] += (i < 0 ? i + size : i) * stride;
      }
    });
    if (bad) throw firstOutOfBounds(values, indexedSizes);
  }
  return { src, before, indexed: indices.length, resultShape, indices, offsets };
}

/**
 * The strides TensorIterator gives the result (reorder_dimensions): dims sorted by the operands' strides, the
 * source's first, then the indices' (Note [TensorIterator order]). Usually contiguous, not always.
 */
function resultStrides(info: Info): number[] {
  const { src, before, indexed, resultShape: shape } = info;
  const lead = shape.length - (src.ndim - indexed);
  const after = src.ndim - before - indexed;
  const srcStrides = [...src._stride.slice(0, before), ...new Array<number>(lead).fill(0), ...src._stride.slice(before + indexed)];
  const operands = [srcStrides, ...info.indices.map((t) => {
    const full = [...new Array<number>(before).fill(1), ...t._shape, ...new Array<number>(after).fill(1)];
    const strides = computeViewStrides(t._shape, t._stride, full) ?? full.map(() => 0);
    return strides.map((s, d) => (full[d] === 1 && shape[d] !== 1 ? 0 : s));
  })];
  // fast_set_up: operands all of the result's shape and contiguous (an empty result always is) give a contiguous one.
  const sameShape = shape.every((d, i) => d === 1 || (i >= before && i < before + lead));
  if (sameShape && operands.every((strides) => isContiguous(shape, strides))) return contiguousStrides(shape);
  const n = shape.length;
  const perm = iterationPermutation(shape, operands);
  if (perm.every((d, i) => d === n - 1 - i)) return contiguousStrides(shape);
  const strides = new Array<number>(n);
  let next = 1;
  for (const d of perm) { strides[d] = next; next *= shape[d]!; }
  return strides;
}

/**
 * `t`'s memory as [...before, M, ...after] with stride 1 along M, reaching every offset of `info`. A bare tensor
 * over the same storage (as_strided would list all its positions for its backward, and nothing here needs one).
 */
function offsetView(t: Tensor, info: Info): Tensor {
  const { before, indexed } = info;
  const extent = info.offsets.reduce((a, b) => Math.max(a, b), 0) + 1;
  return new Tensor(t.storage, [...t._shape.slice(0, before), extent, ...t._shape.slice(before + indexed)],
    [...t._stride.slice(0, before), 1, ...t._stride.slice(before + indexed)], t._offset);
}

/** `x.index([i0, null, i2])` is ATen's index (Python's `x[i0, :, i2]`): a copy, recording IndexBackward0. */
export function index(self: Tensor, indices: Indices): Tensor {
  const info = makeInfo(self, indices);
  const { resultShape, before } = info;
  const strides = resultStrides(info);
  let storage = emptyTensor([0], self.dtype, self.device).storage;
  if (numelOf(resultShape) > 0) {
    let gathered = offsetView(info.src.detach(), info).index_select(before, longTensor(info.offsets)).view(resultShape);
    if (!strides.every((s, d) => resultShape[d] === 1 || s === gathered._stride[d])) {
      // Laid out as TensorIterator lays it out: one more copy, with the dims ordered by their strides.
      gathered = permute(gathered, resultShape.map((_, d) => d).sort((a, b) => strides[b]! - strides[a]!)).contiguous();
    }
    storage = gathered.storage;
  }
  // A fresh tensor over the gathered memory, not a view of it.
  const out = new Tensor(storage, resultShape, strides, 0);
  const inputShape = [...self._shape];
  // index_backward calls _index_put_impl_, whose node has its own name.
  record('IndexBackward0', [self], out, {}, ([grad]) => [indexPut(grad!.new_zeros(inputShape), indices, grad!, true, 'IndexPutImplBackward0')]);
  return out;
}

/** canDispatchToMaskedFill: one mask among the indices and a one-element value write as masked_fill_ does. */
function masksLikeFill(indices: Indices, values: Tensor, accumulate: boolean): boolean {
  if (accumulate || values.numel() !== 1) return false;
  const defined = indices.filter((t): t is Tensor => t !== null);
  return defined.length === 1 && defined[0]!.dtype === bool;
}

/** Storage positions in `info.src` of every element of the indexed result, in its row-major order. */
function pickedPositions(info: Info): Tensor {
  const { src, before, indexed, resultShape, offsets } = info;
  const lead = resultShape.length - (src.ndim - indexed);
  const strides = [...src._stride.slice(0, before), ...src._stride.slice(before + indexed)];
  const leadStrides = contiguousStrides(resultShape.slice(before, before + lead));
  const out = emptyTensor([numelOf(resultShape)], int64);
  forEachCoordinate(resultShape, (coords, linear) => {
    let position = src._offset;
    let j = 0;
    coords.forEach((c, d) => {
      if (d < before) position += c * strides[d]!;
      else if (d < before + lead) j += c * leadStrides[d - before]!;
      else position += c * strides[d - lead]!;
    });
    out.storage.data[linear] = position + offsets[j]!;
  });
  return out;
}

/** `x.index_put([i0, null], values, accumulate)`: a copy of x with values written (or added) at the picked places. */
export function indexPut(self: Tensor, indices: Indices, values: Tensor, accumulate = false, gradFn = 'IndexPutBackward0'): Tensor {
  if (indices.length > self.ndim) throw new IndexError(`too many indices for tensor of dimension ${self.ndim} (got ${indices.length})`);
  const fill = masksLikeFill(indices, values, accumulate);
  if (!fill && values.dtype !== self.dtype) {
    throw new RuntimeError(`Index put requires the source and destination dtypes match, got ${self.dtype.scalarName} for the destination and ${values.dtype.scalarName} for the source.`);
  }
  // clone() keeps a dense tensor's strides.
  const out = emptyLike(self);
  writeInto(out, self);
  const info = makeInfo(out, indices);
  const shape = info.resultShape;
  const lead = shape.length - values.ndim;
  if (!fill && (lead < 0 || values._shape.some((d, i) => d !== 1 && d !== shape[lead + i]))) {
    throw new RuntimeError(`shape mismatch: value tensor of shape ${shapeText(values._shape)} cannot be broadcast to indexing result of shape ${shapeText(shape)}`);
  }
  if (numelOf(shape) > 0) {
    // Over out's memory as one flat vector, repeated places add up (index_add_) or keep the last value (scatter_).
    const picked = emptyTensor(shape, out.dtype, out.device);
    writeInto(picked, fill ? values.detach().reshape([]) : values.detach());
    const flat = new Tensor(out.storage, [out.storage.size], [1], 0);
    if (accumulate) flat.index_add_(0, pickedPositions(info), picked.view(-1));
    else flat.scatter_(0, pickedPositions(info), picked.view(-1));
  }
  const valuesShape = [...values._shape];
  record(gradFn, [self, values], out, {}, ([grad]) => [
    accumulate ? grad! : indexPut(grad!, indices, grad!.new_zeros([]), false),
    fill ? index(grad!, indices).sum().reshape(valuesShape) : index(grad!, indices),
  ]);
  return out;
}

/** index_put_: in place, refusing a value that shares memory with the tensor (the masked_fill path does not check). */
export function indexPut_(self: Tensor, indices: Indices, values: Tensor, accumulate = false): Tensor {
  const checks = masksLikeFill(indices, values, accumulate) ? UNCHECKED : INDEXED_SOURCE_ONLY;
  return inPlace(self, [values], (before) => indexPut(before, indices, values, accumulate), checks);
}
