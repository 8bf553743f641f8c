// The snippet's console output up to the timeline's statement, as the CLI printed it.
import { h } from '../dom.ts';
import type { Change, Store } from '../store.ts';

export class ConsoleView {
  readonly element: HTMLDetailsElement;
  private readonly summary = h('summary');
  private readonly output = h('pre', { 'aria-label': 'Console output' });

  constructor(private readonly store: Store) {
    this.element = h('details', { class: 'console' }, this.summary, this.output);
  }

  update(changes: ReadonlySet<Change>): void {
    if (!changes.has('record') && !changes.has('statement')) return;
    const record = this.store.record;
    const k = this.store.state.statement;
    const lines = (record?.console ?? []).filter((line) => line.statement === null || line.statement <= k);
    this.element.hidden = !record || record.console.length === 0;
    this.summary.textContent = `Console output (${lines.length} of ${record?.console.length ?? 0} lines, up to statement ${k + 1})`;
    this.output.replaceChildren(...lines.map((line) => h('div', { class: line.stream }, line.text)));
  }
}
