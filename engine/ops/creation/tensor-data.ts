// Python data to tensor values, as torch/csrc/utils/tensor_new.cpp does it: infer the dtype over the whole nested
// list first (infer_scalar_type), take the sizes from the first element of each level (compute_sizes), then store
// every leaf converted to the target dtype (recursive_store / store_scalar), with PyTorch's errors for ragged or
// unconvertible data.
import { bool, type DType, float32, float64, get_default_dtype, int32, int64, promoteTypes } from '../../core/dtype.ts';
import { RuntimeError, ValueError } from '../../core/errors.ts';
import { isPyFloat, scalarKind } from '../../core/scalar.ts';
import { Tensor } from '../../core/tensor.ts';

export type NestedData = number | boolean | Number | Tensor | readonly NestedData[] | TypedSequence;
export type TypedSequence = Float32Array | Float64Array | Int32Array | BigInt64Array;

const TWO_POW_63 = 2 ** 63;

export function typedArrayDType(data: ArrayBufferView): DType | null {
  if (data instanceof Float32Array) return float32;
  if (data instanceof Float64Array) return float64;
  if (data instanceof Int32Array) return int32;
  if (data instanceof BigInt64Array) return int64;
  return null;
}

function isSequence(value: unknown): value is readonly unknown[] | TypedSequence {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && typedArrayDType(value) !== null);
}

/** Python's type name for a JavaScript value, as messages print it. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' || value instanceof Number) return isPyFloat(value) || !Number.isInteger(value) ? 'float' : 'int';
  if (value instanceof Tensor) return 'Tensor';
  return 'dict';
}

/** infer_scalar_type: Python ints are int64, floats the default dtype, tensors their dtype; lists promote. */
export function inferDType(data: unknown): DType {
  if (typeof data === 'string') throw new TypeError("new(): invalid data type 'str'");
  if (data instanceof Tensor) return data.dtype;
  if (typeof data === 'boolean') return bool;
  if (typeof data === 'number' || data instanceof Number) return scalarKind(data as number) === 'float' ? get_default_dtype() : int64;
  if (ArrayBuffer.isView(data) && typedArrayDType(data)) return typedArrayDType(data)!;
  if (Array.isArray(data)) {
    if (data.length === 0) return get_default_dtype();
    let dtype: DType | null = null;
    for (const item of data) {
      const itemType = inferDType(item);
      dtype = dtype === null ? itemType : promoteTypes(dtype, itemType);
    }
    return dtype!;
  }
  throw new RuntimeError(`Could not infer dtype of ${pythonTypeName(data)}`);
}

/** compute_sizes: the length of each level, following first elements (a tensor inside a list is a leaf). */
export function computeSizes(data: unknown): number[] {
  const sizes: number[] = [];
  let level = data;
  while (isSequence(level)) {
    sizes.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return sizes;
}

function outOfRange(dtype: DType): RuntimeError {
  return new RuntimeError(`value cannot be converted to type ${dtype.name} without overflow`);
}

/** An integer from a Python int or bool (THPUtils_unpackLong), range-checked for int32. */
function unpackInteger(value: unknown, dtype: DType): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Tensor) {
    if (value.numel() !== 1 || value.dtype.is_floating_point) {
      throw new TypeError('only integer tensors of a single element can be converted to an index');
    }
    return Number(value.item());
  }
  if (typeof value !== 'number' && !(value instanceof Number)) {
    throw new TypeError(`'${pythonTypeName(value)}' object cannot be interpreted as an integer`);
  }
  const number = Number(value);
  if (!isPyFloat(value) && Number.isInteger(number)) {
    if (number >= TWO_POW_63 || number < -TWO_POW_63) throw new RuntimeError('Overflow when unpacking long');
    if (dtype === int32 && (number >= 2 ** 31 || number < -(2 ** 31))) throw outOfRange(int32);
    return number;
  }
  // A Python float goes through c10::checked_convert, which rejects values beyond the dtype's range.
  const [low, high] = dtype === int32 ? [-(2 ** 31), 2 ** 31 - 1] : [-TWO_POW_63, TWO_POW_63];
  if (!(number >= low && number <= high)) throw outOfRange(dtype);
  return dtype.cast(number);
}

/** A double from a number, bool or one-element tensor (THPUtils_unpackDouble). */
function unpackDouble(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || value instanceof Number) return Number(value);
  if (value instanceof Tensor) {
    if (value.numel() !== 1) throw new ValueError('only one element tensors can be converted to Python scalars');
    return Number(value.item());
  }
  throw new TypeError(`must be real number, not ${pythonTypeName(value)}`);
}

/** store_scalar: one leaf converted to `dtype`. */
function storeScalar(value: unknown, dtype: DType): number {
  switch (dtype.name) {
    case 'float32': return Math.fround(unpackDouble(value));
    case 'float64': return unpackDouble(value);
    case 'bool':
      if (typeof value === 'number' || value instanceof Number) return Number(value) !== 0 ? 1 : 0;
      return unpackInteger(value, dtype) !== 0 ? 1 : 0;
    default: return unpackInteger(value, dtype);
  }
}

/** recursive_store: the leaves in row-major order, checking every level against `sizes`. */
export function storeValues(data: unknown, sizes: readonly number[], dtype: DType, out: { [i: number]: number }): void {
  let index = 0;
  const visit = (item: unknown, dim: number): void => {
    if (dim === sizes.length) {
      out[index++] = storeScalar(item, dtype);
      return;
    }
    if (!isSequence(item)) throw new TypeError('not a sequence');
    if (item.length !== sizes[dim]) {
      throw new ValueError(`expected sequence of length ${sizes[dim]} at dim ${dim} (got ${item.length})`);
    }
    if (dim + 1 === sizes.length && ArrayBuffer.isView(item)) {
      const typed = item as ArrayLike<number | bigint>;
      for (let i = 0; i < typed.length; i++) out[index++] = dtype.cast(Number(typed[i]));
      return;
    }
    for (const child of item as readonly unknown[]) visit(child, dim + 1);
  };
  visit(data, 0);
}
