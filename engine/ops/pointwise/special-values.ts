// Tests for nan and infinities (isnan, isinf, isfinite, isposinf, isneginf, isreal) and nan_to_num, which replaces
// them. Integer and bool tensors have neither, so their tests are all-false (all-true for isfinite).
import { record } from '../../autograd/record.ts';
import { mapUnary } from '../../backend/cpu/kernels.ts';
import { float32 } from '../../core/dtype.ts';
import { type Scalar, scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import { inPlace, unaryOp, viewOf } from '../dispatch.ts';
import { emptyLike, inOrder, walkOrder } from '../layout.ts';
import { addMethods } from '../methods.ts';

/** `torch.isnan(x)`. */
export const isnan = unaryOp({ name: 'isnan', dtype: 'bool', cpu: (x) => Number(x !== x), wgsl: 'x != x' });
/** `torch.isinf(x)`: +inf or -inf. */
export const isinf = unaryOp({ name: 'isinf', dtype: 'bool', cpu: (x) => Number(x === Infinity || x === -Infinity), wgsl: 'abs(x) == bitcast<f32>(0x7f800000u)' });
/** `torch.isfinite(x)`: neither nan nor infinite. */
export const isfinite = unaryOp({ name: 'isfinite', dtype: 'bool', cpu: (x) => Number(Number.isFinite(x)), wgsl: 'x == x && abs(x) != bitcast<f32>(0x7f800000u)' });
/** `torch.isposinf(x)`. */
export const isposinf = unaryOp({ name: 'isposinf', dtype: 'bool', cpu: (x) => Number(x === Infinity), wgsl: 'x == bitcast<f32>(0x7f800000u)' });
/** `torch.isneginf(x)`. */
export const isneginf = unaryOp({ name: 'isneginf', dtype: 'bool', cpu: (x) => Number(x === -Infinity), wgsl: 'x == bitcast<f32>(0xff800000u)' });
/** `torch.isreal(x)`: true everywhere for real tensors (PyTorch's test for a zero imaginary part). */
export const isreal = unaryOp({ name: 'isreal', dtype: 'bool', cpu: () => 1, wgsl: 'true' });

type Value = Scalar | null;
export interface NanToNumOptions { nan?: Value; posinf?: Value; neginf?: Value }

/** `torch.nan_to_num(x, { nan: 0, posinf, neginf })`: nan -> 0 (or `nan`), infinities -> the dtype's extremes. */
export function nan_to_num(self: Tensor, nan?: Value | NanToNumOptions, posinf?: Value, neginf?: Value): Tensor {
  const options: NanToNumOptions = isOptions(nan) ? nan as NanToNumOptions : { nan: nan as Value, posinf, neginf };
  const given = (v: Value | undefined) => (v === null || v === undefined ? undefined : scalarValue(v));
  if (!self.dtype.is_floating_point) return self.clone();
  const largest = self.dtype === float32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const nanValue = given(options.nan) ?? 0;
  const positive = given(options.posinf) ?? largest;
  const negative = given(options.neginf) ?? -largest;
  const replace = (x: number) => (x !== x ? nanValue : x === Infinity ? positive : x === -Infinity ? negative : x);
  // PyTorch writes into empty_like(self), which keeps a dense input's strides.
  const out = emptyLike(self);
  mapUnary(out.storage.data, inOrder(viewOf(self), walkOrder(out._stride)), replace);
  record('NanToNumBackward0', [self], out, { self }, ([grad], saved) => [grad!.mul(isfinite(saved.self))]);
  return out;
}

const tests = { isnan, isinf, isfinite, isposinf, isneginf, isreal };
type TestName = keyof typeof tests;
type SpecialValueMethods = { [K in TestName]: (this: Tensor) => Tensor } & {
  nan_to_num(this: Tensor, nan?: Value | NanToNumOptions, posinf?: Value, neginf?: Value): Tensor;
  nan_to_num_(this: Tensor, nan?: Value | NanToNumOptions, posinf?: Value, neginf?: Value): Tensor;
};
declare module '../../core/tensor.ts' { interface Tensor extends SpecialValueMethods {} }

const methods: Record<string, unknown> = {
  nan_to_num(this: Tensor, nan?: Value | NanToNumOptions, posinf?: Value, neginf?: Value): Tensor {
    return nan_to_num(this, nan, posinf, neginf);
  },
  nan_to_num_(this: Tensor, nan?: Value | NanToNumOptions, posinf?: Value, neginf?: Value): Tensor {
    return inPlace(this, [], (s) => nan_to_num(s, nan, posinf, neginf));
  },
};
for (const [name, op] of Object.entries(tests)) methods[name] = function (this: Tensor) { return op(this); };
addMethods(methods);

export const functions = {
  ...tests, nan_to_num,
  nan_to_num_: (input: Tensor, nan?: Value | NanToNumOptions, posinf?: Value, neginf?: Value) => input.nan_to_num_(nan, posinf, neginf),
};
