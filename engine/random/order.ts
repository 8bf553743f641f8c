// The order in which PyTorch's serial CPU kernels visit a tensor. Random kernels draw one number per element in
// visiting order, so matching torch's streams on strided tensors means visiting in the same order.
//
// (Note [TensorIterator order] in engine/core/iteration.ts.)
import { iterationPermutation } from '../core/iteration.ts';
import { contiguousStrides } from '../core/shape.ts';

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
