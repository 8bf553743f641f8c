// amax/amin (the extreme over several dims, value only) and argmax/argmin (the index of the first extreme).
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import {
  type Better, checkDimType, checkNonEmpty, type Dim, greater, keptShape, less, oneDim, pyArgs, type PyArgs,
  reduceWithIndex, reductionShape, restoreDims,
} from './reduce.ts';

export interface AmaxOptions { dim?: Dim | null; keepdim?: boolean }
export type AmaxArgs = PyArgs<[dim: Dim | null, keepdim: boolean], AmaxOptions>;

function extremeOver(op: 'amax' | 'amin', self: Tensor, options: AmaxOptions, better: Better): Tensor {
  checkDimType(op, options.dim);
  const keepdim = options.keepdim ?? false;
  const given = options.dim === undefined || options.dim === null ? [] : typeof options.dim === 'number' ? [options.dim] : [...options.dim];
  const { dims, shape } = reductionShape(self, given, keepdim);
  checkNonEmpty(op, self, given.length === 0 ? null : dims, given);
  const [out] = reduceWithIndex(self, dims, shape, better);
  record(op === 'amax' ? 'AmaxBackward0' : 'AminBackward0', [self], out, { self, result: out }, ([grad], s) => {
    // Ties share the gradient evenly; a slice whose extreme is NaN matches nothing and gets 0/0 (as PyTorch). The
    // mask is result == self in that order, as derivatives.yaml writes it: its layout follows the restored result.
    const mask = restoreDims(s.result, dims, keepdim, s.self.ndim).eq(s.self);
    return [restoreDims(grad!, dims, keepdim, s.self.ndim).div(mask.sum({ dim: dims, keepdim: true })).mul(mask)];
  });
  return out;
}

/** `x.amax()`, `x.amax([0, 2], true)`: the largest value over the dims (all by default). */
export function amax(self: Tensor, options: AmaxOptions = {}): Tensor { return extremeOver('amax', self, options, greater); }
/** `x.amin(1)`: the smallest value over the dims. */
export function amin(self: Tensor, options: AmaxOptions = {}): Tensor { return extremeOver('amin', self, options, less); }

export interface ArgmaxOptions { dim?: number | null; keepdim?: boolean }
export type ArgmaxArgs = PyArgs<[dim: number | null, keepdim: boolean], ArgmaxOptions>;

function indexOfExtreme(op: 'argmax' | 'argmin', self: Tensor, options: ArgmaxOptions, better: Better): Tensor {
  checkDimType(op, options.dim, false);
  const keepdim = options.keepdim ?? false;
  const hasDim = options.dim !== undefined && options.dim !== null;
  const dims = hasDim ? oneDim(self, options.dim!) : self._shape.map((_, i) => i);
  checkNonEmpty(op, self, hasDim ? dims : null);
  // PyTorch answers zeros for a dim of size 1 before its kernel (and so its dtype check) runs.
  const trivial = hasDim && self.ndim > 0 && self._shape[dims[0]!] === 1;
  if (self.dtype.name === 'bool' && !trivial) throw new RuntimeError(`"${op}_cpu" not implemented for 'Bool'`);
  // Without a dim the index is into the flattened tensor; keepdim then keeps every dim as size 1.
  return reduceWithIndex(self, dims, keptShape(self, dims, keepdim), better)[1];
}

/** `x.argmax()` (flat index) or `x.argmax(dim, keepdim?)`: the first index of the largest value (NaN counts as largest). */
export function argmax(self: Tensor, options: ArgmaxOptions = {}): Tensor { return indexOfExtreme('argmax', self, options, greater); }
/** `x.argmin(1)`: the first index of the smallest value (NaN counts as smallest). */
export function argmin(self: Tensor, options: ArgmaxOptions = {}): Tensor { return indexOfExtreme('argmin', self, options, less); }

const amaxNames = ['dim', 'keepdim'] as const;
const argNames = ['dim', 'keepdim'] as const;

const methods = {
  /** `x.amax(dim?, keepdim?)`. */
  amax(this: Tensor, ...args: AmaxArgs): Tensor { return amax(this, pyArgs<AmaxOptions>('amax', args, amaxNames)); },
  /** `x.amin(dim?, keepdim?)`. */
  amin(this: Tensor, ...args: AmaxArgs): Tensor { return amin(this, pyArgs<AmaxOptions>('amin', args, amaxNames)); },
  /** `x.argmax(dim?, keepdim?)`. */
  argmax(this: Tensor, ...args: ArgmaxArgs): Tensor { return argmax(this, pyArgs<ArgmaxOptions>('argmax', args, argNames)); },
  /** `x.argmin(dim?, keepdim?)`. */
  argmin(this: Tensor, ...args: ArgmaxArgs): Tensor { return argmin(this, pyArgs<ArgmaxOptions>('argmin', args, argNames)); },
};
type AmaxMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends AmaxMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.amax(x, [0, 1])`. */
  amax: (input: Tensor, ...args: AmaxArgs) => amax(input, pyArgs<AmaxOptions>('amax', args, amaxNames)),
  /** `torch.amin(x, 1, true)`. */
  amin: (input: Tensor, ...args: AmaxArgs) => amin(input, pyArgs<AmaxOptions>('amin', args, amaxNames)),
  /** `torch.argmax(x)` or `torch.argmax(x, 1)`. */
  argmax: (input: Tensor, ...args: ArgmaxArgs) => argmax(input, pyArgs<ArgmaxOptions>('argmax', args, argNames)),
  /** `torch.argmin(x, 0, true)`. */
  argmin: (input: Tensor, ...args: ArgmaxArgs) => argmin(input, pyArgs<ArgmaxOptions>('argmin', args, argNames)),
};
