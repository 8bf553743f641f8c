// Assembles the record on the host from what the worker streams: statements, console lines and tensor snapshots as
// they happen, then the final response. A run cut short (timeout, memory limit) is finished from what arrived.
import type { ErrorRecord, InspectorRecord, StorageRecord, TensorRecord } from '../protocol/record.ts';
import type { WorkerMessage, WorkerProgram } from '../protocol/worker.ts';
import type { RunOptions } from './runner.ts';
import { errorRecord } from './errors.ts';
import { tensorNames } from './names.ts';

export class RecordBuilder {
  private readonly tensors = new Map<number, TensorRecord>();
  private readonly storages = new Map<number, StorageRecord>();

  constructor(readonly record: InspectorRecord, private readonly program: WorkerProgram, private readonly options: RunOptions) {}

  /** Takes one worker message; returns the errors of the final response, or null while the run goes on. */
  apply(message: WorkerMessage): ErrorRecord[] | null {
    const { record, options } = this;
    switch (message.type) {
      case 'didStartWorker':
        return null;
      case 'didSelectDevice':
        record.device = message.device;
        record.notes.push(...message.notes);
        options.onDevice?.(message.device, message.notes);
        return null;
      case 'didWriteConsole':
        record.console.push(message.line);
        options.onConsole?.(message.line);
        return null;
      case 'didRecordStatement':
        record.statements.push(message.statement);
        this.merge(message.tensors, message.storages);
        options.onStatement?.(message.statement, this.program.statements.length);
        return null;
      case 'runResponse':
        this.merge(message.tensors, message.storages);
        record.graph = message.graph;
        if (message.gpu) record.gpu = message.gpu;
        return message.errors;
      default: {
        const unknown: never = message;
        throw new Error(`unknown worker message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** An error for a run the host ended, located at the statement that was running. */
  endedError(kind: ErrorRecord['kind'], name: string, message: string): ErrorRecord {
    const statements = this.record.statements;
    const next = statements.length === 0 ? 0 : statements[statements.length - 1]!.index + 1;
    const statement = next < this.program.statements.length ? next : null;
    const location = statement === null ? null : this.program.statements[statement]!.range.start;
    return errorRecord(kind, this.program.file, name, message, location, statement);
  }

  /** Adds the errors, names every tensor from the last recorded bindings and settles `ok`. */
  finish(errors: readonly ErrorRecord[]): void {
    const { record } = this;
    record.errors.push(...errors);
    const last = record.statements[record.statements.length - 1];
    const names = tensorNames(last ? last.bindings : []);
    record.tensors = [...this.tensors.values()].sort((a, b) => a.id - b.id);
    for (const t of record.tensors) t.names = names.get(t.id) ?? [];
    record.storages = [...this.storages.values()].sort((a, b) => a.id - b.id);
    record.ok = record.errors.length === 0;
  }

  private merge(tensors: readonly TensorRecord[], storages: readonly StorageRecord[]): void {
    for (const t of tensors) this.tensors.set(t.id, t);
    for (const s of storages) this.storages.set(s.id, s);
  }
}
