// `torch.cuda`: the webgpu device answers for CUDA, so PyTorch code that checks for a GPU runs unchanged.
import { gpuDevice } from './device.ts';

export const cuda = {
  /** `torch.cuda.is_available()`: true when a WebGPU adapter was found (starts the device thread on first call). */
  is_available: (): boolean => gpuDevice() !== null,
  /** `torch.cuda.device_count()`. */
  device_count: (): number => (gpuDevice() === null ? 0 : 1),
  /** `torch.cuda.synchronize()`: waits for queued kernels (and reports a GPU error, if any). */
  synchronize: (): void => { gpuDevice()?.sync(); },
  /** `torch.cuda.memory_allocated()`: bytes of GPU buffers backing live tensors (waits for queued work). */
  memory_allocated: (): number => gpuDevice()?.sync().inUseBytes ?? 0,
  /** `torch.cuda.memory_reserved()`: bytes of GPU buffers held, in use or pooled for reuse. */
  memory_reserved: (): number => gpuDevice()?.sync().allocatedBytes ?? 0,
};
