import { record } from '../../autograd/record.ts';
import { gpuScatter } from '../../backend/webgpu/index.ts';
import { int32, int64, type TypedArray } from '../../core/dtype.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { type Scalar, scalarValue } from '../../core/scalar.ts';
import { broadcastShapes, broadcastStrides, wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { castTensor, inPlace } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { INDEXED } from '../overlap.ts';
import { accumulate, groupsByKey, onDevice, sliceView } from './walk.ts';

export interface IndexAddOptions { alpha?: Scalar }

function check(self: Tensor, dim: number, index: Tensor, source: Tensor): number {
  const d = wrapDim(dim, self.ndim);
  if (index.ndim > 1) {
    throw new IndexError(`index_add_(): Index is supposed to be a vector, but got dim: ${index.ndim} with type: ${index.dtype.scalarName} and size: [${index._shape.join(', ')}]`);
  }
  if (index.dtype !== int64 && index.dtype !== int32) {
    throw new RuntimeError(`index_add_(): Expected dtype int32/int64 for index but got: ${index.dtype.scalarName}`);
  }
  if (self.dtype !== source.dtype) {
    throw new RuntimeError(`index_add_(): self (${self.dtype.scalarName}) and source (${source.dtype.scalarName}) must have the same scalar type`);
  }
  if (d !== 0 && d >= source.ndim) throw new RuntimeError(`index_add_(): Indexing dim ${d} is out of bounds of tensor`);
  const sourceSize = source.ndim === 0 ? 1 : source._shape[d]!;
  if (index.numel() !== sourceSize) {
    // PyTorch's message reads source.size(dim), which a 0-dim source does not have.
    if (source.ndim === 0) throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
    throw new RuntimeError(`index_add_(): Number of indices (${index.numel()}) should be equal to source.size(dim): (${sourceSize}), for dim: ${d}`);
  }
  return d;
}

/**
 * index_add's loop for contiguous float tensors of the same shape but along `d` (col2im in every convolution's
 * backward): out viewed as (outer, size, inner), source as (outer, indices, inner). Each element receives its
 * contributions in index order and rounds each sum to the dtype, as the general walk below does; false where it
 * does not apply.
 */
function addContiguous(out: Tensor, d: number, indices: ArrayLike<number>, source: Tensor, alpha: number): boolean {
  if (out.ndim === 0 || out.ndim !== source.ndim || !out.dtype.is_floating_point || out.device.type !== 'cpu' || source.device.type !== 'cpu') return false;
  if (!out.is_contiguous() || !source.is_contiguous() || out._shape.some((s, k) => k !== d && s !== source._shape[k])) return false;
  const inner = out._shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const outer = out._shape.slice(0, d).reduce((a, b) => a * b, 1);
  addRows(out.storage.data, out._offset, out._shape[d]!, source.storage.data, source._offset, indices, outer, inner, alpha);
  return true;
}

function addRows(dst: TypedArray, dstOffset: number, size: number, src: TypedArray, srcOffset: number, indices: ArrayLike<number>,
  outer: number, inner: number, alpha: number): void {
  const count = indices.length;
  if (inner === 1 && alpha === 1) {
    for (let o = 0; o < outer; o++) {
      const to = dstOffset + o * size;
      const from = srcOffset + o * count;
      for (let i = 0; i < count; i++) dst[to + indices[i]!] = dst[to + indices[i]!]! + src[from + i]!;
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < count; i++) {
      const to = dstOffset + (o * size + indices[i]!) * inner;
      const from = srcOffset + (o * count + i) * inner;
      if (alpha === 1) for (let k = 0; k < inner; k++) dst[to + k] = dst[to + k]! + src[from + k]!;
      else for (let k = 0; k < inner; k++) dst[to + k] = dst[to + k]! + alpha * src[from + k]!;
    }
  }
}

/** `x.index_add(0, idx, src, { alpha })`: x with alpha * src's slices added at the indexed slices (repeats add up). */
export function indexAdd(self: Tensor, dim: number, index: Tensor, source: Tensor, options: IndexAddOptions = {}): Tensor {
  const d = check(self, dim, index, source);
  const alpha = options.alpha === undefined ? 1 : scalarValue(options.alpha);
  const out = castTensor(self, self.dtype);
  const size = self.ndim === 0 ? 1 : self._shape[d]!;
  const indices = index._values();
  const store = (v: number) => self.dtype.cast(v);
  // The slices' geometry along `dim` (reading storage here would wait for the device).
  const without = (values: readonly number[]) => values.filter((_, k) => k !== d);
  const targetShape = without(out._shape);
  const shape = broadcastShapes(targetShape, without(source._shape));
  indices.forEach((at, i) => {
    if (at < 0 || at >= size) throw new IndexError('index out of range in self');
    if (i === 0 && (shape.length !== targetShape.length || shape.some((s, k) => s !== targetShape[k]))) {
      throw new RuntimeError(`output with shape [${targetShape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
    }
  });
  const partStrides = broadcastStrides(without(source._shape), without(source._stride), shape);
  if (!(onDevice(out) && self.ndim > 0 && source.ndim > 0 && gpuScatter('index_add', 'add', out, d, {
    groups: groupsByKey(indices, indices.map((_, i) => i), size), keyStrides: out._shape.map((_, k) => (k === d ? 1 : 0)),
    source: { tensor: source, strides: [...partStrides.slice(0, d), source._stride[d]!, ...partStrides.slice(d)] }, alpha,
  }))) {
    if (!addContiguous(out, d, indices, source, alpha)) {
      indices.forEach((at, i) => {
        const slice = sliceView(source, d, i);
        accumulate(sliceView(out, d, at), { ...slice, shape, strides: broadcastStrides(slice.shape, slice.strides, shape) }, alpha, store);
      });
    }
  }
  record('IndexAddBackward0', [self, source], out, {}, ([grad]) => {
    const picked = grad!.index_select(d, index);
    return [grad!, alpha === 1 ? picked : picked.mul(options.alpha!)];
  });
  return out;
}

const methods = {
  /** `x.index_add(0, idx, src)`. */
  index_add(this: Tensor, dim: number, index: Tensor, source: Tensor, options?: IndexAddOptions): Tensor {
    return indexAdd(this, dim, index, source, options);
  },
  /** In-place `x.index_add_(0, idx, src)`. */
  index_add_(this: Tensor, dim: number, index: Tensor, source: Tensor, options?: IndexAddOptions): Tensor {
    return inPlace(this, [source], (before) => indexAdd(before, dim, index, source, options), INDEXED);
  },
};
type IndexAddMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends IndexAddMethods {} }
addMethods(methods);

export const functions = {
  index_add: (input: Tensor, dim: number, index: Tensor, source: Tensor, options?: IndexAddOptions) =>
    indexAdd(input, dim, index, source, options),
};
