import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { checkKernelDType, matrices, multiply } from './product.ts';

/** `torch.dot(a, b)`: the inner product of two 1-D tensors of one dtype (no promotion). */
export function dot(self: Tensor, other: Tensor): Tensor {
  if (self.ndim !== 1 || other.ndim !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${self.ndim}D and ${other.ndim}D tensors`);
  }
  if (self.dtype !== other.dtype) {
    throw new RuntimeError(`dot : expected both vectors to have same dtype, but found ${self.dtype.scalarName} and ${other.dtype.scalarName}`);
  }
  const n = self._shape[0]!;
  const m = other._shape[0]!;
  if (n !== m) {
    throw new RuntimeError(`inconsistent tensor size, expected tensor [${n}] and src [${m}] to have the same number of elements, but got ${n} and ${m} elements respectively`);
  }
  checkKernelDType('dot', self.dtype);
  const out = multiply([], self, matrices(self, [1, 1, n], [0, 0, self._stride[0]!]), matrices(other, [1, n, 1], [0, other._stride[0]!, 0]));
  // Like PyTorch, each input is saved only when the other one's gradient needs it.
  const [selfGrad, otherGrad] = [self.requires_grad, other.requires_grad];
  const saved: Record<string, Tensor> = {};
  if (selfGrad) saved['other'] = other;
  if (otherGrad) saved['self'] = self;
  record('DotBackward0', [self, other], out, saved, ([grad], s) => [
    selfGrad ? grad!.mul(s['other']!) : null,
    otherGrad ? grad!.mul(s['self']!) : null,
  ]);
  return out;
}

const methods = {
  /** `a.dot(b)`. */
  dot(this: Tensor, other: Tensor): Tensor { return dot(this, other); },
};
type DotMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends DotMethods {} }
addMethods(methods);

export const functions = { dot };
