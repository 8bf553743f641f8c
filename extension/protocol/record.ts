// The inspector's record of one snippet run: plain JSON, versioned, documented in docs/record-schema.md. The runner
// writes it, the CLI saves it (`--json`) and renders it (`--html`), the webview draws it. Types only: import with
// `import type` so that no runtime code crosses the boundary.

/** A place in the snippet's own source text: 1-based line and 1-based column, as editors and `FILE:LINE:COL` show. */
export interface SourcePosition { line: number; column: number }
export interface SourceRange { start: SourcePosition; end: SourcePosition }

export type DeviceName = 'cpu' | 'webgpu';
export type DTypeName = 'bool' | 'int32' | 'int64' | 'float32' | 'float64';

export interface InspectorRecord {
  schemaVersion: 1;
  /** The snippet's file name as given to the runner (a path, or a label for an editor selection). */
  file: string;
  /** The snippet's source text, so that a viewer can show the code next to the record. */
  source: string;
  /** The device the snippet ran on (after any fallback; see `notes`). */
  device: DeviceName;
  /** True when every statement ran; false after an error, a timeout or the heap limit. */
  ok: boolean;
  /** One entry per top-level statement that finished, in order. */
  statements: StatementRecord[];
  /** Every tensor the record mentions, in its latest recorded state. */
  tensors: TensorRecord[];
  storages: StorageRecord[];
  graph: GraphRecord;
  console: ConsoleLine[];
  errors: ErrorRecord[];
  /** One-line remarks for the user, e.g. a device fallback. */
  notes: string[];
  timing: { transpileMs: number; runMs: number };
  /** The WebGPU device's counters, when the run started the device (`--device webgpu`, or `x.to('cuda')`). */
  gpu?: GpuRecord;
}

/** What the GPU did over the whole run (Note [CPU fallback] in engine/backend/webgpu/index.ts). */
export interface GpuRecord {
  /** The adapter, in one line (backend, vendor, device). */
  adapter: string;
  /** The device's counters after the run's queued work finished; null when the device failed before it could answer. */
  stats: GpuStats | null;
  /** Ops that ran on the CPU for want of a usable GPU kernel, most frequent first. */
  fallbacks: GpuFallback[];
  /** Host <-> device copies the snippet caused (the inspector's own reads of tensor values are not counted). */
  transfers: GpuTransfers;
}

export interface GpuStats {
  /** Bytes of GPU buffers held: in use plus pooled. */
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

/** `op` is the kernel's name and, where it matters, the dtypes: `mul`, `sum int64`, `copy int64->float32`. */
export interface GpuFallback { op: string; count: number }

export interface GpuTransfers { readbacks: number; readbackBytes: number; uploads: number; uploadBytes: number }

/** What one statement made the GPU do: kernels dispatched, ops that fell back to the CPU, bytes copied. */
export interface StatementGpuRecord extends GpuTransfers {
  dispatches: number;
  fallbacks: GpuFallback[];
}

/** What a top-level statement is: a `const`/`let`/`var`, a bare expression (its value is recorded), or anything else. */
export type StatementKind = 'declaration' | 'expression' | 'other';

export interface StatementRecord {
  index: number;
  kind: StatementKind;
  range: SourceRange;
  /** Every top-level variable declared so far, with its value after this statement. */
  bindings: BindingRecord[];
  /** The value of a bare expression statement, as a REPL shows it. */
  value?: ValueRecord;
  /** Tensors that appeared or changed during this statement. */
  changed: ChangeRecord[];
  /** Values of the created or written tensors as they were right after this statement. */
  previews: { tensor: number; preview: ValuePreview }[];
  /** Indices into `InspectorRecord.console` of the lines this statement printed. */
  console: number[];
  durationMs: number;
  /** Present while the GPU device is started: what this statement made it do (`InspectorRecord.gpu`). */
  gpu?: StatementGpuRecord;
}

export interface BindingRecord { name: string; value: ValueRecord }

/**
 * - `created`: seen for the first time;
 * - `written`: its storage was written (through it or another view: compare `version`);
 * - `grad`: its `.grad` appeared, was replaced or accumulated into;
 * - `autograd`: `requires_grad` or `grad_fn` changed (`requires_grad_()`, `detach_()`);
 * - `layout`: shape, strides or offset changed in place (`t_()`, `unsqueeze_()`).
 */
export type ChangeKind = 'created' | 'written' | 'grad' | 'autograd' | 'layout';
export interface ChangeRecord { tensor: number; kinds: ChangeKind[] }

export type ValueRecord =
  | { kind: 'tensor'; id: number }
  | { kind: 'list'; items: ValueRecord[]; omitted: number }
  | { kind: 'object'; entries: { key: string; value: ValueRecord }[]; omitted: number }
  | { kind: 'scalar'; type: 'int' | 'float' | 'bool' | 'str' | 'none'; repr: string }
  | { kind: 'grad_fn'; node: number; name: string }
  /** Anything else (torch.Size, dtypes, devices, functions, ...): its Python type name and repr. */
  | { kind: 'other'; type: string; repr: string };

/**
 * A preview value: a number, a boolean, `"nan"`, `"inf"` or `"-inf"` (JSON has no such numbers), or nested arrays of
 * those. In a summarized preview, `"..."` stands for the elements left out, as PyTorch prints them.
 */
export type PreviewValue = number | boolean | string | PreviewValue[];
export interface ValuePreview { values: PreviewValue; summarized: boolean }

export interface TensorStats {
  min: number | string | null;
  max: number | string | null;
  mean: number | string | null;
  nanCount: number;
  /** True when the tensor was too large to scan and the stats are missing. */
  skipped: boolean;
}

export interface TensorRecord {
  /** The engine's tensor id, shared with the autograd graph. */
  id: number;
  /** Variable names bound to this tensor at the end, with paths into lists and objects (`parts[0]`, `model.w`). */
  names: string[];
  shape: number[];
  stride: number[];
  storage_offset: number;
  dtype: DTypeName;
  device: string;
  is_contiguous: boolean;
  numel: number;
  storageId: number;
  /** The storage's version counter (PyTorch's `t._version`): bumped by every in-place write through any view. */
  version: number;
  /** The tensor this one is a view of (PyTorch's `_base`), if any. */
  baseId: number | null;
  requires_grad: boolean;
  is_leaf: boolean;
  /** `grad_fn.name()`, e.g. `MulBackward0`, and its node in `graph`. */
  grad_fn: string | null;
  gradFnId: number | null;
  gradId: number | null;
  preview: ValuePreview;
  stats: TensorStats;
}

export interface StorageRecord {
  id: number;
  /** Number of elements. */
  size: number;
  dtype: DTypeName;
  device: string;
  nbytes: number;
  version: number;
  /** Ids of the recorded tensors that view this storage. */
  tensors: number[];
}

/** Enough to draw a tensor the record may not list (a saved intermediate, an unbound leaf). */
export interface TensorMeta { id: number; shape: number[]; dtype: DTypeName; requires_grad: boolean }

export interface SavedTensorRecord {
  name: string;
  /** Null once the graph freed it (after `backward()` without `retain_graph`). */
  tensor: TensorMeta | null;
  isOutput: boolean;
}

export interface GraphNodeRecord {
  id: number;
  /** PyTorch's class name: `MulBackward0`, `AccumulateGrad`. */
  name: string;
  /** `next_functions`: the nodes that receive this node's input gradients (null where an input needs none). */
  next: { node: number | null; input_nr: number }[];
  saved: SavedTensorRecord[];
  /** Ids of the tensors this node produced (for AccumulateGrad: the leaf it writes). */
  outputs: number[];
  /** For AccumulateGrad: the leaf tensor it accumulates into. */
  variable: number | null;
}

export interface GraphRecord {
  /** Every node reachable from a recorded tensor, newest first. */
  nodes: GraphNodeRecord[];
  edges: { from: number; to: number; input_nr: number }[];
  /** Leaf tensors that require grad and appear in the graph. */
  leaves: TensorMeta[];
  /** After backward: each leaf's `.grad` (and retained non-leaf grads). */
  grads: { tensor: number; grad: TensorMeta }[];
  /** Nodes that are the `grad_fn` of a recorded tensor. */
  roots: number[];
}

export interface ConsoleLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** The top-level statement that was running, and the snippet line of the call that printed. */
  statement: number | null;
  location: SourcePosition | null;
}

/**
 * - `syntax`: the snippet did not parse (esbuild's message);
 * - `runtime`: it threw;
 * - `timeout` / `out-of-memory`: the runner ended it;
 * - `cancelled`: the caller stopped it (the editor's Stop command, or a newer run in live mode);
 * - `internal`: the runner itself failed.
 */
export type ErrorKind = 'syntax' | 'runtime' | 'timeout' | 'out-of-memory' | 'cancelled' | 'internal';

export interface ErrorRecord {
  kind: ErrorKind;
  /** PyTorch's or JavaScript's class name: `RuntimeError`, `TypeError`, `SyntaxError`, `TimeoutError`, `MemoryError`, `CancelledError`. */
  name: string;
  message: string;
  location: SourcePosition | null;
  statement: number | null;
  /** Snippet frames of the stack, innermost first. */
  stack: SourcePosition[];
  /** `FILE:LINE:COL Name: message`, as the CLI prints it. */
  text: string;
}
