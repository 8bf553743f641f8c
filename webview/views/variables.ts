// The variables table: every tensor that exists after the timeline's statement, with PyTorch's facts about it.
// Sortable by any column, filtered by free text; a row is selected with the mouse or the arrow keys, and the
// selection is the one every view shows.
import type { TensorRecord } from '../../extension/protocol/record.ts';
import { h } from '../dom.ts';
import { previewLine, shapeText, tensorName, tuple } from '../model/format.ts';
import type { Change, Store } from '../store.ts';

interface Row { tensor: TensorRecord; name: string; named: boolean; order: number }

interface Column {
  key: string;
  title: string;
  cell(row: Row, store: Store): string;
  sortValue(row: Row): string | number;
  className?: string;
}

const columns: Column[] = [
  { key: 'name', title: 'name', className: 'name', cell: (r) => r.name, sortValue: (r) => `${r.named ? 0 : 1}${r.name}` },
  { key: 'shape', title: 'shape', cell: (r) => shapeText(r.tensor.shape), sortValue: (r) => r.tensor.numel },
  { key: 'dtype', title: 'dtype', cell: (r) => r.tensor.dtype, sortValue: (r) => r.tensor.dtype },
  { key: 'stride', title: 'stride', cell: (r) => tuple(r.tensor.stride), sortValue: (r) => tuple(r.tensor.stride) },
  { key: 'offset', title: 'offset', cell: (r) => String(r.tensor.storage_offset), sortValue: (r) => r.tensor.storage_offset },
  { key: 'contiguous', title: 'contiguous', cell: (r) => (r.tensor.is_contiguous ? 'yes' : 'no'), sortValue: (r) => (r.tensor.is_contiguous ? 1 : 0) },
  { key: 'storage', title: 'storage', cell: (r) => `#${r.tensor.storageId}`, sortValue: (r) => r.tensor.storageId },
  { key: 'requires_grad', title: 'requires_grad', cell: (r) => (r.tensor.requires_grad ? 'True' : 'False'), sortValue: (r) => (r.tensor.requires_grad ? 1 : 0) },
  { key: 'grad_fn', title: 'grad_fn', cell: (r) => r.tensor.grad_fn ?? '', sortValue: (r) => r.tensor.grad_fn ?? '' },
  { key: 'device', title: 'device', cell: (r) => r.tensor.device, sortValue: (r) => r.tensor.device },
  {
    key: 'values', title: 'values', className: 'values',
    cell: (r, store) => { const at = store.timeline!.previewAt(r.tensor.id, store.state.statement); return at ? previewLine(at.preview.values, 48) : ''; },
    sortValue: (r) => r.order,
  },
];

/** Scrolls the table vertically only (scrollIntoView would also scroll a wide table sideways). */
function scrollRowIntoView(row: HTMLTableRowElement): void {
  const scroller = row.closest('.scroll');
  if (!scroller) return;
  const head = row.closest('table')?.tHead?.offsetHeight ?? 0;
  const top = row.offsetTop - head;
  const bottom = row.offsetTop + row.offsetHeight;
  if (top < scroller.scrollTop) scroller.scrollTop = top;
  else if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight;
}

export class VariablesView {
  readonly element: HTMLElement;
  private readonly filter = h('vscode-textfield', { placeholder: 'Filter: name, shape, dtype, grad_fn', 'aria-label': 'Filter tensors', id: 'variables-filter' });
  private readonly body = h('tbody');
  private readonly head = h('tr');
  private readonly table = h('table', { class: 'variables', role: 'grid', 'aria-label': 'Tensors', 'aria-readonly': 'true' });
  private readonly count = h('span', { class: 'muted', 'aria-live': 'polite' });
  private rows: Row[] = [];

  constructor(private readonly store: Store) {
    this.table.append(h('thead', {}, this.head), this.body);
    for (const column of columns) {
      const button = h('button', { type: 'button' }, column.title);
      button.addEventListener('click', () => this.sortBy(column.key));
      this.head.append(h('th', { scope: 'col', 'data-column': column.key }, button));
    }
    this.filter.addEventListener('input', () => this.store.update({ filter: (this.filter as unknown as { value: string }).value }));
    this.body.addEventListener('click', (event) => {
      const row = (event.target as Element).closest('tr');
      if (row?.dataset['tensorId']) this.store.update({ tensor: Number(row.dataset['tensorId']) });
    });
    this.body.addEventListener('keydown', (event) => this.onKey(event));
    this.element = h('section', { class: 'pane variables-pane', 'aria-labelledby': 'variables-title' },
      h('div', { class: 'pane-title' }, h('h2', { id: 'variables-title' }, 'Variables'), this.filter, this.count),
      h('div', { class: 'scroll' }, this.table));
  }

  private sortBy(key: string): void {
    const sort = this.store.state.sort;
    this.store.update({ sort: { column: key, descending: sort.column === key ? !sort.descending : false } });
  }

  private onKey(event: KeyboardEvent): void {
    const visible = [...this.body.rows];
    const current = visible.findIndex((r) => r.getAttribute('aria-selected') === 'true');
    let target = current;
    if (event.key === 'ArrowDown') target = Math.min(current + 1, visible.length - 1);
    else if (event.key === 'ArrowUp') target = Math.max(current - 1, 0);
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = visible.length - 1;
    else return;
    event.preventDefault();
    const row = visible[target];
    if (row) {
      this.store.update({ tensor: Number(row.dataset['tensorId']) });
      row.focus({ preventScroll: true });
      scrollRowIntoView(row);
    }
  }

  update(changes: ReadonlySet<Change>): void {
    const timeline = this.store.timeline;
    if (!timeline) {
      this.body.replaceChildren();
      return;
    }
    const { statement, filter, tensor } = this.store.state;
    if (changes.has('record') || changes.has('statement')) {
      const names = timeline.namesAt(statement);
      this.rows = timeline.tensorsAt(statement).map((t, order) => {
        const known = names.get(t.id);
        return { tensor: t, name: tensorName(t, t.id, known ?? []), named: (known?.length ?? 0) > 0, order };
      });
    }
    if (changes.has('filter') && (this.filter as unknown as { value: string }).value !== filter) {
      (this.filter as unknown as { value: string }).value = filter;
    }
    if (changes.has('record') || changes.has('statement') || changes.has('filter') || changes.has('sort')) this.render();
    else if (changes.has('tensor')) this.markSelection(tensor);
  }

  private render(): void {
    const { filter, sort, statement, tensor } = this.store.state;
    const needle = filter.trim().toLowerCase();
    const column = columns.find((c) => c.key === sort.column);
    let rows = this.rows;
    if (needle) {
      rows = rows.filter((r) => `${r.name} ${shapeText(r.tensor.shape)} ${r.tensor.dtype} ${r.tensor.grad_fn ?? ''} #${r.tensor.storageId}`.toLowerCase().includes(needle));
    }
    if (column) {
      const direction = sort.descending ? -1 : 1;
      rows = [...rows].sort((a, b) => {
        const x = column.sortValue(a);
        const y = column.sortValue(b);
        return (x < y ? -1 : x > y ? 1 : a.order - b.order) * direction;
      });
    }
    for (const th of this.head.children) {
      const key = (th as HTMLElement).dataset['column'];
      th.setAttribute('aria-sort', key === sort.column ? (sort.descending ? 'descending' : 'ascending') : 'none');
    }
    const changes = this.store.timeline!.changesAt(statement);
    this.body.replaceChildren(...rows.map((row) => {
      const tr = h('tr', { 'data-tensor-id': row.tensor.id, 'aria-selected': row.tensor.id === tensor ? 'true' : 'false', tabindex: row.tensor.id === tensor ? 0 : -1 });
      for (const c of columns) {
        const td = h('td', { class: c.className ?? null, 'data-column': c.key }, c.cell(row, this.store));
        if (c.key === 'name') {
          if (!row.named) td.classList.add('muted');
          for (const kind of changes.get(row.tensor.id) ?? []) td.append(h('span', { class: `badge ${kind}` }, kind));
        }
        tr.append(td);
      }
      return tr;
    }));
    if (!rows.some((r) => r.tensor.id === tensor)) this.body.rows[0]?.setAttribute('tabindex', '0');
    this.count.textContent = `${rows.length} of ${this.rows.length}`;
  }

  private markSelection(tensor: number | null): void {
    for (const row of this.body.rows) {
      const selected = Number(row.dataset['tensorId']) === tensor;
      row.setAttribute('aria-selected', selected ? 'true' : 'false');
      row.tabIndex = selected ? 0 : -1;
      if (selected && !this.element.contains(document.activeElement)) scrollRowIntoView(row);
    }
  }
}
