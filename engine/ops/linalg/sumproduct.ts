import { check } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';

/**
 * `(left * right).sum(sumDims, keepdim=True)` through one bmm, as PyTorch's einsum contracts a pair. Both operands
 * have the same rank (size-1 dims broadcast). Output dims are sorted into those in both operands (lro), only the
 * left (lo) and only the right (ro); the operands are permuted and flattened to [lro, lo, sum] @ [lro, sum, ro],
 * and the product is viewed and permuted back into the original dim order.
 */
export function sumproductPair(leftIn: Tensor, rightIn: Tensor, sumDims: readonly number[]): Tensor {
  let left = leftIn;
  let right = rightIn;
  check(left.ndim === right.ndim, 'number of dimensions must match');
  if (sumDims.length === 0) return left.mul(right);
  const lro: number[] = [];
  const lo: number[] = [];
  const ro: number[] = [];
  let [lroSize, loSize, roSize, sumSize] = [1, 1, 1, 1];
  for (let i = 0; i < left.ndim; i++) {
    const sl = left._shape[i] !== 1;
    const sr = right._shape[i] !== 1;
    if (sumDims.includes(i)) {
      if (sl && sr) {
        check(left._shape[i] === right._shape[i], 'non-broadcast dimensions must match');
        sumSize *= left._shape[i]!;
      } else if (sl) {
        left = left.sum(i, true);
      } else if (sr) {
        right = right.sum(i, true);
      }
    } else if (sl && sr) {
      check(left._shape[i] === right._shape[i], 'non-broadcast dimensions must match');
      lro.push(i);
      lroSize *= left._shape[i]!;
    } else if (sl) {
      lo.push(i);
      loSize *= left._shape[i]!;
    } else {
      ro.push(i);
      roSize *= right._shape[i]!;
    }
  }
  const outSize = [...lro.map((d) => left._shape[d]!), ...lo.map((d) => left._shape[d]!), ...sumDims.map(() => 1), ...ro.map((d) => right._shape[d]!)];
  const outOrder = [...lro, ...lo, ...sumDims, ...ro];
  const inverse = new Array<number>(outOrder.length);
  outOrder.forEach((d, i) => { inverse[d] = i; });
  const left3 = left.permute(outOrder).reshape([lroSize, loSize, sumSize]);
  const right3 = right.permute([...lro, ...sumDims, ...ro, ...lo]).reshape([lroSize, sumSize, roSize]);
  return left3.bmm(right3).view(outSize).permute(inverse);
}
