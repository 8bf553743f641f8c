/// <reference types="@webgpu/types" />
// The device thread: owns the adapter, the device, the buffer pool and the pipeline cache, and runs the commands the
// snippet's thread sends (Note [Synchronous GPU] in engine/backend/webgpu/protocol.ts). It uses only the standard
// WebGPU API; extension/gpu/device-worker.ts passes in the `webgpu` package's `create`.
import {
  type DeviceCommand, type DeviceInfo, type DeviceStats, encodeText, replyError, replyHeaderBytes, replyOk,
} from '../../engine/backend/webgpu/protocol.ts';
import { BufferPool } from './buffer-pool.ts';
import { type SelectedAdapter, selectAdapter, type AdapterEnvironment } from './adapter.ts';

/** Launches recorded before the batch is submitted without waiting for a read (batched command submission). */
const maxLaunchesPerBatch = 64;

export interface DeviceThreadOptions extends AdapterEnvironment {
  /** Print every generated kernel's WGSL (TENSOR_INSPECTOR_DUMP_WGSL=1). */
  dumpWgsl: boolean;
  log: (line: string) => void;
}

export function runDeviceThread(options: DeviceThreadOptions, onMessage: (handler: (command: DeviceCommand) => void) => void): void {
  let thread: DeviceState | null = null;
  // Commands run one after another even when one awaits the GPU, so they keep the snippet's order.
  let chain: Promise<void> = Promise.resolve();
  onMessage((command) => {
    chain = chain.then(async () => {
      if (command.type === 'init') {
        const selected = await selectAdapter(options);
        if (typeof selected === 'string') return respond(command.reply, replyError, selected);
        try {
          thread = await DeviceState.create(selected, options);
          respond(command.reply, replyOk, JSON.stringify(thread.info));
        } catch (error) {
          respond(command.reply, replyError, `could not create a device on ${selected.description}: ${String(error)}`);
        }
        return;
      }
      if (thread === null) {
        if (command.type === 'shutdown') return respond(command.reply, replyOk, '');
        throw new Error(`'${command.type}' before 'init'`);
      }
      await thread.run(command);
    }).catch((error: unknown) => {
      options.log(`device thread: ${String(error)}`);
      if ('reply' in command) respond(command.reply, replyError, String(error));
    });
  });
}

function respond(reply: SharedArrayBuffer, status: number, payload: string | Uint8Array): void {
  const header = new Int32Array(reply, 0, 2);
  const target = new Uint8Array(reply, replyHeaderBytes);
  let length: number;
  if (typeof payload === 'string') length = encodeText(payload, target);
  else { target.set(payload); length = payload.byteLength; }
  Atomics.store(header, 1, length);
  Atomics.store(header, 0, status);
  Atomics.notify(header, 0);
}

/**
 * Note [GPU errors are never silent]: validation and out-of-memory errors surface through error scopes pushed around
 * every batch, anything else through `uncapturederror`, and device loss through `device.lost`; all three land in
 * `fail`, and the first one is the answer to every later read or sync, so a snippet never sees a failed kernel's
 * output as numbers.
 */
class DeviceState {
  readonly pipelines = new Map<string, GPUComputePipeline>();
  readonly buffers = new Map<number, GPUBuffer>();
  /** Recycled buffers not yet zero-filled (Note [Skipped clears]). */
  private readonly unclear = new Set<number>();
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private launches = 0;
  private releaseAfterSubmit: GPUBuffer[] = [];
  private checks: Promise<void>[] = [];
  private firstError: string | null = null;
  private flushScheduled = false;
  private inFlight = 0;
  private shuttingDown = false;
  private dispatches = 0;
  private submits = 0;
  private readonly pool: BufferPool;

  private constructor(
    private readonly selected: SelectedAdapter, readonly device: GPUDevice, readonly info: DeviceInfo, private readonly options: DeviceThreadOptions,
  ) {
    this.pool = new BufferPool(device);
    device.addEventListener('uncapturederror', (event) => {
      const error = (event as GPUUncapturedErrorEvent).error;
      this.fail(`${error.constructor.name}: ${error.message}`);
    });
    void device.lost.then((lost) => {
      // After `shutdown` the loss is ours; its fields must not be touched while the thread ends.
      if (!this.shuttingDown) this.fail(`the GPU device was lost (${lost.reason}) on ${this.selected.description}: ${lost.message}`);
    });
  }

  static async create(selected: SelectedAdapter, options: DeviceThreadOptions): Promise<DeviceState> {
    const { adapter } = selected;
    // The defaults are lower than the hardware's (Dawn's OpenGL ES backend refuses 256-thread workgroups without this).
    const requiredLimits: Record<string, number> = {};
    for (const name of requestedLimits) {
      const value = (adapter.limits as unknown as Record<string, number | undefined>)[name];
      if (typeof value === 'number') requiredLimits[name] = value;
    }
    const device = await adapter.requestDevice({ requiredLimits, label: 'tensor-inspector' });
    return new DeviceState(selected, device, {
      adapter: selected.description,
      maxComputeInvocationsPerWorkgroup: device.limits.maxComputeInvocationsPerWorkgroup,
      maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
    }, options);
  }

  private fail(message: string): void {
    if (this.shuttingDown) return;
    this.firstError ??= message;
  }

  async run(command: DeviceCommand): Promise<void> {
    switch (command.type) {
      case 'init': throw new Error('the device is already initialised');
      case 'create': {
        // Storage starts zeroed, as the CPU's typed arrays do (ops rely on it): a recycled buffer is cleared first.
        // Note [Skipped clears]: the clear waits for the buffer's first use, and a kernel that writes all of it
        // (a fresh elementwise or matmul output) makes it unnecessary: otherwise `add` would write its output twice.
        const { buffer, reused } = this.pool.take(command.bytes, storageUsage, command.label);
        this.buffers.set(command.id, buffer);
        if (reused) this.unclear.add(command.id);
        return;
      }
      case 'write': {
        // queue.writeBuffer runs before work still being recorded: submit that first so the order holds.
        const buffer = this.buffer(command.id);
        this.flush();
        this.device.queue.writeBuffer(buffer, 0, command.data);
        return;
      }
      case 'free': {
        const buffer = this.buffers.get(command.id);
        if (!buffer) throw new Error(`no GPU buffer #${command.id}`);
        this.buffers.delete(command.id);
        this.unclear.delete(command.id);
        if (this.encoder) this.releaseAfterSubmit.push(buffer);
        else this.pool.release(buffer);
        return;
      }
      case 'compile': return this.compile(command.key, command.label, command.wgsl, command.reply);
      case 'launch': return this.launch(command);
      case 'read': return this.read(command.id, command.bytes, command.reply);
      case 'shutdown': {
        this.flush();
        this.shuttingDown = true;
        await this.device.queue.onSubmittedWorkDone();
        this.device.destroy();
        // Let the loss settle while the thread is alive (Dawn's callbacks must not run during its teardown).
        await Promise.race([this.device.lost, new Promise((resolve) => setTimeout(resolve, 1000))]);
        return respond(command.reply, replyOk, '');
      }
      case 'sync': {
        this.flush();
        await this.device.queue.onSubmittedWorkDone();
        await this.settleChecks();
        if (this.firstError !== null) return respond(command.reply, replyError, this.firstError);
        return respond(command.reply, replyOk, JSON.stringify(this.stats()));
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Buffer `id` for a use that may read it: a pending zero-fill is recorded first. */
  private buffer(id: number): GPUBuffer {
    const buffer = this.buffers.get(id);
    if (!buffer) throw new Error(`no GPU buffer #${id}`);
    if (this.unclear.delete(id)) this.clear(buffer);
    return buffer;
  }

  private async compile(key: string, label: string, wgsl: string, reply: SharedArrayBuffer): Promise<void> {
    if (this.options.dumpWgsl) this.options.log(`// ${key}\n${wgsl}`);
    // A kernel the compiler rejects makes its op fall back to the CPU; it must not poison the device's error state,
    // so it gets an error scope of its own (with no batch's scopes open beneath it).
    this.flush();
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ code: wgsl, label });
    const info = await module.getCompilationInfo();
    await this.device.popErrorScope();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length > 0) {
      return respond(reply, replyError, `${label}: ${errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ')}`);
    }
    try {
      const pipeline = await this.device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' }, label });
      this.pipelines.set(key, pipeline);
      respond(reply, replyOk, '');
    } catch (error) {
      respond(reply, replyError, `${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private launch(command: Extract<DeviceCommand, { type: 'launch' }>): void {
    const pipeline = this.pipelines.get(command.key);
    if (!pipeline) throw new Error(`launch of '${command.key}' before it was compiled`);
    if (command.overwrites !== undefined) this.unclear.delete(command.overwrites);
    const bound = command.buffers.map((id) => this.buffer(id));
    const pass = this.beginPass();
    const uniforms = this.pool.acquire(command.uniforms.byteLength, uniformUsage, `${command.label} uniforms`);
    this.device.queue.writeBuffer(uniforms, 0, command.uniforms);
    this.releaseAfterSubmit.push(uniforms);
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: uniforms, size: command.uniforms.byteLength } }];
    bound.forEach((buffer, i) => entries.push({ binding: i + 1, resource: { buffer } }));
    const bindGroup = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries, label: command.label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(...command.workgroups);
    this.dispatches++;
    if (++this.launches >= maxLaunchesPerBatch) this.flush();
    else this.scheduleFlush();
  }

  private beginPass(): GPUComputePassEncoder {
    if (this.pass) return this.pass;
    if (!this.encoder) {
      this.device.pushErrorScope('validation');
      this.device.pushErrorScope('out-of-memory');
      this.encoder = this.device.createCommandEncoder({ label: 'tensor-inspector batch' });
    }
    this.pass = this.encoder.beginComputePass({ label: 'tensor-inspector kernels' });
    return this.pass;
  }

  /** Records a clear in the batch, in order with the kernels around it. */
  private clear(buffer: GPUBuffer): void {
    this.beginPass();
    this.pass!.end();
    this.pass = null;
    this.encoder!.clearBuffer(buffer);
    this.scheduleFlush();
  }

  /** Submits what was recorded; its error scopes are checked before the next answer. */
  private flush(): void {
    if (!this.encoder) return;
    this.pass?.end();
    this.device.queue.submit([this.encoder.finish()]);
    this.submits++;
    this.inFlight++;
    void this.device.queue.onSubmittedWorkDone().then(() => {
      if (--this.inFlight === 0 && this.encoder) this.flush();
    });
    this.encoder = null;
    this.pass = null;
    this.launches = 0;
    for (const scope of ['out-of-memory', 'validation']) {
      this.checks.push(this.device.popErrorScope().then((error) => {
        if (error) this.fail(`${scope} error: ${error.message}`);
      }));
    }
    for (const buffer of this.releaseAfterSubmit) this.pool.release(buffer);
    this.releaseAfterSubmit = [];
  }

  /**
   * Batching: while submitted work is still running, launches keep being recorded and go in one submit when it
   * finishes; an idle GPU gets the burst at once, so kernels run while the snippet goes on.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.inFlight > 0) return;
    this.flushScheduled = true;
    setTimeout(() => { this.flushScheduled = false; this.flush(); }, 0);
  }

  private async settleChecks(): Promise<void> {
    const checks = this.checks;
    this.checks = [];
    await Promise.all(checks);
  }

  private async read(id: number, bytes: number, reply: SharedArrayBuffer): Promise<void> {
    const source = this.buffer(id);
    const size = Math.ceil(bytes / 4) * 4;
    const staging = this.pool.acquire(size, readUsage, 'readback');
    this.flush();
    this.device.pushErrorScope('validation');
    const encoder = this.device.createCommandEncoder({ label: 'readback' });
    if (size > 0) encoder.copyBufferToBuffer(source, 0, staging, 0, size);
    this.device.queue.submit([encoder.finish()]);
    this.checks.push(this.device.popErrorScope().then((error) => { if (error) this.fail(`validation error: ${error.message}`); }));
    let values: Uint8Array | null = null;
    try {
      await staging.mapAsync(mapModeRead, 0, Math.max(size, 4));
      values = new Uint8Array(staging.getMappedRange(0, Math.max(size, 4)).slice(0, bytes));
      staging.unmap();
    } catch (error) {
      this.fail(`reading a buffer back failed: ${String(error)}`);
    }
    this.pool.release(staging);
    await this.settleChecks();
    if (this.firstError !== null || values === null) return respond(reply, replyError, this.firstError ?? 'readback failed');
    respond(reply, replyOk, values);
  }

  private stats(): DeviceStats {
    return { ...this.pool.counters(), pipelines: this.pipelines.size, dispatches: this.dispatches, submits: this.submits };
  }
}

// The spec's GPUBufferUsage / GPUMapMode values, spelled out so this module loads before the globals are installed.
const usage = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 };
const mapModeRead = 0x1;
const storageUsage = usage.STORAGE | usage.COPY_SRC | usage.COPY_DST;
const uniformUsage = usage.UNIFORM | usage.COPY_DST;
const readUsage = usage.MAP_READ | usage.COPY_DST;

const requestedLimits = [
  'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize', 'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupSizeY', 'maxComputeWorkgroupSizeZ', 'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage', 'maxUniformBufferBindingSize',
];
