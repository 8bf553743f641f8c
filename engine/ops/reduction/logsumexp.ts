import { record } from '../../autograd/record.ts';
import { get_default_dtype } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { castTensor } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { reducedOnDevice } from './device.ts';
import { checkDimType, type Dim, noneDimError, pyArgs, reduce, reductionShape, restoreDims } from './reduce.ts';

export interface LogsumexpOptions { dim?: Dim | null; keepdim?: boolean }
export type LogsumexpArgs = [dim: Dim, keepdim?: boolean] | [dim: Dim, options: LogsumexpOptions] | [options: LogsumexpOptions & { dim: Dim }];

/** `x.logsumexp(1)`: log(sum(exp(x))) computed stably, by shifting each slice by its finite maximum. */
export function logsumexp(self: Tensor, options: LogsumexpOptions): Tensor {
  if (options.dim === undefined) {
    throw new TypeError('logsumexp() received an invalid combination of arguments - got (), but expected one of:\n' +
      ' * (tuple of ints dim, bool keepdim)\n * (tuple of names dim, bool keepdim)\n');
  }
  if (options.dim === null) throw noneDimError('logsumexp');
  checkDimType('logsumexp', options.dim);
  if (Array.isArray(options.dim) && options.dim.length === 0 && self.ndim > 0) {
    // PyTorch 1.13 reduces nothing into a 0-dim output and fails to write it.
    throw new RuntimeError(`output with shape [] doesn't match the broadcast shape [${self._shape.map(() => 1).join(', ')}]`);
  }
  const keepdim = options.keepdim ?? false;
  const { dims, shape } = reductionShape(self, options.dim, keepdim);
  const dtype = self.dtype.is_floating_point ? self.dtype : get_default_dtype();
  const input = self.dtype === dtype ? self : castTensor(self, dtype);
  const out = reducedOnDevice('logsumexp', input, dims, shape, dtype) ?? reduce(input, dims, shape, dtype, () => [] as number[], (acc, x) => { acc.push(x); return acc; }, (values) => {
    let max = -Infinity;
    for (const x of values) if (x > max || Number.isNaN(x)) max = x;
    const shift = Number.isFinite(max) || Number.isNaN(max) ? max : 0;
    let total = 0;
    for (const x of values) total += Math.exp(x - shift);
    return Math.log(total) + shift;
  });
  record('LogsumexpBackward0', [self], out, { self, result: out }, ([grad], s) => {
    const g = restoreDims(grad!, dims, keepdim, s.self.ndim);
    return [g.mul(s.self.sub(restoreDims(s.result, dims, keepdim, s.self.ndim)).exp())];
  });
  return out;
}

const names = ['dim', 'keepdim'] as const;

const methods = {
  /** `x.logsumexp(dim, keepdim?)`. */
  logsumexp(this: Tensor, ...args: LogsumexpArgs): Tensor { return logsumexp(this, pyArgs<LogsumexpOptions>('logsumexp', args, names)); },
};
type LogsumexpMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends LogsumexpMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.logsumexp(x, 1)`. */
  logsumexp: (input: Tensor, ...args: LogsumexpArgs) => logsumexp(input, pyArgs<LogsumexpOptions>('logsumexp', args, names)),
};
