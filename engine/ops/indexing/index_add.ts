import { record } from '../../autograd/record.ts';
import { gpuScatter } from '../../backend/webgpu/index.ts';
import { int32, int64 } from '../../core/dtype.ts';
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
    throw new RuntimeError(`index_add_(): Number of indices (${index.numel()}) should be equal to source.size(dim): (${sourceSize}), for dim: ${d}`);
  }
  return d;
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
    indices.forEach((at, i) => {
      const slice = sliceView(source, d, i);
      accumulate(sliceView(out, d, at), { ...slice, shape, strides: broadcastStrides(slice.shape, slice.strides, shape) }, alpha, store);
    });
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
