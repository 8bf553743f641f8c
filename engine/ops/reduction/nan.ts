// nansum and nanmean: sum and mean that skip NaNs (read as zeros; nanmean divides by the count of the others).
import { record } from '../../autograd/record.ts';
import type { DType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { where } from '../pointwise/where.ts';
import { checkDimType, type Dim, pyArgs, type PyArgs, reductionShape, type ReduceOptions, restoreDims } from './reduce.ts';
import { sum } from './sum.ts';

export interface NanOptions extends ReduceOptions { dtype?: DType | string | null }
export type NanArgs = PyArgs<[dim: Dim | null, keepdim: boolean], NanOptions>;

/** `x.nansum()`, `torch.nansum(x, 1, true)`: the sum with NaNs read as zeros, in the order `sum` adds. */
export function nansum(self: Tensor, options: NanOptions = {}): Tensor {
  checkDimType('nansum', options.dim);
  const keepdim = options.keepdim ?? false;
  const { dims } = reductionShape(self, options.dim, keepdim);
  const input = self.detach();
  const out = sum(self.dtype.is_floating_point ? where(input.isnan(), 0, input) : input, options);
  const inputShape = [...self._shape];
  record('NansumBackward0', [self], out, { self }, ([grad], s) =>
    [restoreDims(grad!, dims, keepdim, inputShape.length).expand(inputShape).mul(s.self.isnan().logical_not())]);
  return out;
}

/** `x.nanmean(1)`: the mean of the values that are not NaN (composite, as in PyTorch: nansum / count). */
export function nanmean(self: Tensor, options: NanOptions = {}): Tensor {
  if (!self.dtype.is_floating_point) {
    throw new RuntimeError(`nanmean(): expected input to have floating point dtype but got ${self.dtype.scalarName}`);
  }
  const count = self.isnan().logical_not().sum({ dim: options.dim ?? null, keepdim: options.keepdim ?? false });
  return nansum(self, options).div(count);
}

const names = ['dim', 'keepdim'] as const;

const methods = {
  /** `x.nansum(dim?, keepdim?, { dtype })`. */
  nansum(this: Tensor, ...args: NanArgs): Tensor { return nansum(this, pyArgs<NanOptions>('nansum', args, names)); },
  /** `x.nanmean(dim?, keepdim?, { dtype })`. */
  nanmean(this: Tensor, ...args: NanArgs): Tensor { return nanmean(this, pyArgs<NanOptions>('nanmean', args, names)); },
};
type NanMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends NanMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.nansum(x, 0)`. */
  nansum: (input: Tensor, ...args: NanArgs) => nansum(input, pyArgs<NanOptions>('nansum', args, names)),
  /** `torch.nanmean(x, { dim: 1, keepdim: true })`. */
  nanmean: (input: Tensor, ...args: NanArgs) => nanmean(input, pyArgs<NanOptions>('nanmean', args, names)),
};
