// `torch.arange`: evenly spaced values in [start, end) with PyTorch's size rule and dtype inference.
import { type DType, get_default_dtype, int64, toDType } from '../../core/dtype.ts';
import { toDevice } from '../../core/device.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarKind, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { fma } from '../../random/fma.ts';
import { splitOptions } from '../args.ts';
import { pythonTypeName } from './tensor-data.ts';
import { formatDouble } from './format.ts';
import { vectorizedSequence } from './sequence.ts';
import type { TensorOptions } from './tensor.ts';

type Bound = Scalar | Tensor;
interface ArangeOptions extends TensorOptions { start?: Bound; end?: Bound; step?: Bound }

const SIGNATURES = [
  '(Number end, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  '(Number start, Number end, *, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  '(Number start, Number end, Number step, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
];

function isNumber(value: unknown): value is Bound {
  return isScalar(value) || (value instanceof Tensor && value.numel() === 1);
}

/** Python's argument parser: a named error when one overload takes this many arguments, else all overloads. */
function checkArguments(args: readonly unknown[]): void {
  const bad = args.findIndex((a) => !isNumber(a));
  if (bad < 0 && args.length <= 3) return;
  if (args.length === 1) throw new TypeError(`arange(): argument 'end' (position 1) must be Number, not ${pythonTypeName(args[0])}`);
  throw new TypeError(`arange() received an invalid combination of arguments - got (${args.map(pythonTypeName).join(', ')}), but expected one of:\n${SIGNATURES.map((s) => ` * ${s}\n`).join('')}`);
}

/** A bound's value, and whether it is a float (which makes arange infer a floating dtype). */
function bound(value: Bound): { value: number; float: boolean } {
  if (value instanceof Tensor) return { value: Number(value.item()), float: value.dtype.is_floating_point };
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
  checkArguments(positional);
  const given = positional as Bound[];
  const [startArg, endArg, stepArg] = given.length >= 2
    ? [given[0]!, given[1]!, given[2] ?? options.step ?? 1]
    : given.length === 1
      ? [options.start ?? 0, given[0]!, options.step ?? 1]
      : [options.start ?? 0, options.end, options.step ?? 1];
  if (endArg === undefined) throw new TypeError('arange() missing required argument \'end\' (pos 1)');
  const bounds = [startArg, endArg, stepArg].map(bound);
  const [start, end, step] = bounds.map((b) => b.value) as [number, number, number];
  const dtype = options.dtype ? toDType(options.dtype) : bounds.some((b) => b.float) ? get_default_dtype() : int64;
  if (dtype.name === 'bool') throw new RuntimeError('"arange_cpu" not implemented for \'Bool\'');
  const { size, first, delta } = arangeSize(start, end, step, dtype);
  const out = emptyTensor([size], dtype, options.device ? toDevice(options.device) : undefined);
  // start + step * i in the accumulate type (double for floats), fused (Note [Vectorized sequences]).
  const at = (i: number) => fma(delta, i, first);
  out.storage.data.set(vectorizedSequence(size, dtype, at, (i0, k) => fma(k, delta, dtype.cast(at(i0)))));
  if (options.requires_grad) out._factoryRequiresGrad();
  return out;
}

export const functions = { arange };
