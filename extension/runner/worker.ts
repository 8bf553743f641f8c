// The worker thread: loads the engine once, then runs one compiled snippet with `torch` and `F` as globals, console
// output captured as Python's print would write it, and the recorder hooked after every top-level statement.
// The host ends the thread after the run (or earlier, on a timeout or the heap limit), so each run starts clean.
import { runInThisContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { setGpuHost, unavailableReason } from '../../engine/backend/webgpu/index.ts';
import { defaultDevice, toDevice } from '../../engine/core/device.ts';
import * as engine from '../../engine/index.ts';
import { nodeGpuHost } from '../gpu/host.ts';
import type { DeviceName, ErrorRecord } from '../protocol/record.ts';
import type { HostMessage, RunRequest, WorkerMessage, WorkerProgram } from '../protocol/worker.ts';
import { errorRecord } from './errors.ts';
import { formatPrint } from './format.ts';
import { GpuMeter } from './gpu-meter.ts';
import { installKernelThreads } from './kernel-threads.ts';
import { Recorder } from './recorder.ts';
import { callerPosition, installStackCapture, runtimeErrorRecord } from './stack.ts';
import { moduleName } from './wrapper.ts';

const port = parentPort;
if (!port) throw new Error('the snippet worker must run in a worker thread');
const post = (message: WorkerMessage): void => port.postMessage(message);

installStackCapture();
// Large matrix products and math maps share the work with a kernel thread per spare core.
installKernelThreads();
Object.assign(globalThis, { torch: engine.torch, F: engine.F });

/** What `import { ... } from "tensor-inspector"` gets, with ESM's error for a name the engine does not export. */
function moduleExports(names: readonly string[]): typeof engine {
  for (const name of names) {
    if (!(name in engine)) throw new SyntaxError(`The requested module '${moduleName}' does not provide an export named '${name}'`);
  }
  return engine;
}

// The GPU device thread starts on first use: `x.to('cuda')` works in any run, and `--device webgpu` makes it the
// default device of the run's tensors.
setGpuHost(nodeGpuHost);

function selectDevice(requested: DeviceName): { device: DeviceName; notes: string[] } {
  if (requested === 'cpu') return { device: 'cpu', notes: [] };
  const reason = unavailableReason();
  if (reason === null) {
    defaultDevice.current = toDevice('cuda');
    return { device: 'webgpu', notes: [] };
  }
  return { device: 'cpu', notes: [`WebGPU is not available (${reason}); running on cpu instead.`] };
}

function captureConsole(recorder: Recorder, program: WorkerProgram): void {
  const writer = (stream: 'stdout' | 'stderr') => (...args: unknown[]): void => {
    recorder.console(stream, formatPrint(args), callerPosition(program));
  };
  console.log = console.info = console.debug = console.dir = console.table = writer('stdout');
  console.warn = console.error = console.trace = writer('stderr');
}

async function run(request: RunRequest): Promise<void> {
  const started = performance.now();
  const { program } = request;
  const gpu = new GpuMeter();
  const recorder = new Recorder(program, request.limits, post, gpu);
  const errors: ErrorRecord[] = [];
  const onAsyncError = (error: unknown): void => { errors.push(runtimeErrorRecord(error, program, recorder.running)); };
  process.on('uncaughtException', onAsyncError);
  process.on('unhandledRejection', onAsyncError);
  const { device, notes } = selectDevice(request.device);
  post({ type: 'didSelectDevice', device, notes });
  if (request.printOptions) engine.torch.set_printoptions(request.printOptions);
  captureConsole(recorder, program);
  const hooks = {
    statement: recorder.statement.bind(recorder),
    expression: recorder.expression.bind(recorder),
    module: moduleExports,
  };
  try {
    const main = runInThisContext(program.code, { filename: program.file }) as (h: typeof hooks, f: typeof engine.pyfloat) => Promise<void>;
    await main(hooks, engine.pyfloat);
  } catch (error) {
    errors.push(runtimeErrorRecord(error, program, recorder.running));
  }
  gpu.pause();
  let result: ReturnType<Recorder['result']>;
  try {
    result = recorder.result();
  } catch (error) {
    errors.push(errorRecord('internal', program.file, 'InternalError', `the recorder failed: ${String(error)}`, null, null));
    result = { tensors: [], storages: [], graph: { nodes: [], edges: [], leaves: [], grads: [], roots: [] } };
  }
  const gpuRecord = gpu.result();
  // The host ends this thread after the response: the GPU device thread (if one started) is shut down first.
  setGpuHost(null);
  post({ type: 'runResponse', id: request.id, ...result, ...(gpuRecord ? { gpu: gpuRecord } : {}), errors, runMs: performance.now() - started });
}

port.on('message', (message: HostMessage) => {
  switch (message.type) {
    case 'runRequest':
      void run(message);
      break;
    default: {
      const unknown: never = message.type;
      throw new Error(`unknown message ${String(unknown)}`);
    }
  }
});
post({ type: 'didStartWorker' });
