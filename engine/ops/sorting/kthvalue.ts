// kthvalue: PyTorch 1.13's CPU kernel runs its own quickselect (quick_select_template: median of three, Hoare
// partition) over a copy of each slice, so ties report the index that partitioning leaves at position k - 1.
import { record } from '../../autograd/record.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { int64 } from '../../core/dtype.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { checkDimType, keptShape, pyArgs, type PyArgs, selectedGradient } from '../reduction/reduce.ts';
import { valuesIndices, type ValuesIndices } from '../reduction/return-types.ts';
import { descending, type Entry, readRows, writeRows } from './rows.ts';

export interface KthvalueOptions { dim?: number; keepdim?: boolean }
type KthvalueArgs = PyArgs<[dim: number, keepdim: boolean], KthvalueOptions>;
const names = ['dim', 'keepdim'] as const;

/** quick_select_template with the "greater or NaN" comparator: afterwards row[k] holds the k-th smallest (0-based). */
function quickSelect(row: Entry[], k: number): void {
  const gt = descending;
  const swap = (i: number, j: number) => { const t = row[i]!; row[i] = row[j]!; row[j] = t; };
  let [left, right] = [0, row.length - 1];
  for (;;) {
    if (right <= left) return;
    if (right === left + 1) {
      if (gt(row[left]!, row[right]!)) swap(left, right);
      return;
    }
    swap(left + Math.floor((right - left) / 2), left + 1);
    if (gt(row[left + 1]!, row[right]!)) swap(left + 1, right);
    if (gt(row[left]!, row[right]!)) swap(left, right);
    if (gt(row[left + 1]!, row[left]!)) swap(left + 1, left);
    let [i, j] = [left + 1, right];
    const pivot = row[left]!;
    for (;;) {
      do i++; while (gt(pivot, row[i]!));
      do j--; while (gt(row[j]!, pivot));
      if (j < i) break;
      swap(i, j);
    }
    swap(left, j);
    if (j <= k) left = i;
    if (j >= k) right = j - 1;
  }
}

/** `x.kthvalue(k, dim = -1, keepdim = false)`: the k-th smallest along `dim` (1-based), with its index. */
export function kthvalue(self: Tensor, k: number, options: KthvalueOptions = {}): ValuesIndices {
  checkDimType('kthvalue', options.dim, false);
  if (self.dtype.name === 'bool') throw new RuntimeError('"kthvalue_cpu" not implemented for \'Bool\'');
  const dim = wrapDim(options.dim ?? -1, self.ndim);
  const size = self.ndim === 0 ? 1 : self._shape[dim]!;
  if (size === 0) throw new IndexError(`kthvalue(): Expected reduction dim ${dim} to have non-zero size.`);
  if (k < 1 || k > size) throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${dim}`);
  const keepdim = options.keepdim ?? false;
  const dims = self.ndim === 0 ? [] : [dim];
  const shape = keptShape(self, dims, keepdim);
  const [values, indices] = [emptyTensor(shape, self.dtype, self.device), emptyTensor(shape, int64, self.device)];
  const rows = readRows(self, dim).map((row) => {
    quickSelect(row, k - 1);
    return [row[k - 1]!];
  });
  const kept = keepdim ? [values, indices] : [values.unsqueeze(dim), indices.unsqueeze(dim)];
  writeRows(rows, self.ndim === 0 ? 0 : dim, kept[0]!, kept[1]!);
  record('KthvalueBackward0', [self], values, { indices }, ([grad], s) =>
    [selectedGradient(grad!, self._shape, dims, s.indices, keepdim)]);
  return valuesIndices('kthvalue', values, indices);
}

/** `k` given positionally or as a keyword. */
function withK(args: [k: number, ...KthvalueArgs] | [KthvalueOptions & { k: number }]): [number, KthvalueOptions] {
  if (typeof args[0] === 'number') return [args[0], pyArgs<KthvalueOptions>('kthvalue', args.slice(1), names)];
  const { k, ...options } = args[0];
  return [k, options];
}

const methods = {
  /** `const [values, indices] = x.kthvalue(2, 0)`. */
  kthvalue(this: Tensor, ...args: [k: number, ...KthvalueArgs] | [KthvalueOptions & { k: number }]): ValuesIndices { return kthvalue(this, ...withK(args)); },
};
type KthvalueMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends KthvalueMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.kthvalue(x, 1, { dim: 0, keepdim: true })`. */
  kthvalue: (input: Tensor, ...args: [k: number, ...KthvalueArgs] | [KthvalueOptions & { k: number }]) => kthvalue(input, ...withK(args)),
};
