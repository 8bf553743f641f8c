import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { checkKernelDType, checkSameDType, matrices, mmMat1Backward, mmMat2Backward, multiply } from './product.ts';

/** Checks that two matrices can be multiplied, as PyTorch's mm and addmm do. */
export function checkInnerSizes(mat1: Tensor, mat2: Tensor): void {
  const [n, k] = mat1._shape as [number, number];
  const [k2, m] = mat2._shape as [number, number];
  if (k !== k2) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${n}x${k} and ${k2}x${m})`);
}

/** The product of two matrices as a new contiguous [n, m] tensor (no checks, no autograd). */
export function matrixProduct(mat1: Tensor, mat2: Tensor): Tensor {
  const [n, k] = mat1._shape as [number, number];
  const m = mat2._shape[1]!;
  return multiply([n, m], mat1,
    matrices(mat1, [1, n, k], [0, mat1._stride[0]!, mat1._stride[1]!]),
    matrices(mat2, [1, k, m], [0, mat2._stride[0]!, mat2._stride[1]!]));
}

/** `torch.mm(a, b)`: [n, k] @ [k, m] gives [n, m]; both operands must share a dtype. */
export function mm(self: Tensor, mat2: Tensor): Tensor {
  if (self.ndim !== 2) throw new RuntimeError('self must be a matrix');
  if (mat2.ndim !== 2) throw new RuntimeError('mat2 must be a matrix');
  checkInnerSizes(self, mat2);
  checkSameDType(self, mat2);
  checkKernelDType('addmm_impl_cpu_', self.dtype);
  const out = matrixProduct(self, mat2);
  const [selfGrad, mat2Grad] = [self.requires_grad, mat2.requires_grad];
  const selfGeometry = [[...self._shape], [...self._stride]] as const;
  const mat2Geometry = [[...mat2._shape], [...mat2._stride]] as const;
  const saved: Record<string, Tensor> = {};
  if (selfGrad) saved['mat2'] = mat2;
  if (mat2Grad) saved['self'] = self;
  record('MmBackward0', [self, mat2], out, saved, ([grad], s) => [
    selfGrad ? mmMat1Backward(grad!, s['mat2']!, ...selfGeometry, 1) : null,
    mat2Grad ? mmMat2Backward(grad!, s['self']!, ...mat2Geometry, 1) : null,
  ]);
  return out;
}

const methods = {
  /** `a.mm(b)`. */
  mm(this: Tensor, mat2: Tensor): Tensor { return mm(this, mat2); },
};
type MmMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends MmMethods {} }
addMethods(methods);

export const functions = { mm };
