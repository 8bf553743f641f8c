// Reductions of tensors on the webgpu device run as WGSL kernels where one exists (engine/backend/webgpu/reduce.ts
// and scan.ts); otherwise the callers' CPU kernels run (Note [CPU fallback]).
import { gpuReduce, gpuScan } from '../../backend/webgpu/index.ts';
import type { ReduceOp, ReduceParams } from '../../backend/webgpu/reduce.ts';
import { type DType, int64 } from '../../core/dtype.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';

/**
 * The tensor a device reduction into `dtype` reads: `self` itself, also for int32 and bool inputs to an int64 sum or
 * product (the kernels widen them), else `cast(self)`.
 */
export function deviceInput(self: Tensor, dtype: DType, cast: (t: Tensor, dtype: DType) => Tensor): Tensor {
  const widened = dtype === int64 && (self.dtype.name === 'int32' || self.dtype.name === 'bool');
  return self.dtype === dtype || (widened && self.device.type === 'webgpu') ? self : cast(self, dtype);
}

/** `input` reduced by `op` over `dims` on the GPU into `dtype`, or null when it is not a device tensor or has no kernel. */
export function reducedOnDevice(op: ReduceOp, input: Tensor, dims: readonly number[], shape: readonly number[], dtype: DType, params?: ReduceParams): Tensor | null {
  if (input.device.type !== 'webgpu') return null;
  const out = emptyTensor(shape, dtype, input.device);
  return gpuReduce(op, input, dims, out, params) ? out : null;
}

/** cumsum / cumprod of `input` along `dim` on the GPU into `dtype`, or null (as above). */
export function scannedOnDevice(op: 'cumsum' | 'cumprod', input: Tensor, dim: number, dtype: DType): Tensor | null {
  if (input.device.type !== 'webgpu') return null;
  const out = emptyTensor(input._shape, dtype, input.device);
  return gpuScan(op, input, dim, out) ? out : null;
}

/** max/min values and their indices over `dims` on the GPU, or null (as above). */
export function extremesOnDevice(self: Tensor, dims: readonly number[], shape: readonly number[], smallest: boolean): [Tensor, Tensor] | null {
  if (self.device.type !== 'webgpu') return null;
  const values = emptyTensor(shape, self.dtype, self.device);
  const indices = emptyTensor(shape, int64, self.device);
  return gpuReduce(smallest ? 'min' : 'max', self, dims, values, { indices }) ? [values, indices] : null;
}
