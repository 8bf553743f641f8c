import type { DType, TypedArray } from './dtype.ts';
import type { Device } from './device.ts';
import { cpu } from './device.ts';

let nextStorageId = 1;

/**
 * A flat block of elements that tensors view. Its `id` is the identity the inspector draws: tensors with the same
 * storage id share memory. The version counter counts in-place writes through any view (autograd checks it).
 */
export class Storage {
  readonly id = nextStorageId++;
  version = 0;
  constructor(readonly data: TypedArray, readonly dtype: DType, readonly device: Device = cpu) {}
  get size(): number { return this.data.length; }
  static allocate(dtype: DType, size: number, device: Device = cpu): Storage {
    return new Storage(dtype.allocate(size), dtype, device);
  }
}
