// The values view: the selected tensor after the timeline's statement as a grid coloured by value (the last two
// dimensions; a slicer picks the indices of the others), its stats, and the scale. Large tensors show the edge items
// the record's summarized preview keeps, as PyTorch prints them.
import { h } from '../dom.ts';
import { formatScalar, shapeText, tensorName } from '../model/format.ts';
import { colourScale, numericValue, previewSlice, scaleColour, scalePosition, sliceChoices } from '../model/preview.ts';
import type { Change, Store } from '../store.ts';

export class ValuesView {
  readonly element: HTMLElement;
  private readonly heading = h('div', { class: 'toolbar' });
  private readonly slicer = h('div', { class: 'slicer' });
  private readonly grid = h('div', { class: 'scroll' });
  private readonly stats = h('dl', { class: 'stats' });
  private readonly scale = h('div', { class: 'scale' });
  private fixed: number[] = [];
  private fixedFor: number | null = null;

  constructor(private readonly store: Store) {
    this.element = h('div', { class: 'view values-view' }, this.heading, this.slicer, this.grid, this.scale, this.stats);
  }

  update(changes: ReadonlySet<Change>): void {
    if (!changes.has('record') && !changes.has('statement') && !changes.has('tensor')) return;
    const timeline = this.store.timeline;
    const { tensor: id, statement } = this.store.state;
    const tensor = id !== null ? timeline?.tensors.get(id) : undefined;
    if (!timeline || !tensor || !timeline.existsAt(tensor.id, statement)) {
      this.heading.replaceChildren(h('p', { class: 'empty' }, 'Select a tensor to see its values.'));
      for (const part of [this.slicer, this.grid, this.stats, this.scale]) part.replaceChildren();
      return;
    }
    if (this.fixedFor !== tensor.id) {
      this.fixed = tensor.shape.slice(0, -2).map(() => 0);
      this.fixedFor = tensor.id;
    }
    const at = timeline.previewAt(tensor.id, statement);
    const name = tensorName(tensor, tensor.id, timeline.namesAt(statement).get(tensor.id) ?? []);
    this.heading.replaceChildren(h('strong', {}, name), h('span', { class: 'muted' },
      `${shapeText(tensor.shape)} ${tensor.dtype}${at?.preview.summarized ? ' · summarized: the first and last 3 of each long dimension' : ''}`
      + (at ? ` · as of statement ${at.statement + 1}` : '')));
    if (!at) return;
    this.renderSlicer(tensor.shape, at.preview.values);
    this.renderGrid(tensor.shape, at.preview.values, name);
    const stats = tensor.stats;
    const entries: [string, string][] = stats.skipped ? [['stats', 'skipped (too large)']] : [
      ['min', String(stats.min ?? '–')], ['max', String(stats.max ?? '–')], ['mean', String(stats.mean ?? '–')], ['nan', String(stats.nanCount)],
    ];
    this.stats.replaceChildren(h('div', {}, h('dt', {}, 'at the end of the run:')),
      ...entries.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, typeof v === 'string' && /^-?\d/.test(v) ? formatScalar(Number(v)) : v))));
  }

  private renderSlicer(shape: readonly number[], values: Parameters<typeof previewSlice>[0]): void {
    this.slicer.replaceChildren();
    if (shape.length <= 2) return;
    this.slicer.append(h('span', { class: 'muted' }, 'Slice'));
    for (let d = 0; d < shape.length - 2; d++) {
      const choices = sliceChoices(values, shape, d, this.fixed);
      if (!choices.includes(this.fixed[d]!)) this.fixed[d] = choices[0] ?? 0;
      const select = h('select', { 'aria-label': `Index of dimension ${d}`, 'data-dim': d });
      for (const i of choices) select.append(h('option', { value: i }, String(i)));
      select.value = String(this.fixed[d]);
      select.addEventListener('change', () => {
        this.fixed[d] = Number(select.value);
        this.update(new Set<Change>(['tensor']));
      });
      this.slicer.append(h('label', {}, `dim ${d}`, select));
    }
    this.slicer.append(h('span', { class: 'muted' }, `[${this.fixed.join(', ')}, :, :]`));
  }

  private renderGrid(shape: readonly number[], values: Parameters<typeof previewSlice>[0], name: string): void {
    const rows = previewSlice(values, shape, this.fixed);
    const scale = colourScale(rows.flatMap((r) => r.cells.map((c) => numericValue(c.value))));
    const table = h('table', { class: 'values', 'aria-label': `Values of ${name}` });
    const cols = rows.find((r) => r.cells.length > 0)?.cells ?? [];
    if (shape.length >= 1) {
      const head = h('tr', {}, h('td', { 'aria-hidden': 'true' }));
      for (const c of cols) head.append(h('th', { scope: 'col' }, c.index === null ? '…' : String(c.index)));
      table.append(h('thead', {}, head));
    }
    const body = h('tbody');
    for (const row of rows) {
      const tr = h('tr', {}, h('th', { scope: 'row' }, shape.length >= 2 ? (row.index === null ? '⋮' : String(row.index)) : ''));
      if (row.index === null && shape.length >= 2) {
        tr.append(...cols.map(() => h('td', { class: 'gap' }, '⋮')));
      }
      for (const cell of row.cells) {
        if (cell.index === null && shape.length > 0) {
          tr.append(h('td', { class: 'gap' }, '…'));
          continue;
        }
        const td = h('td', {}, cell.value === null ? '' : formatScalar(cell.value));
        const v = numericValue(cell.value);
        if (scale && v !== null && !Number.isNaN(v)) {
          const colour = scaleColour(scale, scalePosition(scale, v));
          td.style.background = colour.background;
          td.style.color = colour.darkText ? '#000' : '#fff';
        }
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    this.grid.replaceChildren(table);
    this.scale.replaceChildren();
    if (scale) {
      const ramp = h('span', { class: 'ramp', 'aria-hidden': 'true' });
      for (let i = 0; i <= 8; i++) {
        const swatch = h('span');
        swatch.style.background = scaleColour(scale, i / 8).background;
        ramp.append(swatch);
      }
      const low = scale.diverging ? -Math.max(-scale.min, scale.max) : scale.min;
      const high = scale.diverging ? Math.max(-scale.min, scale.max) : scale.max;
      this.scale.append(h('span', { class: 'muted' }, 'colour scale'), formatScalar(low), ramp, formatScalar(high));
    }
  }
}
