// The record as it was after each statement: which tensors existed, what they were called, their values. The
// record keeps every tensor's latest geometry and, per statement, previews of the tensors it created or wrote; a
// view of the past is the latest preview at or before that statement.
import type {
  ChangeKind, InspectorRecord, TensorRecord, ValuePreview, ValueRecord,
} from '../../extension/protocol/record.ts';

export interface PreviewAt { preview: ValuePreview; statement: number }

export class Timeline {
  readonly tensors = new Map<number, TensorRecord>();
  /** The statement that created each tensor (absent: the record never saw it created; treated as always there). */
  readonly createdAt = new Map<number, number>();
  /** The first statement after which each tensor had a `.grad`. */
  readonly gradAt = new Map<number, number>();
  private readonly previews = new Map<number, PreviewAt[]>();
  private readonly namesCache = new Map<number, Map<number, string[]>>();

  constructor(readonly record: InspectorRecord) {
    for (const tensor of record.tensors) this.tensors.set(tensor.id, tensor);
    for (const statement of record.statements) {
      for (const change of statement.changed) {
        if (change.kinds.includes('created') && !this.createdAt.has(change.tensor)) this.createdAt.set(change.tensor, statement.index);
        if (change.kinds.includes('grad') && !this.gradAt.has(change.tensor)) this.gradAt.set(change.tensor, statement.index);
      }
      for (const { tensor, preview } of statement.previews) {
        let list = this.previews.get(tensor);
        if (!list) this.previews.set(tensor, list = []);
        list.push({ preview, statement: statement.index });
      }
    }
  }

  get last(): number {
    return this.record.statements.length - 1;
  }

  /** Clamps a wanted statement index to the record's statements (-1 when there are none). */
  clamp(statement: number | null | undefined): number {
    if (statement === null || statement === undefined || statement > this.last) return this.last;
    return Math.max(Math.min(statement, this.last), this.last < 0 ? -1 : 0);
  }

  existsAt(tensorId: number, statement: number): boolean {
    const created = this.createdAt.get(tensorId);
    return created === undefined || statement < 0 || created <= statement;
  }

  /** The recorded tensors that existed after `statement`, in the record's order. */
  tensorsAt(statement: number): TensorRecord[] {
    return this.record.tensors.filter((t) => this.existsAt(t.id, statement));
  }

  /** The tensor's values after `statement`: its latest preview then, else (never previewed) its final one. */
  previewAt(tensorId: number, statement: number): PreviewAt | undefined {
    const list = this.previews.get(tensorId);
    let found: PreviewAt | undefined;
    if (list) {
      for (const entry of list) {
        if (entry.statement > statement && statement >= 0) break;
        found = entry;
      }
    }
    if (found) return found;
    const tensor = this.tensors.get(tensorId);
    return tensor && this.existsAt(tensorId, statement) ? { preview: tensor.preview, statement: this.last } : undefined;
  }

  hasGradAt(tensorId: number, statement: number): boolean {
    const at = this.gradAt.get(tensorId);
    if (at !== undefined) return statement < 0 || at <= statement;
    return this.tensors.get(tensorId)?.gradId != null && statement >= this.last;
  }

  /** Variable names bound to each tensor after `statement`, with paths into lists and objects (`parts[0]`, `m.w`). */
  namesAt(statement: number): Map<number, string[]> {
    const cached = this.namesCache.get(statement);
    if (cached) return cached;
    const names = new Map<number, string[]>();
    const bindings = this.record.statements[statement]?.bindings;
    if (bindings) {
      for (const binding of bindings) collectNames(binding.value, binding.name, names);
    } else {
      for (const tensor of this.record.tensors) if (tensor.names.length > 0) names.set(tensor.id, [...tensor.names]);
    }
    this.namesCache.set(statement, names);
    return names;
  }

  changesAt(statement: number): Map<number, ChangeKind[]> {
    const changes = new Map<number, ChangeKind[]>();
    for (const change of this.record.statements[statement]?.changed ?? []) changes.set(change.tensor, change.kinds);
    return changes;
  }

  /** The lines of the snippet's source that a statement spans. */
  sourceOf(statement: number): string {
    const s = this.record.statements[statement];
    if (!s) return '';
    const lines = this.record.source.split(/\r?\n/).slice(s.range.start.line - 1, s.range.end.line);
    if (lines.length === 1) return lines[0]!.slice(s.range.start.column - 1, s.range.end.column - 1);
    return lines.join('\n');
  }
}

function collectNames(value: ValueRecord, path: string, names: Map<number, string[]>): void {
  switch (value.kind) {
    case 'tensor': {
      const list = names.get(value.id);
      if (list) list.push(path);
      else names.set(value.id, [path]);
      return;
    }
    case 'list':
      value.items.forEach((item, i) => collectNames(item, `${path}[${i}]`, names));
      return;
    case 'object':
      for (const entry of value.entries) collectNames(entry.value, `${path}.${entry.key}`, names);
      return;
    default:
  }
}
