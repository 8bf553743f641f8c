// `torch.arange`: evenly spaced values in [start, end) with PyTorch's size rule and dtype inference.
import { type DType, get_default_dtype, int64, toDType } from '../../core/dtype.ts';
import { toDevice } from '../../core/device.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarKind, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { fma } from '../../random/fma.ts';
import { splitOptions } from '../args.ts';
import { formatDouble } from './format.ts';
import { vectorizedSequence } from './sequence.ts';
import type { TensorOptions } from './tensor.ts';

type Bound = Scalar | Tensor;
interface ArangeOptions extends TensorOptions { start?: Bound; end?: Bound; step?: Bound }

/** A Python number, or a one-element tensor used as one; `float` when it would make arange infer a float dtype. */
function bound(value: Bound, name: string): { value: number; float: boolean } {
  if (value instanceof Tensor) {
    if (value.numel() !== 1) throw new TypeError(`arange(): argument '${name}' must be Number, not Tensor`);
    return { value: Number(value.item()), float: value.dtype.is_floating_point };
  }
  if (!isScalar(value)) throw new TypeError(`arange(): argument '${name}' must be Number, not ${value === null ? 'NoneType' : typeof value}`);
  return { value: scalarValue(value), float: scalarKind(value) === 'float' };
}

/** Scalar::to<int64_t>: truncation, refusing values an int64 cannot hold. */
function toInt64(value: number): number {
  if (!(value >= -(2 ** 63) && value < 2 ** 63)) throw new RuntimeError('value cannot be converted to type int64_t without overflow');
  return Math.trunc(value);
}

/** arange_out's checks and size: integer dtypes work on truncated bounds (int64 even for the size). */
function arangeSize(start: number, end: number, step: number, dtype: DType): { size: number; first: number; delta: number } {
  const integral = !dtype.is_floating_point;
  const [xstart, xend, xstep] = integral ? [toInt64(start), toInt64(end), toInt64(step)] : [start, end, step];
  if (xstep === 0 || Number.isNaN(xstep)) throw new RuntimeError('step must be nonzero');
  if (!Number.isFinite(xstart) || !Number.isFinite(xend)) {
    throw new RuntimeError(`unsupported range: ${formatDouble(xstart)} -> ${formatDouble(xend)}`);
  }
  if (!((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart))) {
    throw new RuntimeError('upper bound and larger bound inconsistent with step sign');
  }
  const size = dtype === int64
    ? Math.trunc((xend - xstart + xstep - Math.sign(xstep)) / xstep)
    : Math.ceil((end - start) / step);
  if (!(size >= 0 && size <= 2 ** 63)) throw new RuntimeError('invalid size, possible overflow?');
  return { size, first: xstart, delta: xstep };
}

/** `torch.arange(5)`, `torch.arange(1, 4)`, `torch.arange(0, 1, 0.25)`: int64 unless a bound is a float. */
export function arange(...args: (Bound | ArangeOptions)[]): Tensor {
  const [positional, options] = splitOptions<ArangeOptions>(args);
  if (positional.length > 3) throw new TypeError(`arange() takes from 1 to 3 positional arguments but ${positional.length} were given`);
  const given = positional as Bound[];
  const [startArg, endArg, stepArg] = given.length >= 2
    ? [given[0]!, given[1]!, given[2] ?? options.step ?? 1]
    : given.length === 1
      ? [options.start ?? 0, given[0]!, options.step ?? 1]
      : [options.start ?? 0, options.end, options.step ?? 1];
  if (endArg === undefined) throw new TypeError('arange() missing required argument \'end\' (pos 1)');
  const bounds = [bound(startArg, 'start'), bound(endArg, 'end'), bound(stepArg, 'step')];
  const [start, end, step] = bounds.map((b) => b.value) as [number, number, number];
  const dtype = options.dtype ? toDType(options.dtype) : bounds.some((b) => b.float) ? get_default_dtype() : int64;
  if (dtype.name === 'bool') throw new RuntimeError('"arange_cpu" not implemented for \'Bool\'');
  const { size, first, delta } = arangeSize(start, end, step, dtype);
  const out = emptyTensor([size], dtype, options.device ? toDevice(options.device) : undefined);
  // start + step * i in the accumulate type (double for floats), fused (Note [Vectorized sequences]).
  const at = (i: number) => fma(delta, i, first);
  out.storage.data.set(vectorizedSequence(size, dtype, at, (i0, k) => fma(k, delta, dtype.cast(at(i0)))));
  if (options.requires_grad) out.requires_grad = true;
  return out;
}

export const functions = { arange };
