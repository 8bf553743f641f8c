import type { DType, TypedArray } from './dtype.ts';
import type { Device } from './device.ts';
import { defaultDevice } from './device.ts';
import { RuntimeError } from './errors.ts';

let nextStorageId = 1;

/**
 * Note [Device-resident storage]: a storage on the webgpu device keeps its values in a GPU buffer owned by the
 * device thread; `resident` says where the current values are. Reading `data` on such a storage is the explicit,
 * always-correct fallback for code that only knows typed arrays (every CPU kernel): it waits for the device, hands
 * out a host copy that the caller may modify, and the device copy is refreshed before a GPU kernel next reads it.
 * `values` is the read-only twin (printing, `item()`, `tolist()`), which leaves the device copy valid.
 */
export interface DeviceResidency {
  /** The values on the host, fetched from the device first when they live only there. */
  hostData(mutable: boolean): TypedArray;
}

/** Attaches device memory to a new storage; installed by the WebGPU backend once a device thread exists. */
export const deviceMemory: { attach: (storage: Storage, host: TypedArray | null) => DeviceResidency } = {
  attach: (storage) => {
    throw new RuntimeError(`device '${storage.device.toString()}' is not available: no WebGPU adapter was set up`);
  },
};

/**
 * A flat block of elements that tensors view. Its `id` is the identity the inspector draws: tensors with the same
 * storage id share memory. The version counter counts in-place writes through any view (autograd checks it).
 */
export class Storage {
  readonly id = nextStorageId++;
  version = 0;
  readonly size: number;
  /** Set on device storages (Note [Device-resident storage]). */
  readonly resident: DeviceResidency | null = null;
  private readonly host: TypedArray | null;

  constructor(data: TypedArray | null, readonly dtype: DType, readonly device: Device = defaultDevice.current, size = data?.length ?? 0) {
    this.size = size;
    this.host = device.type === 'cpu' ? data : null;
    if (device.type !== 'cpu') this.resident = deviceMemory.attach(this, data);
  }

  /** The values, writable; on a device storage this waits for the device (Note [Device-resident storage]). */
  get data(): TypedArray { return this.resident ? this.resident.hostData(true) : this.host!; }
  /** The values for reading only. */
  get values(): TypedArray { return this.resident ? this.resident.hostData(false) : this.host!; }

  static allocate(dtype: DType, size: number, device: Device = defaultDevice.current): Storage {
    return device.type === 'cpu' ? new Storage(dtype.allocate(size), dtype, device) : new Storage(null, dtype, device, size);
  }
}
