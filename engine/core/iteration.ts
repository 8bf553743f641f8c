// The order TensorIterator walks its operands in; elementwise outputs' layout and random fills both follow it.
//
// Note [TensorIterator order]: TensorIterator does not walk in row-major order: it sorts dimensions by the
// operands' strides (smallest innermost), so a transposed tensor is filled in memory order. The sort is
// reorder_dimensions' insertion sort, reproduced here with its tie rules.

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
