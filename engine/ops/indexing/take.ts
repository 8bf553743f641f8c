import { record } from '../../autograd/record.ts';
import { gpuMove } from '../../backend/webgpu/index.ts';
import { int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { longTensor, onDevice } from './walk.ts';

/** `x.take(idx)`: elements of x read as one flat row-major vector (negative indices count from the end). */
export function take(self: Tensor, index: Tensor): Tensor {
  if (index.dtype !== int64) throw new RuntimeError(`take(): Expected a long tensor for index, but got ${index.dtype.scalarName}`);
  const n = self.numel();
  const wrapped = index._values().map((i) => {
    if (i < -n || i >= n) throw new IndexError(`out of range: tried to access index ${i} on a tensor of ${n} elements.`);
    return i < 0 ? i + n : i;
  });
  const out = emptyTensor(index._shape, self.dtype, self.device);
  const flat = onDevice(out) ? self.detach().reshape(-1) : null;
  const src = flat && { tensor: flat, offset: flat._offset, strides: index._shape.map(() => 0),
    index: { tensor: index, strides: index._stride, stride: flat._stride[0]!, size: n } };
  if (!src || !gpuMove('take', index._shape, { tensor: out, offset: 0, strides: out._stride }, src)) {
    const values = self._values();
    wrapped.forEach((i, k) => { out.storage.data[k] = values[i]!; });
  }
  const inputShape = [...self._shape];
  const positions = longTensor(wrapped);
  record('TakeBackward0', [self], out, {}, ([grad]) =>
    [emptyTensor([n], grad!.dtype, grad!.device).index_add(0, positions, grad!.reshape(-1)).view(inputShape)]);
  return out;
}

const methods = {
  /** `x.take(torch.tensor([0, -1]))`. */
  take(this: Tensor, index: Tensor): Tensor { return take(this, index); },
};
type TakeMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends TakeMethods {} }
addMethods(methods);

export const functions = { take: (input: Tensor, index: Tensor) => take(input, index) };
