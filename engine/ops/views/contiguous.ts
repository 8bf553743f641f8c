import { record } from '../../autograd/record.ts';
import { copyStrided } from '../../backend/cpu/kernels.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { viewOf } from '../dispatch.ts';
import { addMethods } from '../methods.ts';

/** `x.clone()`: a contiguous copy with its own storage (CloneBackward0 passes the gradient through). */
export function clone(self: Tensor): Tensor {
  const out = emptyTensor(self._shape, self.dtype, self.device);
  copyStrided(viewOf(out), viewOf(self));
  record('CloneBackward0', [self], out, {}, ([grad]) => [grad!]);
  return out;
}

const methods = {
  /** `x.clone()`. */
  clone(this: Tensor, _options?: { memory_format?: string }): Tensor { return clone(this); },
  /** `x.contiguous()`: `x` itself when already contiguous, else a contiguous copy. */
  contiguous(this: Tensor): Tensor { return this.is_contiguous() ? this : clone(this); },
};
type ContiguousMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ContiguousMethods {} }
addMethods(methods);

export const functions = { clone: (input: Tensor) => clone(input) };
