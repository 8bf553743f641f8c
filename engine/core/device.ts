import { RuntimeError } from './errors.ts';

const inspect = Symbol.for('nodejs.util.inspect.custom');
export type DeviceType = 'cpu' | 'webgpu';

/** `torch.device`. `'cuda'` names the WebGPU device, so PyTorch code that moves tensors to the GPU runs unchanged. */
export class Device {
  constructor(readonly type: DeviceType, readonly index: number | null = null) {}
  // Note [WebGPU prints as CUDA] (printing/repr.ts): PyTorch code that prints a device sees what CUDA would show.
  toString(): string { return this.index === null ? this.shownType : `${this.shownType}:${this.index}`; }
  [inspect](): string { return `device(type='${this.shownType}'${this.index === null ? '' : `, index=${this.index}`})`; }
  private get shownType(): string { return this.type === 'webgpu' ? 'cuda' : this.type; }
}

export const cpu = new Device('cpu');

/**
 * Where tensors made without a `device` go: the CPU, unless the runner was asked to run on the GPU (PyTorch 2's
 * `torch.set_default_device`; 1.13 has no public way to set it, so this stays internal).
 */
export const defaultDevice: { current: Device } = { current: cpu };

export function toDevice(value: unknown): Device {
  if (value instanceof Device) return value;
  if (typeof value === 'string') {
    const [type, index] = value.split(':');
    if (type === 'cpu') return cpu;
    if (type === 'cuda' || type === 'webgpu') return new Device('webgpu', index === undefined ? 0 : Number(index));
  }
  throw new RuntimeError(`Expected one of cpu, cuda, webgpu device type at start of device string: ${String(value)}`);
}
