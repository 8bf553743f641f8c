// Shared plumbing of the matrix products: dtype checks with PyTorch's messages, running the reference kernel over
// 3-D strided views, and the mm backward formulas that addmm reuses.
import type { StridedView } from '../../backend/cpu/kernels.ts';
import { batchedMatmul, mapBinary } from '../../backend/cpu/kernels.ts';
import { gpuMatmul, type MatrixStack } from '../../backend/webgpu/index.ts';
import { wasmBinary, wasmMatmul } from '../../backend/wasm/index.ts';
import type { DType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { kernelDType, storeFor, viewOf } from '../dispatch.ts';

/** The BLAS-backed kernels refuse the types they lack: `"addmm_impl_cpu_" not implemented for 'Bool'`. */
export function checkKernelDType(kernel: string, dtype: DType): void {
  if (dtype.name === 'bool') throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
}

/** Products never promote: `expected scalar type Float but found Double`. */
export function checkSameDType(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw new RuntimeError(`expected scalar type ${a.dtype.scalarName} but found ${b.dtype.scalarName}`);
  }
}

/** A tensor's memory read as a [batch, rows, cols] matrix stack with the given strides. */
export function matrices(t: Tensor, shape: readonly [number, number, number], strides: readonly [number, number, number]): StridedView & MatrixStack {
  // Values are read on first use: a product on the webgpu device never brings them to the host.
  return { get data() { return t.storage.data; }, shape, strides, offset: t._offset, tensor: t };
}

/** Allocates a contiguous result of `outShape` (batch * rows * cols values) like `input`, and multiplies into it. */
export function multiply(outShape: readonly number[], input: Tensor, a: StridedView & MatrixStack, b: StridedView & MatrixStack): Tensor {
  const out = emptyTensor(outShape, input.dtype, input.device);
  if (out.device.type === 'webgpu' && gpuMatmul(a, b, out)) return out;
  const name = input.dtype.name;
  const fast = (name === 'float32' || name === 'float64') && wasmMatmul(name, out.storage.data, a, b);
  if (!fast) batchedMatmul(out.storage.data, a, b);
  return out;
}

/** PyTorch's maybe_multiply: scaling by 1 leaves the gradient's graph untouched. */
export function maybeMultiply(t: Tensor, s: Scalar): Tensor {
  return scalarValue(s) === 1 ? t : t.mul(s);
}

/** A Python scalar for `beta`/`alpha`, rejected otherwise with PyTorch's TypeError. */
export function scalarArgument(op: string, name: string, value: unknown): Scalar {
  if (value === undefined) return 1;
  if (!isScalar(value)) throw new TypeError(`${op}(): argument '${name}' must be Number, not ${value instanceof Tensor ? 'Tensor' : typeof value}`);
  return value;
}

/** mm_mat1_backward: a column-major `mat1` gets its gradient computed column-major too. */
export function mmMat1Backward(grad: Tensor, mat2: Tensor, shape: readonly number[], strides: readonly number[], alpha: Scalar): Tensor {
  if (strides[0] === 1 && strides[1] === shape[0]) return maybeMultiply(mat2.mm(grad.t()).t(), alpha);
  return maybeMultiply(grad.mm(mat2.t()), alpha);
}

/** mm_mat2_backward, the same rule for `mat2`. */
export function mmMat2Backward(grad: Tensor, mat1: Tensor, shape: readonly number[], strides: readonly number[], alpha: Scalar): Tensor {
  if (strides[0] === 1 && strides[1] === shape[0]) return maybeMultiply(grad.t().mm(mat1).t(), alpha);
  return maybeMultiply(mat1.t().mm(grad), alpha);
}

/** `beta * self + alpha * product`, `self` read broadcast to the product's shape; beta = 0 ignores `self` (NaN too). */
export function addScaled(product: Tensor, self: Tensor, beta: Scalar, alpha: Scalar): Tensor {
  const dtype = product.dtype;
  const b = dtype.cast(scalarValue(beta));
  const a = dtype.cast(scalarValue(alpha));
  const out = emptyTensor(product._shape, dtype, product.device);
  // beta = alpha = 1 (F.linear's bias) is a plain add: the fast kernels round p + s once, as the loop below does.
  const fastDType = kernelDType(dtype);
  if (a === 1 && b === 1 && fastDType && self.dtype === dtype && out.device.type === 'cpu' && self.device.type === 'cpu' &&
    wasmBinary('add', fastDType, out.storage.data, viewOf(product), viewOf(self, product._shape))) return out;
  const fn = b === 0 ? (p: number) => a * p : (p: number, s: number) => a * p + b * s;
  mapBinary(out.storage.data, viewOf(product), viewOf(self, product._shape), fn, storeFor(dtype));
  return out;
}

const cppTypeNames: Record<string, string> = { bool: 'bool', int32: 'int', int64: 'long int', float32: 'float', float64: 'double' };

/** The checks of PyTorch's in-place products (`addmm_`, `baddbmm_`): the result must fit `self` exactly. */
export function checkInPlaceResult(self: Tensor, result: Tensor): void {
  if (self._shape.length !== result._shape.length || self._shape.some((d, i) => d !== result._shape[i])) {
    throw new RuntimeError(`Bad in-place call: input tensor size [${self._shape.join(', ')}] and output tensor size [${result._shape.join(', ')}] should match`);
  }
  if (self.dtype !== result.dtype) {
    throw new RuntimeError(`Bad in-place call: input tensor dtype ${cppTypeNames[self.dtype.name]} and output tensor dtype ${cppTypeNames[result.dtype.name]} should match`);
  }
}
