// The protocol between the runner (host) and its worker thread: one discriminated union each way, imported with
// `import type` on both sides. A worker runs one snippet: it announces itself, receives one RunRequest, reports the
// device it selected, console lines and statement records as they happen, and answers with one RunResponse. The
// host answers the request itself (timeout, heap limit, worker crash) when the worker cannot.
import type {
  ConsoleLine, DeviceName, ErrorRecord, GpuRecord, GraphRecord, SourceRange, StatementKind, StatementRecord, StorageRecord,
  TensorRecord,
} from './record.ts';

/** A top-level statement of the compiled snippet, as the instrumentation numbered it. */
export interface StatementInfo {
  index: number;
  kind: StatementKind;
  range: SourceRange;
}

/** A snippet compiled by the host, ready to run. */
export interface WorkerProgram {
  file: string;
  /** The instrumented JavaScript: `(async function (__ti, __pyfloat) { ... })`. */
  code: string;
  /** Generated -> original positions, flat `[genLine, genColumn, srcLine, srcColumn, ...]` (see source-map.ts). */
  positions: number[];
  statements: StatementInfo[];
}

/** Bounds on what the recorder copies out of tensors. */
export interface RecorderLimits {
  /** Tensors with more elements than this are previewed by their edge items, as PyTorch prints them. */
  previewThreshold: number;
  edgeItems: number;
  /** Tensors with more elements than this get no stats (scanning them would cost more than the run). */
  statsLimit: number;
  /** Items recorded from a list or object binding. */
  maxItems: number;
}

/** `torch.set_printoptions` keywords applied before the snippet runs. */
export interface PrintOptionsRequest {
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  linewidth?: number;
  profile?: 'default' | 'short' | 'full';
  sci_mode?: boolean | null;
}

export interface RunRequest {
  type: 'runRequest';
  id: number;
  program: WorkerProgram;
  device: DeviceName;
  limits: RecorderLimits;
  printOptions?: PrintOptionsRequest;
}

export type HostMessage = RunRequest;

export interface DidStartWorkerNotification { type: 'didStartWorker' }

/** Sent when the run starts: the device the snippet runs on, with a note when it is not the one requested. */
export interface DidSelectDeviceNotification { type: 'didSelectDevice'; device: DeviceName; notes: string[] }

export interface DidWriteConsoleNotification { type: 'didWriteConsole'; line: ConsoleLine }

/** Sent after each top-level statement, with snapshots of the tensors it created or changed. */
export interface DidRecordStatementNotification {
  type: 'didRecordStatement';
  statement: StatementRecord;
  tensors: TensorRecord[];
  storages: StorageRecord[];
}

export interface RunResponse {
  type: 'runResponse';
  id: number;
  /** Final snapshots of every tensor still bound, their storages and the autograd graph. */
  tensors: TensorRecord[];
  storages: StorageRecord[];
  graph: GraphRecord;
  /** The GPU's counters, when the run started the device. */
  gpu?: GpuRecord;
  errors: ErrorRecord[];
  runMs: number;
}

export type WorkerMessage =
  | DidStartWorkerNotification
  | DidSelectDeviceNotification
  | DidWriteConsoleNotification
  | DidRecordStatementNotification
  | RunResponse;
