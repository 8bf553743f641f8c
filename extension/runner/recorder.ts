// The recorder: the instrumented program calls it after every top-level statement with the current bindings. It
// snapshots the tensors those bindings reach, works out what changed since the previous statement (a tensor written
// through another view shows up as a new storage version), and streams one statement record to the host at a time,
// so that a run cut short still leaves a record behind.
import { exportGraph } from '../../engine/autograd/export.ts';
import type { Storage } from '../../engine/core/storage.ts';
import type { Tensor } from '../../engine/core/tensor.ts';
import type {
  BindingRecord, ChangeKind, ChangeRecord, ConsoleLine, DTypeName, GraphRecord, SourcePosition, StatementRecord,
  StorageRecord, TensorMeta, TensorRecord, ValueRecord,
} from '../protocol/record.ts';
import type { RecorderLimits, WorkerMessage, WorkerProgram } from '../protocol/worker.ts';
import type { GpuMeter } from './gpu-meter.ts';
import { tensorNames } from './names.ts';
import { storageRecord, tensorRecord } from './summarize.ts';
import { ValueWalker } from './values.ts';

/** What the recorder compares between statements to tell what changed. */
interface TensorState {
  version: number;
  layout: string;
  autograd: string;
  grad: string;
}

function stateOf(t: Tensor): TensorState {
  return {
    version: t.storage.version,
    layout: `${t._shape.join(',')}|${t._stride.join(',')}|${t._offset}|${t.storage.id}`,
    autograd: `${t.requires_grad}|${t.grad_fn?.id ?? ''}`,
    grad: t._grad ? `${t._grad.id}|${t._grad.storage.version}` : '',
  };
}

function changes(before: TensorState | undefined, after: TensorState): ChangeKind[] {
  if (!before) return ['created'];
  const kinds: ChangeKind[] = [];
  if (before.version !== after.version) kinds.push('written');
  if (before.grad !== after.grad) kinds.push('grad');
  if (before.autograd !== after.autograd) kinds.push('autograd');
  if (before.layout !== after.layout) kinds.push('layout');
  return kinds;
}

const sameState = (a: TensorState, b: TensorState): boolean =>
  a.version === b.version && a.layout === b.layout && a.autograd === b.autograd && a.grad === b.grad;

export class Recorder {
  /** Every tensor recorded so far and its state at its latest snapshot. */
  private readonly seen = new Map<number, { tensor: Tensor; state: TensorState; snapshot: TensorRecord }>();
  private readonly storageTensors = new Map<number, { storage: Storage; tensors: Set<number> }>();
  private readonly walker: ValueWalker;
  private lastBindings: BindingRecord[] = [];
  private consoleCount = 0;
  private consoleLines: number[] = [];
  private finished = -1;
  private lastTime = performance.now();

  constructor(
    private readonly program: WorkerProgram,
    private readonly limits: RecorderLimits,
    private readonly post: (message: WorkerMessage) => void,
    private readonly gpu: GpuMeter | null = null,
  ) {
    this.walker = new ValueWalker(limits.maxItems);
  }

  /** The index of the top-level statement running now. */
  get running(): number { return Math.min(this.finished + 1, this.program.statements.length - 1); }

  statement(index: number, bindings: () => Record<string, unknown>): void {
    this.finish(index, false, undefined, bindings);
  }

  expression(index: number, value: unknown, bindings: () => Record<string, unknown>): void {
    this.finish(index, true, value, bindings);
  }

  console(stream: ConsoleLine['stream'], text: string, location: SourcePosition | null): void {
    const line: ConsoleLine = { stream, text, statement: this.running, location };
    this.consoleLines.push(this.consoleCount++);
    this.post({ type: 'didWriteConsole', line });
  }

  private finish(index: number, isExpression: boolean, value: unknown, bindings: () => Record<string, unknown>): void {
    const durationMs = performance.now() - this.lastTime;
    const gpu = this.gpu?.pause();
    this.walker.reset();
    const bound = bindings();
    const bindingRecords = Object.keys(bound).map((name) => ({ name, value: this.recordValue(bound[name]) }));
    const valueRecord: ValueRecord | undefined = isExpression && value !== undefined ? this.recordValue(value) : undefined;
    const changed: ChangeRecord[] = [];
    const previews: StatementRecord['previews'] = [];
    const tensors: TensorRecord[] = [];
    const storages = new Map<number, Storage>();
    for (const tensor of this.walker.tensors.values()) {
      const state = stateOf(tensor);
      const previous = this.seen.get(tensor.id);
      const kinds = changes(previous?.state, state);
      if (kinds.length === 0) continue;
      changed.push({ tensor: tensor.id, kinds });
      const snapshot = this.snapshot(tensor, state);
      tensors.push(snapshot);
      storages.set(tensor.storage.id, tensor.storage);
      if (kinds.includes('created') || kinds.includes('written')) previews.push({ tensor: tensor.id, preview: snapshot.preview });
    }
    const names = tensorNames(bindingRecords);
    for (const t of tensors) t.names = names.get(t.id) ?? [];
    const info = this.program.statements[index]!;
    const statement: StatementRecord = {
      index, kind: info.kind, range: info.range, bindings: bindingRecords, changed, previews,
      console: this.consoleLines, durationMs,
    };
    if (valueRecord) statement.value = valueRecord;
    if (gpu) statement.gpu = gpu;
    this.post({ type: 'didRecordStatement', statement, tensors, storages: [...storages.values()].map((s) => this.storage(s)) });
    this.lastBindings = bindingRecords;
    this.consoleLines = [];
    this.finished = index;
    this.gpu?.resume();
    this.lastTime = performance.now();
  }

  /** A value the snippet made; one whose getters throw is recorded as such rather than failing the snippet. */
  private recordValue(value: unknown): ValueRecord {
    try {
      return this.walker.record(value);
    } catch (error) {
      return { kind: 'other', type: 'error', repr: `<not recordable: ${error instanceof Error ? error.message : String(error)}>` };
    }
  }

  private snapshot(tensor: Tensor, state: TensorState): TensorRecord {
    const known = this.seen.get(tensor.id);
    if (known && sameState(known.state, state)) return known.snapshot;
    const snapshot = tensorRecord(tensor, this.limits);
    this.seen.set(tensor.id, { tensor, state, snapshot });
    let entry = this.storageTensors.get(tensor.storage.id);
    if (!entry) this.storageTensors.set(tensor.storage.id, entry = { storage: tensor.storage, tensors: new Set() });
    entry.tensors.add(tensor.id);
    return snapshot;
  }

  private storage(storage: Storage): StorageRecord {
    return storageRecord(storage, [...(this.storageTensors.get(storage.id)?.tensors ?? [])].sort((a, b) => a - b));
  }

  /** Final snapshots of every tensor recorded (they may have changed since), their storages and the graph. */
  result(): { tensors: TensorRecord[]; storages: StorageRecord[]; graph: GraphRecord } {
    const names = tensorNames(this.lastBindings);
    const tensors = [...this.seen.values()].map(({ tensor }) => {
      const snapshot = { ...this.snapshot(tensor, stateOf(tensor)) };
      snapshot.names = names.get(tensor.id) ?? [];
      return snapshot;
    });
    const storages = [...this.storageTensors.values()].map(({ storage }) => this.storage(storage));
    return { tensors, storages, graph: this.graph() };
  }

  private graph(): GraphRecord {
    const tensors = [...this.seen.values()].map((s) => s.tensor);
    const exported = exportGraph(tensors);
    const meta = <T extends { dtype: string }>(m: T): T & { dtype: DTypeName } => m as T & { dtype: DTypeName };
    const roots = [...new Set(tensors.flatMap((t) => (t.grad_fn ? [t.grad_fn.id] : [])))];
    return {
      nodes: exported.nodes.map((n) => ({ ...n, saved: n.saved.map((s) => ({ ...s, tensor: s.tensor ? meta(s.tensor) : null })) })),
      edges: exported.edges,
      leaves: exported.leaves.map((l): TensorMeta => meta(l)),
      grads: exported.grads.map((g) => ({ tensor: g.tensor, grad: meta(g.grad) })),
      roots,
    };
  }
}
