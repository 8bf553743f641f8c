// floor, ceil, round (half to even, optionally to `decimals` places), trunc / fix, frac. Integer tensors come back
// unchanged (as copies); bool tensors are refused, as PyTorch's kernels are not compiled for them.
import { record } from '../../autograd/record.ts';
import { mapUnary } from '../../backend/cpu/kernels.ts';
import { bool, float32 } from '../../core/dtype.ts';
import type { Tensor } from '../../core/tensor.ts';
import { zeros_like } from '../creation/fill.ts';
import { inPlace, unaryOp, viewOf } from '../dispatch.ts';
import { elementwiseOutput, inOrder } from '../layout.ts';
import { addMethods } from '../methods.ts';
import { installUnary, notImplementedFor, type UnaryMethods } from './support.ts';

/** C's nearbyint in the default rounding mode: halves go to the even neighbour (2.5 -> 2, -0.5 -> -0). */
export function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Rounding ops have zero gradient everywhere (PyTorch's convention at the jumps too). */
const zeroGradient = (grad: Tensor) => zeros_like(grad);

const refusingBool = (name: string, op: (self: Tensor) => Tensor) => (self: Tensor): Tensor => {
  if (self.dtype === bool) notImplementedFor(`${name}_vml_cpu`, bool);
  return op(self);
};

/** `x.floor()`: the largest integer <= x. */
export const floor = refusingBool('floor', unaryOp({
  name: 'floor', grad_fn: 'FloorBackward0', dtype: 'same', cpu: Math.floor, wgsl: 'floor(x)', saves: [], backward: zeroGradient,
}));
/** `x.ceil()`: the smallest integer >= x. */
export const ceil = refusingBool('ceil', unaryOp({
  name: 'ceil', grad_fn: 'CeilBackward0', dtype: 'same', cpu: Math.ceil, wgsl: 'ceil(x)', saves: [], backward: zeroGradient,
}));
/** `x.trunc()`: rounds towards zero. */
export const trunc = refusingBool('trunc', unaryOp({
  name: 'trunc', grad_fn: 'TruncBackward0', dtype: 'same', cpu: Math.trunc, wgsl: 'trunc(x)', saves: [], backward: zeroGradient,
}));
const roundOp = refusingBool('round', unaryOp({
  name: 'round', grad_fn: 'RoundBackward0', dtype: 'same', cpu: roundHalfToEven, wgsl: 'round(x)', saves: [], backward: zeroGradient,
}));
const fracOp = unaryOp({
  name: 'frac', grad_fn: 'FracBackward0', dtype: 'same', cpu: (x) => x - Math.trunc(x), wgsl: 'x - trunc(x)',
  saves: [], backward: (grad) => grad,
});
/** `x.frac()`: x - trunc(x), for floating tensors only. */
export function frac(self: Tensor): Tensor {
  if (!self.dtype.is_floating_point) notImplementedFor('frac_cpu', self.dtype);
  return fracOp(self);
}

export interface RoundOptions { decimals?: number }

/** Rounds to `decimals` places the way PyTorch does: scale by 10^|decimals| in the tensor's dtype, round, unscale. */
function roundDecimals(self: Tensor, decimals: number): Tensor {
  if (!self.dtype.is_floating_point) notImplementedFor('round_cpu', self.dtype);
  const r = self.dtype === float32 ? Math.fround : (x: number) => x;
  const scale = r(10 ** Math.abs(decimals));
  const kernel = decimals < 0 ? (x: number) => r(roundHalfToEven(r(x / scale)) * scale) : (x: number) => r(roundHalfToEven(r(x * scale)) / scale);
  const { out, order } = elementwiseOutput(self._shape, self.dtype, self.device, [self]);
  mapUnary(out.storage.data, inOrder(viewOf(self), order), kernel);
  record('RoundBackward1', [self], out, {}, ([grad]) => [zeros_like(grad!)]);
  return out;
}

/** `x.round()`: to the nearest integer, halves to even; `x.round({ decimals: 2 })` to 2 decimal places. */
export function round(self: Tensor, options: RoundOptions | number = {}): Tensor {
  const decimals = typeof options === 'number' ? options : options.decimals;
  return decimals === undefined ? roundOp(self) : roundDecimals(self, decimals);
}

const ops = { floor, ceil, trunc, fix: trunc, frac };
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }

const methods = {
  /** `x.round()` or `x.round({ decimals: 1 })`. */
  round(this: Tensor, options?: RoundOptions): Tensor { return round(this, options); },
  round_(this: Tensor, options?: RoundOptions): Tensor { return inPlace(this, [], (s) => round(s, options)); },
};
type RoundMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends RoundMethods {} }
addMethods(methods);

export const functions = {
  ...installUnary(ops), round,
  round_: (input: Tensor, options?: RoundOptions) => input.round_(options),
};
