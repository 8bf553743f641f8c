// Reductions of tensors on the webgpu device run as WGSL kernels where one exists (engine/backend/webgpu/reduce.ts);
// otherwise the callers' CPU kernels run (Note [CPU fallback]).
import { gpuReduce } from '../../backend/webgpu/index.ts';
import { type DType, int64 } from '../../core/dtype.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';

/** `input` summed or averaged over `dims` on the GPU, or null when it is not a device tensor or has no kernel. */
export function reducedOnDevice(op: 'sum' | 'mean', input: Tensor, dims: readonly number[], shape: readonly number[], dtype: DType): Tensor | null {
  if (input.device.type !== 'webgpu' || input.dtype !== dtype) return null;
  const out = emptyTensor(shape, dtype, input.device);
  return gpuReduce(op, input, dims, out) ? out : null;
}

/** max/min values and their indices over `dims` on the GPU, or null (as above). */
export function extremesOnDevice(self: Tensor, dims: readonly number[], shape: readonly number[], smallest: boolean): [Tensor, Tensor] | null {
  if (self.device.type !== 'webgpu') return null;
  const values = emptyTensor(shape, self.dtype, self.device);
  const indices = emptyTensor(shape, int64, self.device);
  const [value, index] = smallest ? ['min', 'argmin'] as const : ['max', 'argmax'] as const;
  return gpuReduce(value, self, dims, values) && gpuReduce(index, self, dims, indices) ? [values, indices] : null;
}
