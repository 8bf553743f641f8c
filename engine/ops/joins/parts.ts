// Copies between parts of tensors for the join ops: on the device one copy kernel per part (strided views read
// directly; a negative stride reads from the far end, its u32 arithmetic wrapping as two's complement), else the CPU.
import { copyStrided } from '../../backend/cpu/kernels.ts';
import { gpuCopy } from '../../backend/webgpu/index.ts';
import { Tensor } from '../../core/tensor.ts';
import { storeFor, viewOf } from '../dispatch.ts';

/** Elements of `tensor`'s storage at `offset` through `strides` over `shape`. */
export interface Part { tensor: Tensor; shape: readonly number[]; strides: readonly number[]; offset: number }

/** All of `t` as a part. */
export const whole = (t: Tensor): Part => ({ tensor: t, shape: t._shape, strides: t._stride, offset: t._offset });

/** `t` seen through other geometry (same storage). */
export const partOf = (t: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Part => ({ tensor: t, shape, strides, offset });

/** Copies `source` into `target` (same shapes), casting to the target's dtype. */
export function copyPart(target: Part, source: Part): void {
  const dst = new Tensor(target.tensor.storage, [...target.shape], [...target.strides], target.offset);
  const src = new Tensor(source.tensor.storage, [...source.shape], [...source.strides], source.offset);
  if (dst.storage.device.type === 'webgpu' && gpuCopy({ tensor: src, strides: src._stride }, dst)) return;
  copyStrided(viewOf(dst), viewOf(src), storeFor(dst.dtype));
}
