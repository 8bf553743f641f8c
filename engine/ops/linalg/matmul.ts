// torch.matmul, dispatched exactly as PyTorch 1.13's _matmul_impl does, so the same grad_fn chain shows:
// 1-D @ 1-D is dot, 2-D @ 1-D is mv, 1-D @ 2-D is an mm on an unsqueezed row, 2-D @ 2-D is mm, an N-D operand
// against a 1-D/2-D one is folded into one mm/mv, and everything else broadcasts its batch dimensions into a bmm.
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { broadcastShapes, contiguousStrides, numelOf } from '../../core/shape.ts';
import { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';

/** at::_unsafe_view: the same contiguous memory with a new shape, recorded as a non-view (UnsafeViewBackward0). */
function unsafeView(self: Tensor, shape: readonly number[]): Tensor {
  const out = new Tensor(self.storage, [...shape], contiguousStrides(shape), self._offset);
  const inputShape = [...self._shape];
  record('UnsafeViewBackward0', [self], out, {}, ([grad]) => [grad!.reshape(inputShape)]);
  return out;
}

/** `t.squeeze_(0)` on a freshly computed [1, m] product: the result is not a view, its node is SqueezeBackward3. */
function squeezeFirstInPlace(self: Tensor): Tensor {
  const out = new Tensor(self.storage, self._shape.slice(1), self._stride.slice(1), self._offset);
  record('SqueezeBackward3', [self], out, {}, ([grad]) => [grad!.unsqueeze(0)]);
  return out;
}

/**
 * should_fold: an N-D operand (N >= 3) against a vector or matrix is folded into one mm/mv, unless it is a 3-D
 * tensor whose last two dims are transposed behind a slowest-moving first dim (permute(0, 2, 1)); bmm reads
 * those without a copy.
 */
function shouldFold(tensor: Tensor, otherDim: number): boolean {
  const dim = tensor.ndim;
  if (dim < 3 || (otherDim !== 1 && otherDim !== 2)) return false;
  const [sizes, strides] = [tensor._shape, tensor._stride];
  return !(dim === 3 && otherDim === 2 && strides[2] !== 1 && strides[0] === sizes[1]! * sizes[2]!);
}

/** `torch.matmul(a, b)`: the matrix product with PyTorch's rules for vectors and broadcast batch dimensions. */
export function matmul(tensor1: Tensor, tensor2: Tensor): Tensor {
  const dim1 = tensor1.ndim;
  const dim2 = tensor2.ndim;
  if (dim1 === 0 || dim2 === 0) {
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${dim1}D and ${dim2}D`);
  }
  if (dim1 === 1 && dim2 === 1) return tensor1.dot(tensor2);
  if (dim1 === 2 && dim2 === 1) return tensor1.mv(tensor2);
  if (dim1 === 1 && dim2 === 2) return squeezeFirstInPlace(tensor1.unsqueeze(0).mm(tensor2));
  if (dim1 === 2 && dim2 === 2) return tensor1.mm(tensor2);
  if (shouldFold(tensor1, dim2) || shouldFold(tensor2, dim1)) return folded(tensor1, tensor2);
  return batched(tensor1, tensor2);
}

/** Folds the batch of the larger operand into the rows of one matrix (transposing both when the right one is larger). */
function folded(tensor1: Tensor, tensor2: Tensor): Tensor {
  const transpose = tensor2.ndim > tensor1.ndim;
  const t1 = transpose ? tensor2.mT : tensor1;
  const t2 = !transpose ? tensor2 : tensor1.ndim === 2 ? tensor1.t() : tensor1;
  const sizes1 = t1._shape;
  const outputShape = sizes1.slice(0, -1);
  const rows = numelOf(outputShape);
  const t1Folded = t1.reshape([rows, sizes1[sizes1.length - 1]!]);
  if (t2.ndim === 2) {
    outputShape.push(t2._shape[1]!);
    const output = unsafeView(t1Folded.mm(t2), outputShape);
    return transpose ? output.mT.contiguous() : output;
  }
  return unsafeView(t1Folded.mv(t2), outputShape);
}

/** Broadcasts the batch dimensions, flattens them into one, and runs bmm. */
function batched(tensor1: Tensor, tensor2: Tensor): Tensor {
  const [n, m1] = tensor1._shape.slice(-2) as [number, number];
  const [m2, p] = tensor2._shape.slice(-2) as [number, number];
  const batch = broadcastShapes(tensor1._shape.slice(0, -2), tensor2._shape.slice(0, -2));
  const batchSize = numelOf(batch);
  const tensor1Expanded = tensor1.expand([...batch, n, m1]).reshape([batchSize, n, m1]);
  const tensor2Expanded = tensor2.expand([...batch, m2, p]).reshape([batchSize, m2, p]);
  return unsafeView(tensor1Expanded.bmm(tensor2Expanded), [...batch, n, p]);
}

const methods = {
  /** `a.matmul(b)` is Python's `a @ b`. */
  matmul(this: Tensor, other: Tensor): Tensor { return matmul(this, other); },
};
type MatmulMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends MatmulMethods {} }
addMethods(methods);

export const functions = { matmul };
