// The order in which PyTorch's serial CPU kernels visit a tensor. Random kernels draw one number per element in
// visiting order, so matching torch's streams on strided tensors means visiting in the same order.
//
// Note [TensorIterator order]: TensorIterator does not walk in row-major order: it sorts dimensions by the
// operands' strides (smallest innermost), so a transposed tensor is filled in memory order. The sort is
// reorder_dimensions' insertion sort, reproduced here with its tie rules.
import { RuntimeError } from '../core/errors.ts';
import { contiguousStrides } from '../core/shape.ts';
import type { Tensor } from '../core/tensor.ts';

/** Dimensions from innermost to outermost, as TensorIterator orders them for operands with these strides. */
export function iterationPermutation(shape: readonly number[], operandStrides: readonly (readonly number[])[]): number[] {
  const ndim = shape.length;
  const perm = Array.from({ length: ndim }, (_, i) => ndim - 1 - i);
  // 1: dim0 should come after dim1; -1: before; 0: ambiguous.
  const shouldSwap = (dim0: number, dim1: number): number => {
    for (const strides of operandStrides) {
      const stride0 = strides[dim0]!;
      const stride1 = strides[dim1]!;
      if (stride0 === 0 || stride1 === 0) continue;
      if (stride0 < stride1) return -1;
      if (stride0 > stride1) return 1;
      if (shape[dim0]! > shape[dim1]!) return 1;
    }
    return 0;
  };
  for (let i = 1; i < ndim; i++) {
    let dim1 = i;
    for (let dim0 = i - 1; dim0 >= 0; dim0--) {
      const comparison = shouldSwap(perm[dim0]!, perm[dim1]!);
      if (comparison > 0) {
        [perm[dim0], perm[dim1]] = [perm[dim1]!, perm[dim0]!];
        dim1 = dim0;
      } else if (comparison < 0) {
        break;
      }
    }
  }
  return perm;
}

/**
 * Calls `visit(index, positions)` for every element in TensorIterator's order, where `index` is the element's
 * row-major index and `positions[k]` its storage position in operand k (operands already broadcast to `shape`).
 */
export function forEachInIteratorOrder(
  shape: readonly number[], operands: readonly { strides: readonly number[]; offset: number }[],
  visit: (index: number, positions: readonly number[]) => void,
): void {
  const total = shape.reduce((a, b) => a * b, 1);
  if (total === 0) return;
  const perm = iterationPermutation(shape, operands.map((o) => o.strides));
  const logical = contiguousStrides(shape);
  const ndim = shape.length;
  const counter = new Array<number>(ndim).fill(0);
  const positions = operands.map((o) => o.offset);
  let index = 0;
  for (let n = 0; n < total; n++) {
    visit(index, positions);
    // Advance the odometer with perm[0] (the innermost dimension) fastest.
    for (let k = 0; k < ndim; k++) {
      const d = perm[k]!;
      counter[d]!++;
      index += logical[d]!;
      for (let o = 0; o < operands.length; o++) positions[o]! += operands[o]!.strides[d]!;
      if (counter[d]! < shape[d]!) break;
      index -= logical[d]! * shape[d]!;
      for (let o = 0; o < operands.length; o++) positions[o]! -= operands[o]!.strides[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
}

/** TensorIterator's check that an output does not write one memory location through several elements. */
export function checkNoInternalOverlap(t: Tensor): void {
  for (let d = 0; d < t.ndim; d++) {
    if (t._stride[d] === 0 && t._shape[d]! > 1) {
      throw new RuntimeError('unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.');
    }
  }
}
