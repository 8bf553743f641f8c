// median and mode: order statistics of a slice, with PyTorch 1.13's CPU choices of index on ties.
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { int64 } from '../../core/dtype.ts';
import { addMethods } from '../methods.ts';
import { where } from '../pointwise/where.ts';
import { checkDimType, checkNonEmpty, keptShape, noneDimError, oneDim, pyArgs, type PyArgs, reduce, selectedGradient } from './reduce.ts';
import { valuesIndices, type ValuesIndices } from './return-types.ts';
import { libstdcxxSort } from './sort.ts';

export interface MedianOptions { dim?: number | null; keepdim?: boolean }
export type MedianArgs = PyArgs<[dim: number | null, keepdim: boolean], MedianOptions>;

type Pick = (values: number[]) => [value: number, index: number];

/** The lower median; the first NaN when there is one. Ties resolve as sorting by (value, index) would. */
const medianOf: Pick = (values) => {
  const nan = values.findIndex(Number.isNaN);
  if (nan >= 0) return [NaN, nan];
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j);
  const k = order[(values.length - 1) >> 1]!;
  return [values[k]!, k];
};

/** The most frequent value (the smallest among equally frequent ones), with the index std::sort leaves last in its run. */
const modeOf: Pick = (values) => {
  const sorted = libstdcxxSort(values.map((v, i) => [v, i] as [number, number]), (a, b) => a[0] < b[0]);
  let best: [number, number] = [0, 0];
  let bestCount = 0;
  let count = 0;
  sorted.forEach(([v, i], k) => {
    count++;
    if (k === sorted.length - 1 || v !== sorted[k + 1]![0]) {
      if (count > bestCount) { best = [v, i]; bestCount = count; }
      count = 0;
    }
  });
  return best;
};

function selectAlong(op: 'median' | 'mode', self: Tensor, dim: number, keepdim: boolean, pick: Pick): ValuesIndices {
  const dims = oneDim(self, dim);
  checkNonEmpty(op, self, dims);
  const indices: number[] = [];
  const values = reduce(self, dims, keptShape(self, dims, keepdim), self.dtype, () => [] as number[], (acc, x) => { acc.push(x); return acc; }, (slice) => {
    const [value, index] = pick(slice);
    indices.push(index);
    return value;
  });
  const indexTensor = emptyTensor(values._shape, int64, self.device);
  indexTensor.storage.data.set(indices);
  record(op === 'median' ? 'MedianBackward1' : 'ModeBackward0', [self], values, { indices: indexTensor }, ([grad], s) => {
    return [selectedGradient(grad!, self._shape, dims, s.indices, keepdim)];
  });
  return valuesIndices(op, values, indexTensor);
}

/** `x.median()` (the lower median of everything; nan if any) or `const [values, indices] = x.median(dim, keepdim?)`. */
export function median(self: Tensor, options: MedianOptions): Tensor | ValuesIndices {
  if (self.dtype.name === 'bool') throw new RuntimeError('"median_cpu" not implemented for \'Bool\'');
  if (options.dim === null) throw noneDimError('median');
  if (options.dim !== undefined) {
    checkDimType('median', options.dim, false);
    return selectAlong('median', self, options.dim, options.keepdim ?? false, medianOf);
  }
  const all = self._values();
  const out = emptyTensor([], self.dtype, self.device);
  out.storage.data[0] = all.length === 0 ? NaN : medianOf(all)[0];
  record('MedianBackward0', [self], out, { self, result: out }, ([grad], s) => {
    const mask = Number.isNaN(s.result.item() as number) ? s.self.ne(s.self) : s.self.eq(s.result);
    return [where(mask, grad!.div(mask.sum()), 0)];
  });
  return out;
}

/** `const [values, indices] = x.mode(dim = -1, keepdim?)`: the most frequent value along a dim. */
export function mode(self: Tensor, options: MedianOptions): ValuesIndices {
  if (options.dim === null) throw noneDimError('mode');
  checkDimType('mode', options.dim, false);
  return selectAlong('mode', self, options.dim ?? -1, options.keepdim ?? false, modeOf);
}

const names = ['dim', 'keepdim'] as const;

interface Median {
  (): Tensor;
  (dim: number, keepdim?: boolean | MedianOptions): ValuesIndices;
  (options: MedianOptions & { dim: number }): ValuesIndices;
  (dim: number, keepdim: boolean, options: MedianOptions): ValuesIndices;
}

const methods = {
  /** `x.median()` or `x.median(dim, keepdim?)`. */
  median: function (this: Tensor, ...args: MedianArgs) { return median(this, pyArgs<MedianOptions>('median', args, names)); } as Median,
  /** `x.mode(dim?, keepdim?)`. */
  mode(this: Tensor, ...args: MedianArgs): ValuesIndices { return mode(this, pyArgs<MedianOptions>('mode', args, names)); },
};
type MedianMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends MedianMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.median(x)` or `torch.median(x, 1)`. */
  median: ((input: Tensor, ...args: MedianArgs) => median(input, pyArgs<MedianOptions>('median', args, names))) as
    { (input: Tensor): Tensor; (input: Tensor, dim: number, keepdim?: boolean | MedianOptions): ValuesIndices; (input: Tensor, options: MedianOptions & { dim: number }): ValuesIndices },
  /** `torch.mode(x, 0)`. */
  mode: (input: Tensor, ...args: MedianArgs) => mode(input, pyArgs<MedianOptions>('mode', args, names)),
};
