// The WebGPU device as the engine sees it: an injected host starts the device thread on first use, and device
// storages keep their values in GPU buffers (Note [Device-resident storage] in core/storage.ts).
import type { DType, TypedArray } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { deviceMemory, type DeviceResidency, type Storage } from '../../core/storage.ts';
import { DeviceClient } from './client.ts';
import type { GpuHost } from './protocol.ts';
import { gpuItemSize, gpuType } from './wgsl.ts';

let host: GpuHost | null = null;
let client: DeviceClient | null = null;
let unavailable: string | null = null;

/** Installs the host that starts device threads (the runner, tests and GPU bundles do; a browser build may not). */
export function setGpuHost(next: GpuHost | null): void {
  client?.close();
  host = next;
  client = null;
  unavailable = null;
}

/** The device, started on first use; null with `unavailableReason()` set when there is no adapter. */
export function gpuDevice(): DeviceClient | null {
  if (client !== null || unavailable !== null) return client;
  if (host === null) {
    unavailable = 'no WebGPU host is installed in this engine build';
    return null;
  }
  const opened = DeviceClient.open(host);
  if (typeof opened === 'string') unavailable = opened;
  else client = opened;
  return client;
}

/** The device if it was started, without starting it (what the inspector reports after a run). */
export function startedGpuDevice(): DeviceClient | null {
  return client;
}

export function unavailableReason(): string | null {
  gpuDevice();
  return unavailable;
}

export function requireGpu(): DeviceClient {
  const device = gpuDevice();
  if (device === null) throw new RuntimeError(`WebGPU is not available: ${unavailable}`);
  return device;
}

const buffers = new FinalizationRegistry<{ device: DeviceClient; buffer: number }>(({ device, buffer }) => device.free(buffer));

/** Where a device storage's current values are: 'fresh' (never written: zeros on both sides), on the device, on the host, or both. */
type Where = 'fresh' | 'device' | 'host' | 'both';

export class GpuResidency implements DeviceResidency {
  readonly buffer: number;
  private where: Where = 'fresh';
  private mirror: TypedArray | null = null;

  constructor(readonly device: DeviceClient, private readonly storage: Storage, host: TypedArray | null) {
    const { dtype, size } = storage;
    this.buffer = device.createBuffer(size * gpuItemSize(dtype), `storage #${storage.id} ${dtype.name}[${size}]`);
    buffers.register(storage, { device, buffer: this.buffer });
    if (host !== null) {
      this.mirror = host;
      this.where = 'host';
      this.deviceBuffer();
    }
  }

  hostData(mutable: boolean): TypedArray {
    const { dtype, size } = this.storage;
    if (this.where === 'device') {
      const bytes = this.device.read(this.buffer, size * gpuItemSize(dtype));
      this.mirror = fromGpuBytes(bytes, dtype, size, this.mirror);
      this.where = 'both';
    }
    if (this.mirror === null) this.mirror = dtype.allocate(size);
    if (this.where === 'fresh' || mutable) this.where = 'host';
    return this.mirror;
  }

  /** The buffer for a kernel to read; host changes are uploaded first. */
  deviceBuffer(): number {
    if (this.where === 'host') {
      this.device.write(this.buffer, toGpuBytes(this.mirror!, this.storage.dtype));
      this.where = 'both';
    }
    return this.buffer;
  }

  /** The element at `index` when the host copy is current (no waiting), else null. */
  knownHostValue(index: number): number | null {
    return (this.where === 'host' || this.where === 'both') && this.mirror !== null ? this.mirror[index]! : null;
  }

  /** Called after a kernel wrote the buffer: the host copy is stale. */
  written(): void { this.where = 'device'; }
}

function toGpuBytes(values: TypedArray, dtype: DType): Uint8Array {
  const words = gpuType(dtype) === 'u32' ? Uint32Array.from(values) : values;
  return new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
}

function fromGpuBytes(bytes: Uint8Array, dtype: DType, size: number, reuse: TypedArray | null): TypedArray {
  const target = reuse ?? dtype.allocate(size);
  if (gpuType(dtype) === 'u32') target.set(new Uint32Array(bytes.buffer, bytes.byteOffset, size));
  else new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
  return target;
}

export function residencyOf(storage: Storage): GpuResidency {
  const resident = storage.resident;
  if (!(resident instanceof GpuResidency)) throw new RuntimeError(`storage #${storage.id} is not on the webgpu device`);
  return resident;
}

deviceMemory.attach = (storage, hostValues) => new GpuResidency(requireGpu(), storage, hostValues);
