// quantile and nanquantile, composed of engine ops as PyTorch 1.13 composes them (sort, rank, gather, lerp), so
// values, strides and gradients follow its steps; the result's node is the SqueezeBackward3 of its last squeeze_.
import { RuntimeError } from '../../core/errors.ts';
import { int64 } from '../../core/dtype.ts';
import type { PyFloat } from '../../core/scalar.ts';
import { wrapDim } from '../../core/shape.ts';
import { Tensor } from '../../core/tensor.ts';
import { full, full_like } from '../creation/fill.ts';
import { addMethods } from '../methods.ts';
import { where } from '../pointwise/where.ts';
import { viewOf } from '../views/make.ts';
import { checkDimType, pyArgs, type PyArgs } from './reduce.ts';

export interface QuantileOptions { q?: number | PyFloat | Tensor; dim?: number | null; keepdim?: boolean; interpolation?: string }
export type QuantileArgs = PyArgs<[q: number | PyFloat | Tensor, dim: number | null, keepdim: boolean], QuantileOptions>;

const modes = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];

/** A double as C++'s `ostream <<` writes it (six significant digits). */
function cppDouble(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const [mantissa, exponent] = x.toPrecision(6).split('e');
  const trimmed = mantissa!.includes('.') ? mantissa!.replace(/\.?0+$/, '') : mantissa!;
  if (exponent === undefined) return trimmed;
  const e = Number(exponent);
  return `${trimmed}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function checks(self: Tensor, q: Tensor): void {
  if (self.numel() === 0) throw new RuntimeError('quantile() input tensor must be non-empty');
  if (q.ndim > 1) throw new RuntimeError('quantile() q must be a scalar or 1D tensor');
  if (self.dtype.name !== 'float32' && self.dtype.name !== 'float64') {
    throw new RuntimeError('quantile() input tensor must be either float or double dtype');
  }
  if (q.dtype !== self.dtype) throw new RuntimeError('quantile() q tensor must be same dtype as the input tensor');
  if (q.device.type !== self.device.type) throw new RuntimeError('quantile() q tensor must be on the same device as the input tensor');
  if (!q.ge(0).logical_and(q.le(1)).all().item()) throw new RuntimeError('quantile() q values must be in the range [0, 1]');
}

function quantileOf(self: Tensor, options: QuantileOptions, ignoreNan: boolean): Tensor {
  const op = ignoreNan ? 'nanquantile' : 'quantile';
  if (options.q === undefined) throw new TypeError(`${op}() missing required argument 'q' (pos 2)`);
  checkDimType(op, options.dim, false);
  const interpolation = options.interpolation ?? 'linear';
  if (!(options.q instanceof Tensor) && !(Number(options.q) >= 0 && Number(options.q) <= 1)) {
    throw new RuntimeError(`quantile() q must be in the range [0, 1] but got ${cppDouble(Number(options.q))}`);
  }
  if (!modes.includes(interpolation)) {
    throw new RuntimeError(`quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${interpolation}`);
  }
  const q = options.q instanceof Tensor ? options.q : full([], Number(options.q), { dtype: self.dtype, device: self.device });
  checks(self, q);
  const keepdim = options.keepdim ?? false;
  const hasDim = options.dim !== undefined && options.dim !== null;
  const dim = wrapDim(hasDim ? options.dim! : 0, self.ndim);
  // Sort the reduced values into the last dim: q's values select from there.
  const reducedLast = !hasDim ? self.flatten() : dim === self.ndim - 1 ? self : self.unsqueeze(-1).transpose(dim, -1);
  let sorted = reducedLast.sort().values;
  const kept = (d: number, i: number) => (i !== dim ? [d] : keepdim ? [1] : []);
  const outShape = hasDim && self.ndim > 0 ? self._shape.flatMap(kept) : keepdim ? self._shape.map(() => 1) : [];
  sorted = sorted.view([...outShape, sorted._shape[sorted.ndim - 1]!]);
  const last = sorted._shape[sorted.ndim - 1]! - 1;
  let ranks: Tensor;
  if (ignoreNan) {
    // Ranks among the values that are not NaN; an all-NaN slice ranks 0 and so gives NaN.
    ranks = q.mul(sorted.isnan().logical_not().sum(-1, true).sub(1));
    ranks = where(ranks.lt(0), 0, ranks);
  } else {
    // A slice holding NaN ranks last, where sorting put its NaNs.
    ranks = where(sorted.isnan().any(-1, true), last, q.mul(last));
  }
  if (interpolation === 'lower') ranks = ranks.floor();
  else if (interpolation === 'higher') ranks = ranks.ceil();
  else if (interpolation === 'nearest') ranks = ranks.round();
  const below = ranks.to(int64);
  let values = sorted.gather(-1, below);
  if (interpolation === 'linear' || interpolation === 'midpoint') {
    const weights = interpolation === 'midpoint' ? full_like(ranks, 0.5) : ranks.sub(below);
    values = values.lerp(sorted.gather(-1, ranks.ceil().to(int64)), weights);
  }
  // PyTorch squeezes q's dim away in place (squeeze_, or unsqueeze_(0).transpose_(0, -1).squeeze_(-1) for a 1-d q,
  // which moves it first): one view here, with that node's name.
  const n = values.ndim;
  if (q.ndim === 0) {
    return viewOf(values, 'SqueezeBackward3', values._shape.slice(0, -1), values._stride.slice(0, -1), values._offset, (g) => g.unsqueeze(-1));
  }
  const move = (a: readonly number[]) => [a[n - 1]!, ...a.slice(0, -1)];
  return viewOf(values, 'SqueezeBackward3', move(values._shape), move(values._stride), values._offset, (g) => g.movedim(0, -1));
}

/** `x.quantile(0.25)`, `x.quantile(torch.tensor([0.1, 0.9]), 1, true, { interpolation: 'nearest' })`. */
export function quantile(self: Tensor, options: QuantileOptions): Tensor { return quantileOf(self, options, false); }
/** `x.nanquantile(0.5, 0)`: quantile over the values that are not NaN. */
export function nanquantile(self: Tensor, options: QuantileOptions): Tensor { return quantileOf(self, options, true); }

const names = ['q', 'dim', 'keepdim'] as const;

const methods = {
  /** `x.quantile(q, dim?, keepdim?, { interpolation? })`. */
  quantile(this: Tensor, ...args: QuantileArgs): Tensor { return quantile(this, pyArgs<QuantileOptions>('quantile', args, names)); },
  /** `x.nanquantile(q, dim?, keepdim?, { interpolation? })`. */
  nanquantile(this: Tensor, ...args: QuantileArgs): Tensor { return nanquantile(this, pyArgs<QuantileOptions>('nanquantile', args, names)); },
};
type QuantileMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends QuantileMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.quantile(x, 0.5, { dim: 1 })`. */
  quantile: (input: Tensor, ...args: QuantileArgs) => quantile(input, pyArgs<QuantileOptions>('quantile', args, names)),
  /** `torch.nanquantile(x, torch.tensor([0.25, 0.75]))`. */
  nanquantile: (input: Tensor, ...args: QuantileArgs) => nanquantile(input, pyArgs<QuantileOptions>('nanquantile', args, names)),
};
