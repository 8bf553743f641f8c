/// <reference types="@webgpu/types" />
// GPU buffers are recycled by usage and size bucket (powers of two from 256 bytes), so a snippet that makes many
// same-sized temporaries does not create a buffer per op; byte counters go to the inspector through `sync`.

/** Released buffers beyond this many bytes are destroyed instead of pooled. */
const maxPooledBytes = 512 * 1024 * 1024;

export interface PoolCounters {
  allocatedBytes: number;
  inUseBytes: number;
  pooledBytes: number;
  buffersCreated: number;
  buffersReused: number;
}

export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private readonly stats: PoolCounters = { allocatedBytes: 0, inUseBytes: 0, pooledBytes: 0, buffersCreated: 0, buffersReused: 0 };

  constructor(private readonly device: GPUDevice) {}

  /** A buffer of at least `bytes` (its bucket's size) with exactly `usage`. */
  acquire(bytes: number, usage: number, label: string): GPUBuffer {
    return this.take(bytes, usage, label).buffer;
  }

  /** As `acquire`, saying whether the buffer was used before (a new one is zero-filled by WebGPU). */
  take(bytes: number, usage: number, label: string): { buffer: GPUBuffer; reused: boolean } {
    const size = bucketSize(bytes);
    const reused = this.free.get(key(size, usage))?.pop();
    this.stats.inUseBytes += size;
    if (reused) {
      this.stats.pooledBytes -= size;
      this.stats.buffersReused++;
      reused.label = label;
      return { buffer: reused, reused: true };
    }
    this.stats.allocatedBytes += size;
    this.stats.buffersCreated++;
    return { buffer: this.device.createBuffer({ size, usage, label }), reused: false };
  }

  release(buffer: GPUBuffer): void {
    this.stats.inUseBytes -= buffer.size;
    if (this.stats.pooledBytes + buffer.size > maxPooledBytes) {
      this.stats.allocatedBytes -= buffer.size;
      buffer.destroy();
      return;
    }
    const k = key(buffer.size, buffer.usage);
    let list = this.free.get(k);
    if (!list) this.free.set(k, list = []);
    list.push(buffer);
    this.stats.pooledBytes += buffer.size;
  }

  counters(): PoolCounters { return { ...this.stats }; }
}

export function bucketSize(bytes: number): number {
  let size = 256;
  while (size < bytes) size *= 2;
  return size;
}

const key = (size: number, usage: number): string => `${usage}:${size}`;
