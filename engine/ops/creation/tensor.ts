// torch.tensor and friends: tensors from nested arrays, typed arrays and scalars, with PyTorch's dtype inference.
import { record } from '../../autograd/record.ts';
import { bool, type DType, float32, float64, get_default_dtype, int32, int64, toDType } from '../../core/dtype.ts';
import { type Device, toDevice } from '../../core/device.ts';
import { ValueError } from '../../core/errors.ts';
import { isPyFloat, isScalar, scalarKind, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';

export interface TensorOptions {
  dtype?: DType | string | null;
  device?: Device | string | null;
  requires_grad?: boolean;
}

export type NestedData = number | boolean | Number | Tensor | readonly NestedData[];
export type TensorData = NestedData | Float32Array | Float64Array | Int32Array | BigInt64Array;

function typedArrayDType(data: ArrayBufferView): DType | null {
  if (data instanceof Float32Array) return float32;
  if (data instanceof Float64Array) return float64;
  if (data instanceof Int32Array) return int32;
  if (data instanceof BigInt64Array) return int64;
  return null;
}

/** Walks nested arrays once: their shape, their values in row-major order, and the dtype PyTorch would infer. */
function flatten(data: NestedData): { shape: number[]; values: number[]; inferred: DType } {
  const shape: number[] = [];
  for (let d: NestedData = data; Array.isArray(d); d = (d as readonly NestedData[])[0]!) {
    shape.push(d.length);
    if (d.length === 0) break;
  }
  const values: number[] = [];
  let sawFloat = false;
  let sawNonBool = false;
  const visit = (item: NestedData, dim: number): void => {
    if (Array.isArray(item)) {
      if (dim >= shape.length) throw new ValueError(`expected sequence of length ${shape[dim] ?? 0} at dim ${dim} (got ${item.length})`);
      if (item.length !== shape[dim]) throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${item.length})`);
      for (const child of item) visit(child, dim + 1);
      return;
    }
    if (dim !== shape.length) throw new TypeError(`new(): invalid data type '${typeof item}'`);
    if (item instanceof Tensor) {
      if (item.numel() !== 1) throw new ValueError('only one element tensors can be converted to Python scalars');
      if (item.dtype.is_floating_point) sawFloat = true;
      if (item.dtype !== bool) sawNonBool = true;
      values.push(Number(item.item()));
      return;
    }
    if (!isScalar(item)) throw new TypeError(`new(): invalid data type '${item === null ? 'NoneType' : typeof item}'`);
    const kind = scalarKind(item);
    if (kind === 'float') sawFloat = true;
    if (kind !== 'bool') sawNonBool = true;
    values.push(scalarValue(item));
  };
  visit(data, 0);
  const inferred = sawFloat ? get_default_dtype() : sawNonBool || values.length === 0 ? (values.length === 0 ? get_default_dtype() : int64) : bool;
  return { shape, values, inferred };
}

/** Builds a new tensor from data (no autograd history; `requires_grad` makes it a leaf). */
export function fromData(data: TensorData, options: TensorOptions = {}): Tensor {
  let shape: number[];
  let values: ArrayLike<number>;
  let inferred: DType;
  if (ArrayBuffer.isView(data)) {
    const typed = typedArrayDType(data);
    if (!typed) throw new TypeError(`can't convert ${data.constructor.name}: only Float32Array, Float64Array, Int32Array and BigInt64Array are supported`);
    shape = [(data as unknown as ArrayLike<unknown>).length];
    values = data instanceof BigInt64Array ? Array.from(data, Number) : (data as Float32Array);
    inferred = typed;
  } else if (data instanceof Tensor) {
    shape = [...data._shape];
    values = data._values();
    inferred = data.dtype;
  } else {
    ({ shape, values, inferred } = flatten(data as NestedData));
    if (isPyFloat(data)) inferred = get_default_dtype();
  }
  const dtype = options.dtype ? toDType(options.dtype) : inferred;
  const out = emptyTensor(shape, dtype, options.device ? toDevice(options.device) : undefined);
  const target = out.storage.data;
  for (let i = 0; i < values.length; i++) target[i] = dtype.cast(values[i]!);
  if (options.requires_grad) out.requires_grad = true;
  return out;
}

/** `torch.tensor([[1, 2], [3, 4]])`: a new tensor that copies `data`, inferring dtype as PyTorch does. */
export function tensor(data: TensorData, options: TensorOptions = {}): Tensor {
  return fromData(data, options);
}

/**
 * `torch.as_tensor(data)`: shares memory with a tensor or typed array of the requested dtype instead of copying.
 * A differentiable conversion when only the dtype changes.
 */
export function as_tensor(data: TensorData, options: Omit<TensorOptions, 'requires_grad'> = {}): Tensor {
  const dtype = options.dtype ? toDType(options.dtype) : null;
  if (data instanceof Tensor) {
    if (dtype === null || dtype === data.dtype) return data;
    const out = fromData(data.detach(), { dtype });
    record('ToCopyBackward0', [data], out, {}, ([grad]) => [grad!]);
    return out;
  }
  return fromData(data, options);
}

function legacy(dtype: DType) {
  return (data: TensorData | number = [], ...rest: number[]): Tensor => {
    // FloatTensor(2, 3) is a size; FloatTensor([2, 3]) is data.
    if (typeof data === 'number') return fromData(new Array(data * rest.reduce((a, b) => a * b, 1)).fill(0), { dtype }).reshape([data, ...rest]);
    return fromData(data, { dtype });
  };
}

export const FloatTensor = legacy(float32);
export const DoubleTensor = legacy(float64);
export const LongTensor = legacy(int64);
export const IntTensor = legacy(int32);
export const BoolTensor = legacy(bool);

export const functions = { tensor, as_tensor, FloatTensor, DoubleTensor, LongTensor, IntTensor, BoolTensor };
