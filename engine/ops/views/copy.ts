import { record } from '../../autograd/record.ts';
import { copyStrided } from '../../backend/cpu/kernels.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarValue } from '../../core/scalar.ts';
import { broadcastShapes } from '../../core/shape.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { inPlace, scalarTensor, storeFor, viewOf } from '../dispatch.ts';
import { addMethods } from '../methods.ts';

/** `src` broadcast to `self`'s shape and converted to its dtype, as a new tensor recording CopyBackwards. */
function copied(self: Tensor, src: Tensor): Tensor {
  const shape = broadcastShapes(self._shape, src._shape);
  if (shape.length !== self.ndim || shape.some((d, i) => d !== self._shape[i])) {
    throw new RuntimeError(`output with shape [${self._shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
  }
  const out = emptyTensor(self._shape, self.dtype, self.device);
  copyStrided(viewOf(out), viewOf(src, self._shape), storeFor(self.dtype));
  record('CopyBackwards', [self, src], out, {}, ([grad]) => [emptyTensor(grad!._shape, grad!.dtype, grad!.device), grad!]);
  return out;
}

/** `x.copy_(src)`: writes src (broadcast, converted to x's dtype) into x's memory, through every view of it. */
export function copy_(self: Tensor, src: Tensor | Scalar): Tensor {
  if (!(src instanceof Tensor) && !isScalar(src)) throw new TypeError(`copy_(): argument 'src' must be Tensor`);
  const source = src instanceof Tensor ? src : scalarTensor(scalarValue(src), self.dtype);
  return inPlace(self, [source], (before) => copied(before, source));
}

const methods = {
  /** `x.copy_(y)`. */
  copy_(this: Tensor, src: Tensor | Scalar, _options?: { non_blocking?: boolean }): Tensor { return copy_(this, src); },
};
type CopyMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends CopyMethods {} }
addMethods(methods);
