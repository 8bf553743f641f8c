// cummax and cummin: running extremes along a dim with the index each came from. As PyTorch's CPU kernel, an equal
// value moves the index forward (the last of equal values), and a NaN takes over from then on (each new NaN too).
import { record } from '../../autograd/record.ts';
import { scanDim } from '../../backend/cpu/kernels.ts';
import { int64 } from '../../core/dtype.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { zeros } from '../creation/fill.ts';
import { viewOf } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { checkDimType, noneDimError } from './reduce.ts';
import { valuesIndices, type ValuesIndices } from './return-types.ts';

/** `dim` for cummax/cummin/logcumsumexp, which have only the `(int dim)` and `(name dim)` overloads. */
export function scanDimArg(op: string, args: readonly unknown[]): number {
  const last = args[args.length - 1];
  const dim = typeof last === 'object' && last !== null && !Array.isArray(last) ? (last as { dim?: number | null }).dim : last;
  if (dim === undefined) {
    throw new TypeError(`${op}() received an invalid combination of arguments - got (), but expected one of:\n * (int dim)\n * (name dim)\n`);
  }
  if (dim === null) throw noneDimError(op);
  checkDimType(op, dim, false);
  return dim as number;
}

function runningExtreme(op: 'cummax' | 'cummin', self: Tensor, dimArg: number): ValuesIndices {
  const dim = wrapDim(dimArg, self.ndim);
  const input = self.detach();
  const indices = emptyTensor(self._shape, int64, self.device);
  const view = viewOf(input);
  const n = self.ndim === 0 ? 1 : self._shape[dim]!;
  const beats = op === 'cummax' ? (x: number, best: number) => x >= best : (x: number, best: number) => x <= best;
  // scanDim visits each slice's n elements in order, so a call count tells where a slice starts.
  let calls = 0;
  let best = NaN;
  scanDim(indices.storage.data, self.ndim === 0 ? { ...view, shape: [1], strides: [1] } : view, self.ndim === 0 ? 0 : dim, 0, (index, x) => {
    const k = calls++ % n;
    if (k === 0 || Number.isNaN(x) || (!Number.isNaN(best) && beats(x, best))) {
      best = x;
      return k;
    }
    return index;
  });
  const values = self.ndim === 0 ? input.clone() : input.gather(dim, indices);
  record(op === 'cummax' ? 'CummaxBackward0' : 'CumminBackward0', [self], values, { indices }, ([grad], s) => {
    if (self.ndim === 0 || grad!.numel() === 0) return [grad!];
    return [zeros([...self._shape], { dtype: grad!.dtype, device: grad!.device }).scatter_add(dim, s.indices, grad!)];
  });
  return valuesIndices(op, values, indices);
}

/** `const [values, indices] = x.cummax(1)`: the running maximum and where it was found. */
export function cummax(self: Tensor, dim: number): ValuesIndices { return runningExtreme('cummax', self, dim); }
/** `x.cummin(0)`: the running minimum and where it was found. */
export function cummin(self: Tensor, dim: number): ValuesIndices { return runningExtreme('cummin', self, dim); }

// A missing or None dim is typed so that it reaches PyTorch's errors.
export type DimArgs = [dim?: number | null] | [options: { dim?: number | null }];

const methods = {
  /** `x.cummax(dim)`. */
  cummax(this: Tensor, ...args: DimArgs): ValuesIndices { return cummax(this, scanDimArg('cummax', args)); },
  /** `x.cummin(dim)`. */
  cummin(this: Tensor, ...args: DimArgs): ValuesIndices { return cummin(this, scanDimArg('cummin', args)); },
};
type CummaxMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends CummaxMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.cummax(x, 0)`. */
  cummax: (input: Tensor, ...args: DimArgs) => cummax(input, scanDimArg('cummax', args)),
  /** `torch.cummin(x, { dim: -1 })`. */
  cummin: (input: Tensor, ...args: DimArgs) => cummin(input, scanDimArg('cummin', args)),
};
