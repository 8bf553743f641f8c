// The WebGPU backend's entry points for the dispatcher and `.to()`. Note [CPU fallback]: an op without a usable
// WGSL kernel (no expression for its dtypes, a 64-bit dtype, a kernel the compiler rejects) runs on the CPU: its
// device operands are read back through `Storage.data` (Note [Device-resident storage]) and its device output is
// uploaded before a kernel next reads it. Such fallbacks are counted per op in `gpuDevice().fallbacks`.
import { cpu, Device } from '../../core/device.ts';
import { RuntimeError } from '../../core/errors.ts';
import { Storage } from '../../core/storage.ts';
import type { Tensor } from '../../core/tensor.ts';
import { gpuDevice, requireGpu, residencyOf } from './device.ts';
import { type ElementwiseKernel, type Operand, runCopy, runElementwise } from './elementwise.ts';
import { type MatrixStack, runMatmul } from './matmul.ts';
import { type ReduceOp, type ReduceParams, runReduce, runSoftmax } from './reduce.ts';
import { runScan, type ScanOp } from './scan.ts';

export { gpuDevice, setGpuHost, startedGpuDevice, unavailableReason } from './device.ts';
export { gpuMove, gpuScatter, gpuSelect, type MoveSide, type SelectOperand } from './gather.ts';
export type { GpuHost, DeviceThread, DeviceCommand, DeviceStats } from './protocol.ts';
export type { MatrixStack } from './matmul.ts';

const onGpu = (t: Tensor): boolean => t.storage.device.type === 'webgpu';

/** Runs an elementwise op into the device tensor `out`; false (and counted) when the CPU must do it. */
export function gpuElementwise(kernel: ElementwiseKernel, inputs: readonly Operand[], out: Tensor): boolean {
  const device = requireGpu();
  // A one-element operand whose value the host knows (a Python scalar) travels in the uniforms, not as a buffer.
  const operands = inputs.map((o) => {
    const scalar = o.tensor.numel() === 1 ? knownValue(o.tensor) : null;
    return scalar === null ? { ...o, tensor: onDevice(o.tensor) } : { ...o, scalar };
  });
  const ran = runElementwise(device, kernel, operands, out);
  if (!ran) device.countFallback(kernel.name);
  return ran;
}

/** Copies `source` (read through `strides` at `dst`'s shape) into the device tensor `dst`, casting; false when the CPU must. */
export function gpuCopy(source: Operand, dst: Tensor): boolean {
  const device = requireGpu();
  const ran = runCopy(device, { ...source, tensor: onDevice(source.tensor) }, dst);
  if (!ran) device.countFallback(`copy ${source.tensor.dtype.name}->${dst.dtype.name}`);
  return ran;
}

/** PyTorch's rule: a 0-dim CPU tensor may join a GPU op (as a scalar would); any other CPU tensor may not. */
export function checkSameDevice(tensors: readonly Tensor[]): void {
  const gpu = tensors.find(onGpu);
  const other = tensors.find((t) => !onGpu(t) && t._shape.length > 0);
  if (gpu && other) {
    const [first, second] = tensors.indexOf(gpu) < tensors.indexOf(other) ? ['cuda:0', 'cpu'] : ['cpu', 'cuda:0'];
    throw new RuntimeError(`Expected all tensors to be on the same device, but found at least two devices, ${first} and ${second}!`);
  }
}

/** The one value of a 0-dim or one-element tensor when it is on the host (no waiting), else null. */
function knownValue(t: Tensor): number | null {
  if (!onGpu(t)) return t.storage.values[t._offset]!;
  return residencyOf(t.storage).knownHostValue(t._offset);
}

/** A device tensor with `t`'s values: `t` itself, or (for a CPU scalar operand) an uploaded copy. */
function onDevice(t: Tensor): Tensor {
  if (onGpu(t)) return t;
  const moved = t.detach();
  moveStorage(moved, webgpu);
  return moved;
}

const webgpu = new Device('webgpu', 0);

/** Moves a freshly made tensor's storage (it owns it alone) to `device`: an upload, or a readback that waits. */
export function moveStorage(t: Tensor, device: Device): void {
  const { storage } = t;
  if (device.type === storage.device.type) return;
  t.storage = new Storage(storage.values.slice(), storage.dtype, device.type === 'webgpu' ? device : cpu);
}

export { residencyOf };
export const isAvailable = (): boolean => gpuDevice() !== null;

/** A batched matrix product into the device tensor `out`; false (and counted) when the CPU must do it. */
export function gpuMatmul(a: MatrixStack, b: MatrixStack, out: Tensor): boolean {
  const device = requireGpu();
  checkSameDevice([a.tensor, b.tensor]);
  const ran = runMatmul(device, { ...a, tensor: onDevice(a.tensor) }, { ...b, tensor: onDevice(b.tensor) }, out);
  if (!ran) device.countFallback(`matmul ${a.tensor.dtype.name}`);
  return ran;
}

/** A reduction of a device tensor over `dims` into `out`; false (and counted) when the CPU must do it. */
export function gpuReduce(op: ReduceOp, input: Tensor, dims: readonly number[], out: Tensor, params?: ReduceParams): boolean {
  const device = requireGpu();
  const ran = runReduce(device, op, input, dims, out, params);
  if (!ran) device.countFallback(`${op} ${input.dtype.name}`);
  return ran;
}

/** cumsum / cumprod of a device tensor along `dim` into `out`; false (and counted) when the CPU must do it. */
export function gpuScan(op: ScanOp, input: Tensor, dim: number, out: Tensor): boolean {
  const device = requireGpu();
  const ran = runScan(device, op, input, dim, out);
  if (!ran) device.countFallback(`${op} ${input.dtype.name}`);
  return ran;
}

/** softmax / log_softmax of a device tensor along `dim` into `out`; false (and counted) when the CPU must do it. */
export function gpuSoftmax(kind: 'softmax' | 'log_softmax', input: Tensor, dim: number, out: Tensor): boolean {
  const device = requireGpu();
  const ran = runSoftmax(device, kind, input, dim, out);
  if (!ran) device.countFallback(`${kind} ${input.dtype.name}`);
  return ran;
}
