// The runner (host side): compiles a snippet, runs it in a fresh worker thread under a wall-clock timeout and a memory
// limit, and assembles the record from what the worker streams back. A run that hangs or allocates without bound is
// ended by terminating its worker; the host carries on, and a warm spare worker makes the next run start at once.
import { Worker } from 'node:worker_threads';
import type { ConsoleLine, DeviceName, ErrorRecord, GraphRecord, InspectorRecord, StatementRecord } from '../protocol/record.ts';
import type { PrintOptionsRequest, RecorderLimits, RunRequest, WorkerMessage, WorkerProgram } from '../protocol/worker.ts';
import { prepareGpuEnvironment } from '../gpu/host.ts';
import { errorRecord } from './errors.ts';
import { RecordBuilder } from './record-builder.ts';
import { defaultLimits } from './summarize.ts';
import { compileSnippet } from './transpile.ts';
import { defaultWorkerScript, type WorkerScript } from './worker-script.ts';

export const defaultTimeoutMs = 10_000;
export const defaultMaxHeapMb = 1024;

export interface RunOptions {
  device?: DeviceName;
  /** Wall-clock limit for the whole run. */
  timeoutMs?: number;
  /** Memory limit: the worker's JavaScript heap, and the process's growth while the run lasts (tensor storage lives outside the heap). */
  maxHeapMb?: number;
  limits?: Partial<RecorderLimits>;
  /** `torch.set_printoptions` before the snippet runs (the editor's print settings). */
  printOptions?: PrintOptionsRequest;
  /** Ends the run, as the timeout does, with a `cancelled` error (the editor's Stop command, a newer live run). */
  signal?: AbortSignal;
  /** The snippet compiled and its worker is about to run it. */
  onStart?(statementCount: number): void;
  onDevice?(device: DeviceName, notes: string[]): void;
  onConsole?(line: ConsoleLine): void;
  onStatement?(statement: StatementRecord, statementCount: number): void;
}

export interface RunnerOptions {
  /** The worker's code; by default the bundled dist/worker.mjs, or the sources bundled in memory. */
  workerScript?: WorkerScript;
  /** Keep a started worker ready for the next run (the extension does; a one-shot CLI run need not). */
  keepSpare?: boolean;
}

interface StartedWorker { worker: Worker; heapMb: number; ready: Promise<void> }

// Snippet workers may start the GPU device thread, whose native code reads the environment set here.
prepareGpuEnvironment();

const emptyGraph = (): GraphRecord => ({ nodes: [], edges: [], leaves: [], grads: [], roots: [] });

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

export class Runner {
  private spare: StartedWorker | null = null;
  private nextRequestId = 1;
  private disposed = false;

  constructor(private readonly options: RunnerOptions = {}) {}

  /** Starts a spare worker now, so that the first run does not wait for one. */
  async warmUp(maxHeapMb = defaultMaxHeapMb): Promise<void> {
    this.spare ??= await this.startWorker(maxHeapMb);
    await this.spare.ready;
  }

  async run(source: string, file: string, options: RunOptions = {}): Promise<InspectorRecord> {
    const device = options.device ?? 'cpu';
    const record: InspectorRecord = {
      schemaVersion: 1, file, source, device, ok: false, statements: [], tensors: [], storages: [], graph: emptyGraph(),
      console: [], errors: [], notes: [], timing: { transpileMs: 0, runMs: 0 },
    };
    const compiled = await compileSnippet(source, file);
    record.timing.transpileMs = compiled.transpileMs;
    if (!compiled.ok) {
      record.errors.push(compiled.error);
      return record;
    }
    const heapMb = options.maxHeapMb ?? defaultMaxHeapMb;
    let started: StartedWorker;
    try {
      started = await this.takeWorker(heapMb);
      await started.ready;
    } catch (error) {
      record.errors.push(errorRecord('internal', file, 'InternalError', `the worker did not start: ${firstLine(error)}`, null, null));
      return record;
    }
    const runStarted = performance.now();
    options.onStart?.(compiled.program.statements.length);
    await this.execute(started, compiled.program, record, options);
    record.timing.runMs = performance.now() - runStarted;
    if (this.options.keepSpare !== false && !this.disposed) this.spare ??= await this.startWorker(heapMb).catch(() => null);
    return record;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const spare = this.spare;
    this.spare = null;
    if (spare) await spare.worker.terminate();
  }

  private async takeWorker(heapMb: number): Promise<StartedWorker> {
    const spare = this.spare;
    this.spare = null;
    if (spare && spare.heapMb === heapMb) return spare;
    if (spare) void spare.worker.terminate();
    return this.startWorker(heapMb);
  }

  private async startWorker(heapMb: number): Promise<StartedWorker> {
    const script = this.options.workerScript ?? await defaultWorkerScript();
    const resourceLimits = { maxOldGenerationSizeMb: heapMb };
    const worker = script.kind === 'file'
      ? new Worker(script.path, { resourceLimits })
      : new Worker(script.code, { eval: true, resourceLimits });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: WorkerMessage): void => {
        if (message.type !== 'didStartWorker') return;
        worker.off('error', reject);
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    ready.catch(() => undefined);
    return { worker, heapMb, ready };
  }

  /** Sends the run request and collects the worker's messages until its response, a limit, or its death. */
  private execute(started: StartedWorker, program: WorkerProgram, record: InspectorRecord, options: RunOptions): Promise<void> {
    const { worker, heapMb } = started;
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const builder = new RecordBuilder(record, program, options);
    const request: RunRequest = {
      type: 'runRequest', id: this.nextRequestId++, program, device: record.device,
      limits: { ...defaultLimits, ...options.limits },
      printOptions: options.printOptions,
    };
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = (errors: ErrorRecord[]): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(watchdog);
        options.signal?.removeEventListener('abort', cancel);
        worker.removeAllListeners();
        worker.on('error', () => undefined);
        void worker.terminate();
        builder.finish(errors);
        resolve();
      };
      const timer = setTimeout(() => {
        finish([builder.endedError('timeout', 'TimeoutError', `the snippet did not finish within ${seconds(timeoutMs)}`)]);
      }, timeoutMs);
      const outOfMemory = (): ErrorRecord =>
        builder.endedError('out-of-memory', 'MemoryError', `the snippet needed more memory than the limit of ${heapMb} MB`);
      // Tensor storage lives in ArrayBuffers outside the JavaScript heap that `resourceLimits` bounds, so the host
      // also watches the process's resident memory while the run lasts.
      const baseline = process.memoryUsage.rss();
      const watchdog = setInterval(() => {
        if (process.memoryUsage.rss() - baseline > heapMb * 1024 * 1024) finish([outOfMemory()]);
      }, 50);
      worker.on('error', (error: Error & { code?: string }) => {
        finish([error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? outOfMemory()
          : builder.endedError('internal', 'InternalError', `the worker failed: ${error.message}`)]);
      });
      worker.on('exit', (code) => finish([builder.endedError('internal', 'InternalError', `the worker exited with code ${code}`)]));
      worker.on('message', (message: WorkerMessage) => {
        const errors = builder.apply(message);
        if (errors) finish(errors);
      });
      const cancel = (): void => finish([builder.endedError('cancelled', 'CancelledError', 'the run was stopped')]);
      if (options.signal?.aborted) {
        cancel();
        return;
      }
      options.signal?.addEventListener('abort', cancel, { once: true });
      worker.postMessage(request);
    });
  }
}
