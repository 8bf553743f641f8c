// The snippet thread's side of the device (Note [Synchronous GPU] in protocol.ts): buffer ids, command messages, the
// pipeline-key cache, and the one place where the snippet waits for the device and turns its errors into exceptions.
import { RuntimeError } from '../../core/errors.ts';
import {
  type DeviceCommand, decodeText, type DeviceInfo, type DeviceStats, type DeviceThread, type GpuHost,
  replyError, replyHeaderBytes, replyOk, replyPending,
} from './protocol.ts';

/** How long the snippet waits for one answer before it calls the device thread unresponsive. */
const answerTimeoutMs = 120_000;

export class DeviceClient {
  private nextBufferId = 1;
  /** Structural pipeline key -> null when compiled, or the compiler's message when the kernel is unusable. */
  private readonly pipelines = new Map<string, string | null>();
  /** Ops that ran on the CPU for want of a WGSL kernel, by name (shown by the inspector; Note [CPU fallback]). */
  readonly fallbacks = new Map<string, number>();
  /** Host <-> device transfers: values fetched for CPU code and host copies uploaded. */
  readonly transfers = { readbacks: 0, readbackBytes: 0, uploads: 0, uploadBytes: 0 };
  /** Kernels launched so far (each is one dispatch on the device thread), counted here so no one waits for them. */
  launches = 0;
  private closed = false;

  private constructor(private readonly thread: DeviceThread, readonly info: DeviceInfo) {}

  /** Starts a device thread and creates its device; returns the reason in one line when there is no adapter. */
  static open(host: GpuHost): DeviceClient | string {
    const thread = host.start();
    try {
      const payload = waitForReply(thread, (reply) => ({ type: 'init', reply }), 4096);
      return new DeviceClient(thread, JSON.parse(decodeText(payload)) as DeviceInfo);
    } catch (error) {
      thread.close();
      return (error instanceof Error ? error.message : String(error)).replace(/^WebGPU: /, '');
    }
  }

  createBuffer(bytes: number, label: string): number {
    const id = this.nextBufferId++;
    this.post({ type: 'create', id, bytes, label });
    return id;
  }

  write(id: number, bytes: Uint8Array): void {
    const copy = bytes.slice().buffer;
    this.transfers.uploads++;
    this.transfers.uploadBytes += bytes.byteLength;
    this.post({ type: 'write', id, data: copy }, [copy]);
  }

  free(id: number): void {
    if (!this.closed) this.post({ type: 'free', id });
  }

  /** Compiles a kernel once per key; returns null when usable, else the compiler's message (the op falls back). */
  compile(key: string, label: string, wgsl: string): string | null {
    let result = this.pipelines.get(key);
    if (result === undefined) {
      try {
        this.request((reply) => ({ type: 'compile', key, label, wgsl, reply }), 4096);
        result = null;
      } catch (error) {
        result = error instanceof Error ? error.message : String(error);
      }
      this.pipelines.set(key, result);
    }
    return result;
  }

  /** `overwrites`: a buffer the kernel writes completely, so its zero-fill can be skipped (Note [Skipped clears]). */
  launch(key: string, label: string, uniforms: Uint32Array, buffers: number[], workgroups: [number, number, number], overwrites?: number): void {
    const copy = uniforms.slice().buffer;
    this.launches++;
    this.post({ type: 'launch', key, label, uniforms: copy, buffers, workgroups, ...(overwrites === undefined ? {} : { overwrites }) }, [copy]);
  }

  /** The first `bytes` of a buffer, after all queued work; throws the device's first error instead of wrong values. */
  read(id: number, bytes: number): Uint8Array {
    this.transfers.readbacks++;
    this.transfers.readbackBytes += bytes;
    return this.request((reply) => ({ type: 'read', id, bytes, reply }), bytes).slice();
  }

  /** Waits for all queued work; throws the device's first error; returns the pool's counters. */
  sync(): DeviceStats {
    return JSON.parse(decodeText(this.request((reply) => ({ type: 'sync', reply }), 4096))) as DeviceStats;
  }

  countFallback(op: string): void {
    this.fallbacks.set(op, (this.fallbacks.get(op) ?? 0) + 1);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.thread.close();
  }

  private post(command: DeviceCommand, transfer?: ArrayBuffer[]): void {
    if (this.closed) throw new RuntimeError('the WebGPU device was closed');
    this.thread.post(command, transfer);
  }

  private request(make: (reply: SharedArrayBuffer) => DeviceCommand, payloadBytes: number): Uint8Array {
    if (this.closed) throw new RuntimeError('the WebGPU device was closed');
    return waitForReply(this.thread, make, payloadBytes);
  }
}

function waitForReply(thread: DeviceThread, make: (reply: SharedArrayBuffer) => DeviceCommand, payloadBytes: number): Uint8Array {
  const reply = new SharedArrayBuffer(replyHeaderBytes + Math.max(payloadBytes, 4096));
  const header = new Int32Array(reply, 0, 2);
  thread.post(make(reply));
  const waited = Atomics.wait(header, 0, replyPending, answerTimeoutMs);
  if (waited === 'timed-out') throw new RuntimeError(`WebGPU: the device thread did not answer within ${answerTimeoutMs / 1000} s`);
  const payload = new Uint8Array(reply, replyHeaderBytes, Atomics.load(header, 1));
  const status = Atomics.load(header, 0);
  if (status === replyOk) return payload;
  const message = decodeText(payload);
  if (status === replyError) throw new RuntimeError(`WebGPU: ${message}`);
  throw new RuntimeError(`WebGPU: unexpected reply status ${status}`);
}
