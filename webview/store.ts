// The UI's state: the record (with its timeline), the selected tensor, the timeline position, the visible view, the
// variables table's filter and sort, and whether the graph folds repeated nodes. Views subscribe and redraw what a
// change touches; the selection is one value, so every view shows the same tensor.
import type { InspectorRecord } from '../extension/protocol/record.ts';
import type { InspectorViewName, WebviewState } from '../extension/protocol/webview.ts';
import { Timeline } from './model/timeline.ts';

export interface UiState {
  tensor: number | null;
  statement: number;
  view: InspectorViewName;
  filter: string;
  sort: { column: string; descending: boolean };
  fold: boolean;
  /** A new run started: what is shown is from the previous one. */
  stale: boolean;
}

export type Change = keyof UiState | 'record';

export class Store {
  record: InspectorRecord | null = null;
  timeline: Timeline | null = null;
  state: UiState = {
    tensor: null, statement: -1, view: 'storage', filter: '', sort: { column: 'order', descending: false }, fold: true, stale: false,
  };
  private readonly listeners: ((changes: ReadonlySet<Change>) => void)[] = [];

  subscribe(listener: (changes: ReadonlySet<Change>) => void): void {
    this.listeners.push(listener);
  }

  /** Replaces the record, keeping the selection when its tensor is still there. */
  setRecord(record: InspectorRecord, statement: number | 'last' = 'last', tensor: number | null = this.state.tensor): void {
    this.record = record;
    this.timeline = new Timeline(record);
    const position = this.timeline.clamp(statement === 'last' ? null : statement);
    const keep = tensor !== null && this.timeline.tensors.has(tensor) ? tensor : null;
    this.state = { ...this.state, statement: position, tensor: keep ?? this.defaultTensor(position), stale: false };
    this.emit(new Set<Change>(['record', 'statement', 'tensor', 'stale']));
  }

  update(partial: Partial<UiState>): void {
    const changes = new Set<Change>();
    for (const key of Object.keys(partial) as (keyof UiState)[]) {
      if (partial[key] !== this.state[key]) changes.add(key);
    }
    if (changes.size === 0) return;
    this.state = { ...this.state, ...partial };
    this.emit(changes);
  }

  /** The first named tensor, so that a fresh record opens with something to look at. */
  private defaultTensor(statement: number): number | null {
    const timeline = this.timeline!;
    const names = timeline.namesAt(statement);
    const named = timeline.tensorsAt(statement).find((t) => names.has(t.id));
    return named?.id ?? timeline.tensorsAt(statement)[0]?.id ?? null;
  }

  persisted(): WebviewState {
    const { tensor, statement, view, filter, sort } = this.state;
    return { stateVersion: 1, record: this.record, tensor, statement, view, filter, sort };
  }

  private emit(changes: ReadonlySet<Change>): void {
    for (const listener of this.listeners) listener(changes);
  }
}
