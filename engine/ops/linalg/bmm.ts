import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { checkKernelDType, checkSameDType, matrices, multiply } from './product.ts';

/** Checks two matrix stacks as PyTorch's bmm and baddbmm do. */
export function checkBatchProduct(batch1: Tensor, batch2: Tensor): void {
  if (batch1.ndim !== 3) throw new RuntimeError('batch1 must be a 3D tensor');
  if (batch2.ndim !== 3) throw new RuntimeError('batch2 must be a 3D tensor');
  const [b, , k] = batch1._shape as [number, number, number];
  const [b2, k2] = batch2._shape as [number, number, number];
  if (b2 !== b || k2 !== k) {
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${b}, ${k}] but got: [${b2}, ${k2}].`);
  }
  checkSameDType(batch1, batch2);
}

/** The batched product as a new contiguous [b, n, m] tensor (no checks, no autograd). */
export function batchProduct(batch1: Tensor, batch2: Tensor): Tensor {
  const [b, n] = batch1._shape as [number, number, number];
  const m = batch2._shape[2]!;
  return multiply([b, n, m], batch1,
    matrices(batch1, batch1._shape as [number, number, number], batch1._stride as [number, number, number]),
    matrices(batch2, batch2._shape as [number, number, number], batch2._stride as [number, number, number]));
}

/** `torch.bmm(a, b)`: [b, n, k] @ [b, k, m] gives [b, n, m], matrix by matrix (no broadcasting). */
export function bmm(self: Tensor, mat2: Tensor): Tensor {
  checkBatchProduct(self, mat2);
  checkKernelDType('bmm', self.dtype);
  const out = batchProduct(self, mat2);
  const [selfGrad, mat2Grad] = [self.requires_grad, mat2.requires_grad];
  const saved: Record<string, Tensor> = {};
  if (selfGrad) saved['mat2'] = mat2;
  if (mat2Grad) saved['self'] = self;
  record('BmmBackward0', [self, mat2], out, saved, ([grad], s) => [
    selfGrad ? grad!.bmm(s['mat2']!.transpose(1, 2)) : null,
    mat2Grad ? s['self']!.transpose(1, 2).bmm(grad!) : null,
  ]);
  return out;
}

const methods = {
  /** `a.bmm(b)`. */
  bmm(this: Tensor, mat2: Tensor): Tensor { return bmm(this, mat2); },
};
type BmmMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends BmmMethods {} }
addMethods(methods);

export const functions = { bmm };
