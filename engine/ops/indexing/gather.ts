import { record } from '../../autograd/record.ts';
import { gpuMove } from '../../backend/webgpu/index.ts';
import { int64 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { forEachCoordinate, onDevice, positionAlong, sizeOrOne } from './walk.ts';

/** gather_shape_check: same rank, and the index no larger than the input outside `dim`. */
function checkShapes(self: Tensor, dim: number, index: Tensor): void {
  const rank = Math.max(self.ndim, 1);
  if (rank !== Math.max(index.ndim, 1)) throw new RuntimeError('Index tensor must have the same number of dimensions as input tensor');
  for (let i = 0; i < rank; i++) {
    if (i !== dim && sizeOrOne(index, i) > sizeOrOne(self, i)) {
      throw new RuntimeError(`Size does not match at dimension ${i} expected index [${index._shape.join(', ')}] to be smaller than self [${self._shape.join(', ')}] apart from dimension ${dim}`);
    }
  }
}

/** `x.gather(1, idx)`: out[i][j] = x[i][idx[i][j]] (for dim 1); the result has the index's shape. */
export function gather(self: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, self.ndim);
  const out = emptyTensor(index._shape, self.dtype, self.device);
  // An empty index gathers nothing, whatever its dtype, but the result still has a GatherBackward0 (zero gradient).
  if (index.numel() === 0) {
    const inputShape = [...self._shape];
    record('GatherBackward0', [self], out, {}, ([grad]) => [grad!.new_zeros(inputShape)]);
    return out;
  }
  if (index.dtype !== int64) throw new RuntimeError('gather(): Expected dtype int64 for index');
  checkShapes(self, d, index);
  const size = sizeOrOne(self, d);
  const indices = index._values();
  const bad = indices.find((at) => at < 0 || at >= size);
  if (bad !== undefined) throw new RuntimeError(`index ${bad} is out of bounds for dimension ${d} with size ${size}`);
  const strides = index._shape.map((_, k) => (k === d || self.ndim === 0 ? 0 : self._stride[k]!));
  const along = { tensor: index, strides: index._stride, stride: self._stride[d] ?? 0, size };
  const src = { tensor: self, offset: self._offset, strides, index: along };
  if (!onDevice(out) || !gpuMove('gather', index._shape, { tensor: out, offset: 0, strides: out._stride }, src)) {
    const data = self.storage.values;
    forEachCoordinate(index._shape, (coords, linear) => {
      out.storage.data[linear] = data[positionAlong(self, coords, d, indices[linear]!)]!;
    });
  }
  const inputShape = [...self._shape];
  record('GatherBackward0', [self], out, {}, ([grad]) =>
    [emptyTensor(inputShape, grad!.dtype, grad!.device).scatter_add(d, index, grad!)]);
  return out;
}

const methods = {
  /** `x.gather(1, idx)`. */
  gather(this: Tensor, dim: number, index: Tensor): Tensor { return gather(this, dim, index); },
};
type GatherMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends GatherMethods {} }
addMethods(methods);

export const functions = {
  gather: (input: Tensor, dim: number, index: Tensor) => gather(input, dim, index),
};
