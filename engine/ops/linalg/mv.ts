import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { checkKernelDType, checkSameDType, matrices, multiply } from './product.ts';

/** `torch.mv(m, v)`: matrix [n, k] times vector [k] gives [n]. */
export function mv(self: Tensor, vec: Tensor): Tensor {
  // PyTorch runs mv as addmv on a 1-D result, whose rank appears first in the message.
  if (self.ndim !== 2 || vec.ndim !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${self.ndim}, ${vec.ndim}`);
  }
  const [n, k] = self._shape as [number, number];
  if (vec._shape[0] !== k) throw new RuntimeError(`size mismatch, got ${n}, ${n}x${k},${vec._shape[0]}`);
  checkSameDType(self, vec);
  checkKernelDType('addmv_impl_cpu', self.dtype);
  const [rowStride, colStride] = self._stride as [number, number];
  const out = multiply([n], self, matrices(self, [1, n, k], [0, rowStride, colStride]), matrices(vec, [1, k, 1], [0, vec._stride[0]!, 0]));
  const [selfGrad, vecGrad] = [self.requires_grad, vec.requires_grad];
  const saved: Record<string, Tensor> = {};
  if (selfGrad) saved['vec'] = vec;
  if (vecGrad) saved['self'] = self;
  record('MvBackward0', [self, vec], out, saved, ([grad], s) => [
    selfGrad ? grad!.outer(s['vec']!) : null,
    vecGrad ? s['self']!.t().mv(grad!) : null,
  ]);
  return out;
}

const methods = {
  /** `m.mv(v)`. */
  mv(this: Tensor, vec: Tensor): Tensor { return mv(this, vec); },
};
type MvMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends MvMethods {} }
addMethods(methods);

export const functions = { mv };
