// zeros, ones, full, empty and their `_like` twins.
import { type DType, get_default_dtype, toDType } from '../../core/dtype.ts';
import { toDevice } from '../../core/device.ts';
import { isScalar, type Scalar, scalarKind, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { parseSize, splitOptions } from '../args.ts';
import type { TensorOptions } from './tensor.ts';

function filled(size: readonly number[], value: number, options: TensorOptions, inferred?: DType): Tensor {
  const dtype = options.dtype ? toDType(options.dtype) : inferred ?? get_default_dtype();
  const out = emptyTensor(size, dtype, options.device ? toDevice(options.device) : undefined);
  if (value !== 0) out.storage.data.fill(dtype.cast(value));
  if (options.requires_grad) out.requires_grad = true;
  return out;
}

type SizeAndOptions = (number | readonly number[] | TensorOptions)[];

/** `torch.zeros(2, 3)`, `torch.zeros([2, 3], { dtype: torch.int64 })`. */
export function zeros(...args: SizeAndOptions): Tensor {
  const [size, options] = splitOptions<TensorOptions>(args);
  return filled(parseSize(size), 0, options);
}
/** `torch.ones(2, 3)`. */
export function ones(...args: SizeAndOptions): Tensor {
  const [size, options] = splitOptions<TensorOptions>(args);
  return filled(parseSize(size), 1, options);
}
/** `torch.empty(2, 3)`: PyTorch leaves the memory uninitialised; here it is zeroed. */
export function empty(...args: SizeAndOptions): Tensor {
  const [size, options] = splitOptions<TensorOptions>(args);
  return filled(parseSize(size), 0, options);
}
/** `torch.full([2, 3], 7)`: the dtype follows the fill value (int64 for ints, float for floats, bool for bools). */
export function full(size: readonly number[], fill_value: Scalar, options: TensorOptions = {}): Tensor {
  if (!isScalar(fill_value)) throw new TypeError('full(): argument \'fill_value\' must be Number');
  const kind = scalarKind(fill_value);
  const inferred = kind === 'bool' ? toDType('bool') : kind === 'int' ? toDType('int64') : get_default_dtype();
  return filled(parseSize([size]), scalarValue(fill_value), options, inferred);
}

function likeOptions(input: Tensor, options: TensorOptions): TensorOptions {
  return { dtype: options.dtype ?? input.dtype, device: options.device ?? input.device, requires_grad: options.requires_grad ?? false };
}
/** `torch.zeros_like(x)`. */
export function zeros_like(input: Tensor, options: TensorOptions = {}): Tensor { return filled(input._shape, 0, likeOptions(input, options)); }
/** `torch.ones_like(x)`. */
export function ones_like(input: Tensor, options: TensorOptions = {}): Tensor { return filled(input._shape, 1, likeOptions(input, options)); }
/** `torch.empty_like(x)`. */
export function empty_like(input: Tensor, options: TensorOptions = {}): Tensor { return filled(input._shape, 0, likeOptions(input, options)); }
/** `torch.full_like(x, 7)`. */
export function full_like(input: Tensor, fill_value: Scalar, options: TensorOptions = {}): Tensor {
  return filled(input._shape, scalarValue(fill_value), likeOptions(input, options));
}

export const functions = { zeros, ones, empty, full, zeros_like, ones_like, empty_like, full_like };
