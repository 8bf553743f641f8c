// torch.norm as PyTorch 1.13's torch/functional.py routes it: p-norms (NormBackward1, NormBackward3 with a dtype)
// and the Frobenius norm, which over two dims is sqrt(sum(x * x)) (SqrtBackward0).
import { record } from '../../autograd/record.ts';
import { type DType, toDType } from '../../core/dtype.ts';
import { NotImplementedError, RuntimeError, ValueError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { castTensor } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { where } from '../pointwise/where.ts';
import { reducedOnDevice } from './device.ts';
import { checkDimType, type Dim, pyArgs, type PyArgs, reduce, reductionShape, restoreDims } from './reduce.ts';

export type NormP = number | 'fro' | 'nuc' | null;
export interface NormOptions { p?: NormP | string; dim?: Dim | null; keepdim?: boolean; dtype?: DType | string | null }
export type NormArgs = PyArgs<[p: NormP | string, dim: Dim | null, keepdim: boolean], NormOptions>;

type Fold = { init: number; step: (acc: number, x: number) => number; finish: (acc: number, count: number) => number };

/** How each p folds a slice: p = 0 counts nonzeros, ±inf take the extreme magnitude (0 for an empty slice). */
function foldFor(p: number): Fold {
  const nanOr = (pick: (a: number, b: number) => number) => (acc: number, x: number) =>
    Number.isNaN(acc) || Number.isNaN(x) ? NaN : pick(acc, Math.abs(x));
  if (p === 0) return { init: 0, step: (acc, x) => acc + (x !== 0 ? 1 : 0), finish: (acc) => acc };
  if (p === Infinity) return { init: 0, step: nanOr(Math.max), finish: (acc) => acc };
  if (p === -Infinity) return { init: Infinity, step: nanOr(Math.min), finish: (acc, n) => (n === 0 ? 0 : acc) };
  if (p === 1) return { init: 0, step: (acc, x) => acc + Math.abs(x), finish: (acc) => acc };
  if (p === 2) return { init: 0, step: (acc, x) => acc + x * x, finish: Math.sqrt };
  return { init: 0, step: (acc, x) => acc + Math.abs(x) ** p, finish: (acc) => acc ** (1 / p) };
}

/** norm_backward: the derivative of the p-norm for each p (ties share the gradient for ±inf). */
function normBackward(grad: Tensor, self: Tensor, p: number, result: Tensor, dims: number[], keepdim: boolean): Tensor | null {
  const g = restoreDims(grad, dims, keepdim, self.ndim);
  const norm = restoreDims(result, dims, keepdim, self.ndim);
  if (p === 0) return null;
  if (p === 1) return self.sgn().mul(g);
  // Where the norm is 0 the slice is all zeros and PyTorch masks the 0/0 to 0.
  const normZero = norm.eq(0);
  if (p === 2) return g.mul(where(normZero, 0, self.div(norm)));
  if (!Number.isFinite(p)) {
    const magnitude = self.abs();
    const mask = magnitude.eq(norm).logical_or(magnitude.ne(magnitude));
    return self.sgn().mul(g.div(mask.sum({ dim: dims, keepdim: true })).mul(mask));
  }
  if (p < 1) return self.sgn().mul(where(self.eq(0), 0, self.abs().pow(p - 1))).mul(g).mul(norm.pow(1 - p));
  const scale = where(normZero, 0, g.div(norm.pow(p - 1)));
  const scaled = p < 2 ? self.sgn().mul(self.abs().pow(p - 1)) : self.mul(self.abs().pow(p - 2));
  return scaled.mul(scale);
}

function checkFloating(self: Tensor): void {
  if (!self.dtype.is_floating_point) {
    throw new RuntimeError(`norm(): input dtype should be either floating point or complex. Got ${self.dtype.scalarName} instead.`);
  }
}

function pNorm(self: Tensor, p: number, dim: Dim | null | undefined, keepdim: boolean, dtype: DType | null): Tensor {
  checkFloating(self);
  const { dims, shape } = reductionShape(self, dim, keepdim);
  const outDType = dtype ?? self.dtype;
  const input = outDType === self.dtype ? self : castTensor(self, outDType);
  const fold = foldFor(p);
  const out = reducedOnDevice('norm', input, dims, shape, outDType, { p }) ?? reduce(input, dims, shape, outDType, () => fold.init, fold.step, fold.finish);
  record(dtype ? 'NormBackward3' : 'NormBackward1', [self], out, { self, result: out }, ([grad], s) =>
    [normBackward(grad!, s.self, p, s.result, dims, keepdim)]);
  return out;
}

function frobenius(self: Tensor, dim: Dim | null | undefined, keepdim: boolean): Tensor {
  // Without dims PyTorch takes frobenius_norm(dim=()), which is the 2-norm of everything (NormBackward1).
  const dims = dim === undefined || dim === null ? [] : typeof dim === 'number' ? [dim] : [...dim];
  if (dims.length <= 1) return pNorm(self, 2, dims, keepdim, null);
  if (dims.length > 2) throw new RuntimeError(`Expected at most 2 dimensions, but got ${dims.length} dimensions instead.`);
  const [a, b] = dims.map((d) => wrapDim(d, self.ndim));
  if (a === b) throw new RuntimeError(`Expected dims to be different, got [${dims.join(', ')}] instead`);
  checkFloating(self);
  return self.mul(self).sum({ dim: [a!, b!], keepdim }).sqrt();
}

/** `x.norm()` (Frobenius), `x.norm(1)`, `x.norm(Infinity, 1)`, `x.norm('fro', [0, 1], true)`, `x.norm({ p: 3, dim: 0 })`. */
export function norm(self: Tensor, options: NormOptions): Tensor {
  const p = options.p === undefined ? 'fro' : options.p;
  const keepdim = options.keepdim ?? false;
  checkDimType('norm', options.dim);
  if (typeof p === 'string') {
    if (p !== 'fro') {
      if (p === 'nuc') throw new NotImplementedError("norm(): the nuclear norm (p='nuc') is not implemented");
      throw new RuntimeError(`only valid string values are 'fro' and 'nuc', found ${p}`);
    }
    if (options.dtype) throw new ValueError('dtype argument is not supported in frobenius norm');
    return frobenius(self, options.dim, keepdim);
  }
  return pNorm(self, p ?? 2, options.dim, keepdim, options.dtype ? toDType(options.dtype) : null);
}

const names = ['p', 'dim', 'keepdim'] as const;

const methods = {
  /** `x.norm(p?, dim?, keepdim?)` or `x.norm({ p, dim, keepdim, dtype })`. */
  norm(this: Tensor, ...args: NormArgs): Tensor { return norm(this, pyArgs<NormOptions>('norm', args, names)); },
};
type NormMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends NormMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.norm(x, 2, 1)`. */
  norm: (input: Tensor, ...args: NormArgs) => norm(input, pyArgs<NormOptions>('norm', args, names)),
};
