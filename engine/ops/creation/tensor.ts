// torch.tensor and friends: tensors from nested arrays, typed arrays and scalars, with PyTorch's dtype inference.
import { record } from '../../autograd/record.ts';
import { bool, type DType, float32, float64, int32, int64, toDType } from '../../core/dtype.ts';
import { type Device, toDevice } from '../../core/device.ts';
import { checkSize } from '../../core/shape.ts';
import { Size } from '../../core/size.ts';
import { Storage } from '../../core/storage.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { castTensor } from '../dispatch.ts';
import { deviceTransfer } from '../pointwise/to.ts';
import { computeSizes, inferDType, type NestedData, pythonTypeName, storeValues, typedArrayDType, type TypedSequence } from './tensor-data.ts';

export interface TensorOptions {
  dtype?: DType | string | null;
  device?: Device | string | null;
  requires_grad?: boolean;
}

export type { NestedData };
export type TensorData = NestedData | TypedSequence;

/** Builds a new tensor from data (no autograd history; `requires_grad` makes it a leaf). */
export function fromData(data: TensorData, options: TensorOptions = {}): Tensor {
  const device = options.device ? toDevice(options.device) : undefined;
  let out: Tensor;
  if (data instanceof Tensor) {
    out = castTensor(data, options.dtype ? toDType(options.dtype) : data.dtype);
    if (device && device.type !== out.device.type) deviceTransfer.move(out, device);
  } else {
    // An explicit dtype skips inference: values are converted straight to it (PyTorch's type_inference=false).
    const dtype = options.dtype ? toDType(options.dtype) : inferDType(data);
    const sizes = computeSizes(data);
    out = emptyTensor(sizes, dtype, device);
    storeValues(data, sizes, dtype, out.storage.data);
  }
  if (options.requires_grad) out._factoryRequiresGrad();
  return out;
}

/** `torch.tensor([[1, 2], [3, 4]])`: a new tensor that copies `data`, inferring dtype as PyTorch does. */
export function tensor(data: TensorData, options: TensorOptions = {}): Tensor {
  return fromData(data, options);
}

/**
 * `torch.as_tensor(data)`: shares memory with a tensor, or with a Float32Array / Float64Array / Int32Array, when
 * no other dtype is asked for (like NumPy arrays in PyTorch); copies otherwise. Differentiable when only the dtype
 * of a tensor changes.
 */
export function as_tensor(data: TensorData, options: Omit<TensorOptions, 'requires_grad'> = {}): Tensor {
  const dtype = options.dtype ? toDType(options.dtype) : null;
  if (data instanceof Tensor) {
    if (dtype === null || dtype === data.dtype) return data;
    const out = castTensor(data, dtype);
    record('ToCopyBackward0', [data], out, {}, ([grad]) => [grad!.to(data.dtype)]);
    return out;
  }
  if (ArrayBuffer.isView(data) && !(data instanceof BigInt64Array)) {
    const own = typedArrayDType(data);
    if (own !== null && (dtype === null || dtype === own)) {
      const storage = new Storage(data as Float32Array | Float64Array | Int32Array, own, options.device ? toDevice(options.device) : undefined);
      return Tensor.contiguous(storage, [data.length]);
    }
  }
  return fromData(data, options);
}

/** The names PyTorch's TensorOptions print for dtypes (caffe2 TypeMeta names). */
const typeMetaName: Record<string, string> = { bool: 'bool', int32: 'int', int64: 'long int', float32: 'float', float64: 'double' };
function optionsText(dtype: DType): string {
  return `TensorOptions(dtype=${typeMetaName[dtype.name]}, device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))`;
}

/**
 * The legacy constructors: `torch.FloatTensor(2, 3)` is a size (PyTorch leaves the memory uninitialised; here it is
 * zeroed), `torch.FloatTensor([2, 3])` is data, `torch.FloatTensor(t)` is t itself when t has that dtype.
 */
function legacy(dtype: DType) {
  return (...args: (TensorData | Size)[]): Tensor => {
    const first = args[0];
    if (args.length === 0) return emptyTensor([0], dtype);
    if (first instanceof Tensor && args.length === 1) {
      if (first.dtype !== dtype) throw new TypeError(`expected ${optionsText(dtype)} (got ${optionsText(first.dtype)})`);
      return first;
    }
    if (args.length === 1 && first instanceof Size) return emptyTensor(checkSize(first), dtype);
    if (args.length === 1 && (Array.isArray(first) || ArrayBuffer.isView(first))) return fromData(first as TensorData, { dtype });
    args.forEach((a, i) => {
      if (typeof a === 'number' && Number.isInteger(a)) return;
      if (args.length === 1) throw new TypeError(`new(): data must be a sequence (got ${pythonTypeName(a)})`);
      if (typeof a === 'number' || typeof a === 'boolean' || a instanceof Number) {
        throw new TypeError(`new(): argument 'size' must be tuple of ints, but found element of type ${pythonTypeName(a)} at pos ${i + 1}`);
      }
      throw new TypeError(`new() received an invalid combination of arguments - got (${args.map(pythonTypeName).join(', ')})`);
    });
    return emptyTensor(checkSize(args as number[]), dtype);
  };
}

export const FloatTensor = legacy(float32);
export const DoubleTensor = legacy(float64);
export const LongTensor = legacy(int64);
export const IntTensor = legacy(int32);
export const BoolTensor = legacy(bool);

export const functions = { tensor, as_tensor, FloatTensor, DoubleTensor, LongTensor, IntTensor, BoolTensor };
