// zeros, ones, full, empty and their `_like` twins.
import { bool, type DType, get_default_dtype, int64, toDType } from '../../core/dtype.ts';
import { toDevice } from '../../core/device.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isPyFloat, isScalar, type Scalar, scalarKind, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { splitOptions } from '../args.ts';
import { emptyLike } from '../layout.ts';
import { factorySize } from './size.ts';
import { pythonTypeName } from './tensor-data.ts';
import type { TensorOptions } from './tensor.ts';

const FLOAT32_MAX = 3.4028234663852886e38;

/** Scalar::to<T>: a Python number converted to `dtype`, refusing values the dtype cannot hold. */
export function scalarTo(value: Scalar, dtype: DType): number {
  const number = scalarValue(value);
  if (scalarKind(value) === 'int' && !isPyFloat(value) && (number >= 2 ** 63 || number < -(2 ** 63))) {
    throw new RuntimeError('Overflow when unpacking long');
  }
  const overflow = (name: string) => new RuntimeError(`value cannot be converted to type ${name} without overflow`);
  switch (dtype.name) {
    case 'float32':
      if (Number.isFinite(number) && Math.abs(number) > FLOAT32_MAX) throw overflow('float');
      break;
    case 'int32':
      if (!(number >= -(2 ** 31) && number <= 2 ** 31 - 1)) throw overflow('int');
      break;
    case 'int64':
      if (!(number >= -(2 ** 63) && number < 2 ** 63)) throw overflow('int64_t');
      break;
    default:
      break;
  }
  return dtype.cast(number);
}

function filled(size: readonly number[], value: number, options: TensorOptions, inferred?: DType): Tensor {
  const dtype = options.dtype ? toDType(options.dtype) : inferred ?? get_default_dtype();
  const out = emptyTensor(size, dtype, options.device ? toDevice(options.device) : undefined);
  if (!Object.is(value, 0)) out.storage.data.fill(dtype.cast(value));
  if (options.requires_grad) out._factoryRequiresGrad();
  return out;
}

type SizeAndOptions = (number | readonly number[] | TensorOptions & { size?: readonly number[] })[];

function sizeAndOptions(fn: string, args: SizeAndOptions): [number[], TensorOptions] {
  const [size, options] = splitOptions<TensorOptions & { size?: readonly number[] }>(args);
  return [factorySize(fn, size.length === 0 && options.size ? [options.size] : size), options];
}

/** `torch.zeros(2, 3)`, `torch.zeros([2, 3], { dtype: torch.int64 })`. */
export function zeros(...args: SizeAndOptions): Tensor {
  const [size, options] = sizeAndOptions('zeros', args);
  return filled(size, 0, options);
}
/** `torch.ones(2, 3)`. */
export function ones(...args: SizeAndOptions): Tensor {
  const [size, options] = sizeAndOptions('ones', args);
  return filled(size, 1, options);
}
/** `torch.empty(2, 3)`: PyTorch leaves the memory uninitialised; here it is zeroed. */
export function empty(...args: SizeAndOptions): Tensor {
  const [size, options] = sizeAndOptions('empty', args);
  return filled(size, 0, options);
}

export function checkFillValue(fn: string, fill_value: unknown, position: number): asserts fill_value is Scalar {
  if (!isScalar(fill_value)) {
    throw new TypeError(`${fn}(): argument 'fill_value' (position ${position}) must be Number, not ${pythonTypeName(fill_value)}`);
  }
}

/** `torch.full([2, 3], 7)`: the dtype follows the fill value (int64 for ints, float for floats, bool for bools). */
export function full(size: readonly number[], fill_value: Scalar, options: TensorOptions = {}): Tensor {
  if (!Array.isArray(size)) throw new TypeError(`full(): argument 'size' (position 1) must be tuple of SymInts, not ${pythonTypeName(size)}`);
  const shape = factorySize('full', [size]);
  checkFillValue('full', fill_value, 2);
  const kind = scalarKind(fill_value);
  const dtype = options.dtype ? toDType(options.dtype) : kind === 'bool' ? bool : kind === 'int' ? int64 : get_default_dtype();
  return filled(shape, scalarTo(fill_value, dtype), { ...options, dtype });
}

/** A tensor shaped and laid out like `input` (empty_like keeps a dense input's strides), filled with `value`. */
function filledLike(input: Tensor, value: number, options: TensorOptions): Tensor {
  const dtype = options.dtype ? toDType(options.dtype) : input.dtype;
  const out = emptyLike(input, dtype, options.device ? toDevice(options.device) : input.device);
  if (!Object.is(value, 0)) out.storage.data.fill(dtype.cast(value));
  if (options.requires_grad) out._factoryRequiresGrad();
  return out;
}

/** `torch.zeros_like(x)`. */
export function zeros_like(input: Tensor, options: TensorOptions = {}): Tensor { return filledLike(input, 0, options); }
/** `torch.ones_like(x)`. */
export function ones_like(input: Tensor, options: TensorOptions = {}): Tensor { return filledLike(input, 1, options); }
/** `torch.empty_like(x)`: zeroed here, uninitialised in PyTorch. */
export function empty_like(input: Tensor, options: TensorOptions = {}): Tensor { return filledLike(input, 0, options); }
/** `torch.full_like(x, 7)`: x's shape, layout and dtype (the fill value is converted to it). */
export function full_like(input: Tensor, fill_value: Scalar, options: TensorOptions = {}): Tensor {
  checkFillValue('full_like', fill_value, 2);
  return filledLike(input, scalarTo(fill_value, options.dtype ? toDType(options.dtype) : input.dtype), options);
}

export const functions = { zeros, ones, empty, full, zeros_like, ones_like, empty_like, full_like };
