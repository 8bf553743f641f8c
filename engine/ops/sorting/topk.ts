// topk: PyTorch 1.13's topk_impl_loop picks std::partial_sort when k * 64 <= n, else std::nth_element followed (when
// `sorted`) by std::sort of the first k - 1 (Note [std::sort order]); ties keep the indices those leave.
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { int64 } from '../../core/dtype.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { checkDimType, pyArgs, type PyArgs, selectedGradient } from '../reduction/reduce.ts';
import { valuesIndices, type ValuesIndices } from '../reduction/return-types.ts';
import { nthElement, partialSort, sortRange } from '../reduction/sort.ts';
import { ascending, descending, type Entry, type Less, readRows, writeRows } from './rows.ts';

export interface TopkOptions { dim?: number; largest?: boolean; sorted?: boolean }
type TopkArgs = PyArgs<[dim: number, largest: boolean, sorted: boolean], TopkOptions>;
const names = ['dim', 'largest', 'sorted'] as const;

function topkRow(row: Entry[], k: number, less: Less, sorted: boolean): void {
  if (k === 0) return;
  if (k * 64 <= row.length) {
    partialSort(row, 0, k, row.length, less);
    return;
  }
  nthElement(row, k - 1, less);
  if (sorted) sortRange(row, 0, k - 1, less);
}

/** `x.topk(k, dim = -1, largest = true, sorted = true)`: the k largest (or smallest) along `dim`, with their indices. */
export function topk(self: Tensor, k: number, options: TopkOptions = {}): ValuesIndices {
  checkDimType('topk', options.dim, false);
  if (self.dtype.name === 'bool') throw new RuntimeError('"topk_cpu" not implemented for \'Bool\'');
  const dim = wrapDim(options.dim ?? -1, self.ndim);
  const size = self.ndim === 0 ? 1 : self._shape[dim]!;
  if (k < 0 || k > size) throw new RuntimeError('selected index k out of range');
  const shape = self.ndim === 0 ? [] : self._shape.map((d, i) => (i === dim ? k : d));
  const [values, indices] = [emptyTensor(shape, self.dtype, self.device), emptyTensor(shape, int64, self.device)];
  const rows = readRows(self, dim);
  const less = options.largest ?? true ? descending : ascending;
  for (const row of rows) topkRow(row, k, less, options.sorted ?? true);
  writeRows(rows, dim, values, indices);
  record('TopkBackward0', [self], values, { indices }, ([grad], s) =>
    [selectedGradient(grad!, self._shape, self.ndim === 0 ? [] : [dim], s.indices, true)]);
  return valuesIndices('topk', values, indices);
}

/** `k` given positionally or as a keyword. */
function withK(args: [k: number, ...TopkArgs] | [TopkOptions & { k: number }]): [number, TopkOptions] {
  if (typeof args[0] === 'number') return [args[0], pyArgs<TopkOptions>('topk', args.slice(1), names)];
  const { k, ...options } = args[0];
  return [k, options];
}

const methods = {
  /** `const [values, indices] = x.topk(2)`. */
  topk(this: Tensor, ...args: [k: number, ...TopkArgs] | [TopkOptions & { k: number }]): ValuesIndices { return topk(this, ...withK(args)); },
};
type TopkMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends TopkMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.topk(x, 3, { largest: false })`. */
  topk: (input: Tensor, ...args: [k: number, ...TopkArgs] | [TopkOptions & { k: number }]) => topk(input, ...withK(args)),
};
