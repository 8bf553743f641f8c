// isclose / allclose: |a - b| <= atol + rtol * |b|, built from engine ops exactly as PyTorch composes it, so that
// integer and float inputs promote the same way.
import { bool, get_default_dtype } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { pyfloat } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import type { TensorOrScalar } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { requireTensor } from './support.ts';

export interface IscloseOptions { rtol?: number; atol?: number; equal_nan?: boolean }

/** Reads `(rtol, atol, equal_nan)` given positionally or as one options object. */
function tolerances(rtol?: number | IscloseOptions, atol?: number, equal_nan?: boolean): Required<IscloseOptions> {
  const o: IscloseOptions = isOptions(rtol) ? rtol as IscloseOptions : { rtol: rtol as number | undefined, atol, equal_nan };
  return { rtol: o.rtol ?? 1e-5, atol: o.atol ?? 1e-8, equal_nan: o.equal_nan ?? false };
}

function closeness(input: Tensor, other: Tensor, { rtol, atol, equal_nan }: Required<IscloseOptions>): Tensor {
  if (input.dtype !== other.dtype) throw new RuntimeError(`${input.dtype.scalarName} did not match ${other.dtype.scalarName}`);
  if (rtol < 0) throw new RuntimeError(`rtol must be greater than or equal to zero, but got ${rtol}`);
  if (atol < 0) throw new RuntimeError(`atol must be greater than or equal to zero, but got ${atol}`);
  return withGradMode(false, () => {
    let close = input.eq(other);
    if (equal_nan && input.dtype.is_floating_point) close = close.logical_or(input.isnan().logical_and(other.isnan()));
    if (rtol === 0 && atol === 0) return close;
    const a = input.dtype === bool ? input.to(get_default_dtype()) : input;
    const b = other.dtype === bool ? other.to(get_default_dtype()) : other;
    const allowed = b.mul(pyfloat(rtol)).abs().add(pyfloat(atol));
    const actual = a.sub(b).abs();
    return close.logical_or(actual.isfinite().logical_and(actual.le(allowed)));
  });
}

/** `torch.isclose(a, b, { rtol: 1e-5, atol: 1e-8, equal_nan: false })`: elementwise closeness, as bool. */
export function isclose(input: Tensor, other: TensorOrScalar, rtol?: number | IscloseOptions, atol?: number, equal_nan?: boolean): Tensor {
  requireTensor(input, 'isclose', 'input', 1);
  requireTensor(other, 'isclose', 'other', 2);
  return closeness(input, other, tolerances(rtol, atol, equal_nan));
}

/** `torch.allclose(a, b)`: true when every element is close (nan is never close unless `equal_nan`). */
export function allclose(input: Tensor, other: TensorOrScalar, rtol?: number | IscloseOptions, atol?: number, equal_nan?: boolean): boolean {
  requireTensor(input, 'allclose', 'input', 1);
  requireTensor(other, 'allclose', 'other', 2);
  return closeness(input, other, tolerances(rtol, atol, equal_nan))._values().every((v) => v !== 0);
}

const methods = {
  /** `a.isclose(b)`. */
  isclose(this: Tensor, other: TensorOrScalar, rtol?: number | IscloseOptions, atol?: number, equal_nan?: boolean): Tensor {
    requireTensor(other, 'isclose', 'other', 1);
    return closeness(this, other, tolerances(rtol, atol, equal_nan));
  },
  /** `a.allclose(b)`. */
  allclose(this: Tensor, other: TensorOrScalar, rtol?: number | IscloseOptions, atol?: number, equal_nan?: boolean): boolean {
    requireTensor(other, 'allclose', 'other', 1);
    return allclose(this, other, rtol, atol, equal_nan);
  },
};
type IscloseMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends IscloseMethods {} }
addMethods(methods);

export const functions = { isclose, allclose };
