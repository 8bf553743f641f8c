// The one protocol between the snippet's thread (engine/backend/webgpu/client.ts) and the device thread that owns
// the GPU (extension/gpu/device-thread.ts). Note [Synchronous GPU]: commands that only enqueue work (create, write,
// launch, free) are fire-and-forget messages; a command that needs an answer carries a SharedArrayBuffer `reply`
// that the device thread fills before it sets the status word and notifies, while the snippet's thread waits in
// Atomics.wait. So kernels queue up and run while the snippet goes on, and the snippet only waits for values.

/** Status word (Int32 index 0 of a reply) values. */
export const replyPending = 0;
export const replyOk = 1;
export const replyError = 2;
/** Bytes before a reply's payload: status word, payload length. */
export const replyHeaderBytes = 8;

export interface InitOptions { dumpWgsl: boolean }

export type DeviceCommand =
  /** Selects an adapter and creates the device; replies with `DeviceInfo` as JSON, or an error explaining why not. */
  | { type: 'init'; reply: SharedArrayBuffer }
  | { type: 'create'; id: number; bytes: number; label: string }
  /** Uploads `data` to the start of buffer `id`. */
  | { type: 'write'; id: number; data: ArrayBuffer }
  | { type: 'free'; id: number }
  /** Compiles a pipeline once per structural key; replies ok or with the compiler's message. */
  | { type: 'compile'; key: string; label: string; wgsl: string; reply: SharedArrayBuffer }
  /**
   * Dispatches a compiled pipeline: binding 0 is a uniform buffer holding `uniforms`, bindings 1.. are `buffers`;
   * `overwrites` is a buffer the kernel writes completely (its pending zero-fill is skipped).
   */
  | { type: 'launch'; key: string; label: string; uniforms: ArrayBuffer; buffers: number[]; workgroups: [number, number, number]; overwrites?: number }
  /** Copies `bytes` of buffer `id` to the reply's payload after all queued work (and reports any GPU error). */
  | { type: 'read'; id: number; bytes: number; reply: SharedArrayBuffer }
  /** Waits for queued work and replies with `DeviceStats` as JSON (or the first GPU error). */
  | { type: 'sync'; reply: SharedArrayBuffer }
  /** Waits for queued work and destroys the device, so that the thread can end without native objects alive. */
  | { type: 'shutdown'; reply: SharedArrayBuffer };

export interface DeviceInfo {
  /** Which adapter was chosen, in one line (backend, vendor, device). */
  adapter: string;
  maxComputeInvocationsPerWorkgroup: number;
  maxStorageBufferBindingSize: number;
}

/** Byte counters of the device thread's buffer pool and its work counters, for the inspector. */
export interface DeviceStats {
  /** Bytes of GPU buffers created (pooled or in use). */
  allocatedBytes: number;
  /** Bytes of GPU buffers backing live tensors. */
  inUseBytes: number;
  /** Bytes of released buffers kept for reuse. */
  pooledBytes: number;
  buffersCreated: number;
  buffersReused: number;
  pipelines: number;
  dispatches: number;
  submits: number;
}

/**
 * Starts the device thread. The engine stays platform-neutral: whoever embeds it (the runner, a test, a bundle for
 * a GPU machine) injects a host that knows how to start a thread that runs extension/gpu/device-thread.ts.
 */
export interface GpuHost {
  start(): DeviceThread;
}

export interface DeviceThread {
  post(command: DeviceCommand, transfer?: ArrayBuffer[]): void;
  /** Ends the thread (its GPU objects go with it). */
  close(): void;
}

/** Text in a reply is UTF-16 code units (no TextEncoder: the engine uses only the language's own globals). */
export function encodeText(text: string, target: Uint8Array): number {
  const length = Math.min(text.length, Math.floor(target.byteLength / 2));
  const units = new Uint16Array(length);
  for (let i = 0; i < length; i++) units[i] = text.charCodeAt(i);
  target.set(new Uint8Array(units.buffer));
  return length * 2;
}

export function decodeText(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.slice().buffer);
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.subarray(i, i + 4096));
  return text;
}
