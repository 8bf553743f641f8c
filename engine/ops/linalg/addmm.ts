import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Scalar } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { inPlace } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { INTERNAL_ONLY } from '../overlap.ts';
import { checkInnerSizes, matrixProduct } from './mm.ts';
import { addScaled, checkInPlaceResult, checkKernelDType, maybeMultiply, mmMat1Backward, mmMat2Backward, scalarArgument } from './product.ts';

export interface ScaleOptions { beta?: Scalar; alpha?: Scalar }

/** `torch.addmm(c, a, b, { beta, alpha })`: beta * c + alpha * (a @ b), with `c` broadcast to the product's shape. */
export function addmm(self: Tensor, mat1: Tensor, mat2: Tensor, options: ScaleOptions = {}): Tensor {
  const beta = scalarArgument('addmm', 'beta', options.beta);
  const alpha = scalarArgument('addmm', 'alpha', options.alpha);
  // PyTorch checks the dtypes (self with mat2 first) before the shapes.
  if (self.dtype !== mat2.dtype) throw new RuntimeError('self and mat2 must have the same dtype');
  if (mat1.dtype !== mat2.dtype) throw new RuntimeError('mat1 and mat2 must have the same dtype');
  for (const [name, t] of [['mat1', mat1], ['mat2', mat2]] as const) {
    if (t.ndim !== 2) throw new RuntimeError(`${name} must be a matrix, got ${t.ndim}-D tensor`);
  }
  checkInnerSizes(mat1, mat2);
  self.detach().expand([mat1._shape[0]!, mat2._shape[1]!]);
  checkKernelDType('addmm_impl_cpu_', mat1.dtype);
  const out = addScaled(matrixProduct(mat1, mat2), self, beta, alpha);
  const [selfGrad, mat1Grad, mat2Grad] = [self.requires_grad, mat1.requires_grad, mat2.requires_grad];
  const mat1Geometry = [[...mat1._shape], [...mat1._stride]] as const;
  const mat2Geometry = [[...mat2._shape], [...mat2._stride]] as const;
  const saved: Record<string, Tensor> = {};
  if (mat1Grad) saved['mat2'] = mat2;
  if (mat2Grad) saved['mat1'] = mat1;
  record('AddmmBackward0', [self, mat1, mat2], out, saved, ([grad], s) => [
    selfGrad ? maybeMultiply(grad!, beta) : null,
    mat1Grad ? mmMat1Backward(grad!, s['mat2']!, ...mat1Geometry, alpha) : null,
    mat2Grad ? mmMat2Backward(grad!, s['mat1']!, ...mat2Geometry, alpha) : null,
  ]);
  return out;
}

const methods = {
  /** `c.addmm(a, b, { beta, alpha })`. */
  addmm(this: Tensor, mat1: Tensor, mat2: Tensor, options?: ScaleOptions): Tensor { return addmm(this, mat1, mat2, options); },
  /** In-place `c.addmm_(a, b)`: the product must have exactly `c`'s shape. */
  addmm_(this: Tensor, mat1: Tensor, mat2: Tensor, options?: ScaleOptions): Tensor {
    return inPlace(this, [mat1, mat2], (before) => {
      const result = addmm(before, mat1, mat2, options);
      checkInPlaceResult(this, result);
      return result;
    }, INTERNAL_ONLY);
  },
};
type AddmmMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends AddmmMethods {} }
addMethods(methods);

export const functions = { addmm };
