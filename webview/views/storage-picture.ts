// The storage picture (SVG): one storage as a strip of cells, each tensor viewing it as an index grid whose cells say
// which storage position they read, colour-coded per tensor. The selected tensor's cells are lit up in the strip,
// numbered in the order it walks them, and joined by arcs above the strip (so `a.t()` visibly jumps back and forth).
import type { PreviewValue, TensorRecord } from '../../extension/protocol/record.ts';
import { s } from '../dom.ts';
import { formatScalar, shapeText, tuple } from '../model/format.ts';
import { presentIndices } from '../model/preview.ts';
import { stripPositions } from '../model/storage.ts';
import { storagePosition } from '../model/strides.ts';

export interface PictureView {
  tensor: TensorRecord;
  name: string;
  colour: number;
  values: PreviewValue | null;
}

export interface PictureInput {
  storageId: number;
  size: number;
  caption: string;
  cells: Map<number, PreviewValue>;
  views: PictureView[];
  selected: number | null;
}

const cellHeight = 34;
const margin = 16;
const gridCellHeight = 34;
const maxWalkSteps = 64;
const maxGridSide = 12;

/** At most `max` of a dimension's present indices: the first and last halves around a gap (null). */
function limit(indices: (number | null)[], max: number): (number | null)[] {
  const present = indices.filter((i): i is number => i !== null);
  if (present.length <= max && indices.every((i) => i !== null)) return indices;
  if (present.length <= max) return indices;
  const half = Math.floor(max / 2);
  return [...present.slice(0, half), null, ...present.slice(present.length - (max - half - 1))];
}

/** The rows (index prefixes) and columns (last index) of a tensor's grid, from its preview's present indices. */
function gridIndices(tensor: TensorRecord, values: PreviewValue | null): { rows: (number[] | null)[]; cols: (number | null)[] } {
  const shape = tensor.shape;
  if (shape.length === 0) return { rows: [[]], cols: [null] };
  const present = (dimValues: PreviewValue | null, d: number): (number | null)[] =>
    Array.isArray(dimValues) ? presentIndices(dimValues, shape[d]!) : Array.from({ length: shape[d]! }, (_, i) => i);
  const first = (v: PreviewValue | null): PreviewValue | null => (Array.isArray(v) ? v.find((x) => x !== '...') ?? null : null);
  let sample = values;
  const perDim: (number | null)[][] = [];
  for (let d = 0; d < shape.length; d++) {
    perDim.push(present(sample, d));
    sample = first(sample);
  }
  const cols = limit(perDim[shape.length - 1]!, maxGridSide);
  let rows: (number[] | null)[] = [[]];
  for (let d = 0; d < shape.length - 1; d++) {
    const next: (number[] | null)[] = [];
    for (const prefix of rows) {
      if (prefix === null) { next.push(null); continue; }
      for (const i of perDim[d]!) next.push(i === null ? null : [...prefix, i]);
    }
    rows = next.filter((r, k) => !(r === null && next[k - 1] === null));
  }
  if (rows.length > maxGridSide) rows = [...rows.slice(0, maxGridSide / 2), null, ...rows.slice(rows.length - maxGridSide / 2 + 1)];
  return { rows, cols };
}

function valueAt(values: PreviewValue | null, shape: readonly number[], index: readonly number[]): PreviewValue | null {
  let v = values;
  for (let d = 0; d < index.length; d++) {
    if (!Array.isArray(v)) return null;
    const k = presentIndices(v, shape[d]!).indexOf(index[d]!);
    if (k < 0) return null;
    v = v[k]!;
  }
  return Array.isArray(v) ? null : v;
}

// Note [Cell widths]: a cell is as wide as the widest text it must hold, estimated from the monospace font's advance
// (0.6em in the usual editor fonts; a little more, so that estimates err wide), within limits. A text wider than the
// widest cell shrinks its font, down to a floor, and past that is squeezed to the cell with `textLength`.
const valueFont = 12;
const labelFont = 10;
const minFont = 9;
const advance = 0.61;
const cellPadding = 12;
const minCellWidth = { strip: 40, grid: 48 };
const maxCellWidth = { strip: 160, grid: 112 };

function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * advance;
}

function valueText(value: PreviewValue | null | undefined): string {
  return value === null || value === undefined ? '?' : formatScalar(value);
}

/** The width of cells holding `texts` (values at 12px, `labels` at 10px), within `min` and `max`. */
function cellWidth(texts: readonly string[], labels: readonly string[], min: number, max: number): number {
  const widest = Math.max(0, ...texts.map((t) => textWidth(t, valueFont)), ...labels.map((t) => textWidth(t, labelFont)));
  return Math.min(max, Math.max(min, Math.ceil(widest + cellPadding)));
}

/** A text centred at `x` that fits `width` (Note [Cell widths]). */
function fittedText(text: string, x: number, y: number, width: number, fontSize: number, className?: string): SVGTextElement {
  const element = s('text', { x, y, 'text-anchor': 'middle', ...(className ? { class: className } : {}) }, text);
  const room = width - 6;
  const wanted = textWidth(text, fontSize);
  if (wanted <= room) return element;
  // Set through the CSSOM: the stylesheet's font size would win over a presentation attribute, and the page's CSP
  // allows no style attributes.
  const size = Math.max(minFont, Math.floor(fontSize * room / wanted * 10) / 10);
  element.style.fontSize = `${size}px`;
  if (textWidth(text, size) > room) {
    element.setAttribute('textLength', String(room));
    element.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
  return element;
}

/** Draws the picture; returns the SVG element (also what "Export" saves). */
export function storagePicture(input: PictureInput): SVGSVGElement {
  const selected = input.views.find((v) => v.tensor.id === input.selected) ?? null;
  const walk: { index: number[]; position: number }[] = [];
  if (selected) {
    const { rows, cols } = gridIndices(selected.tensor, selected.values);
    for (const row of rows) {
      if (row === null) continue;
      for (const col of cols) {
        if (col === null) continue;
        const index = selected.tensor.shape.length === 0 ? [] : [...row, col];
        walk.push({ index, position: storagePosition(index, selected.tensor.stride, selected.tensor.storage_offset) });
        if (walk.length >= maxWalkSteps) break;
      }
      if (walk.length >= maxWalkSteps) break;
    }
  }
  const wanted = [...walk.map((w) => w.position), ...input.views.flatMap((v) => [v.tensor.storage_offset])];
  const positions = stripPositions(input.size, wanted);
  const arcSpace = selected && walk.length > 1 ? 64 : 12;
  const stripTop = margin + 22 + arcSpace;
  const svg = s('svg', { xmlns: 'http://www.w3.org/2000/svg', role: 'img', class: 'storage-picture', 'data-storage-id': input.storageId });
  const title = s('title', {}, `Storage #${input.storageId}: ${input.size} cells, viewed by ${input.views.map((v) => v.name).join(', ')}`);
  svg.append(title, s('text', { x: margin, y: margin + 10, class: 'caption' }, input.caption));

  // The strip.
  const cellX = new Map<number, { x: number; width: number }>();
  const strip = s('g', { class: `strip colour-${selected?.colour ?? 0}`, 'data-storage-id': input.storageId });
  let x = margin;
  const readOrder = new Map<number, number[]>();
  walk.forEach((w, step) => { const list = readOrder.get(w.position); if (list) list.push(step); else readOrder.set(w.position, [step]); });
  for (const position of positions) {
    if (position === null) {
      strip.append(s('g', { class: 'gap' }, s('text', { x: x + 12, y: stripTop + cellHeight / 2 + 4, 'text-anchor': 'middle' }, '…')));
      x += 24;
      continue;
    }
    const value = input.cells.get(position);
    const text = valueText(value);
    const width = cellWidth([text], [String(position)], minCellWidth.strip, maxCellWidth.strip);
    cellX.set(position, { x, width });
    const order = readOrder.get(position);
    const g = s('g', { class: `cell${value === undefined ? ' unknown' : ''}${order ? ' read' : ''}`, 'data-position': position },
      s('rect', { x, y: stripTop, width, height: cellHeight }),
      fittedText(text, x + width / 2, stripTop + cellHeight / 2 + 4, width, valueFont, 'value'),
      fittedText(String(position), x + width / 2, stripTop + cellHeight + 13, width, labelFont, 'position'));
    if (order) g.append(s('text', { x: x + 3, y: stripTop + 10, class: 'order' }, order.slice(0, 3).join(',') + (order.length > 3 ? '…' : '')));
    strip.append(g);
    x += width;
  }
  svg.append(strip);
  let width = x + margin;

  // The walk: arcs from each read cell to the next.
  if (selected && walk.length > 1) {
    const path = s('g', { class: `walk-path colour-${selected.colour}` },
      s('defs', {}, s('marker', { id: 'walk-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' },
        s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'walk-arrow' }))));
    for (let i = 0; i + 1 < walk.length; i++) {
      const a = cellX.get(walk[i]!.position);
      const b = cellX.get(walk[i + 1]!.position);
      if (!a || !b) continue;
      const x1 = a.x + a.width / 2;
      const x2 = b.x + b.width / 2;
      const lift = Math.min(arcSpace - 8, 10 + Math.abs(x2 - x1) / 6);
      const mid = (x1 + x2) / 2;
      // Arcs start left of a cell's centre and end right of it, so that a cell read and then left shows both ends.
      path.append(s('path', {
        class: 'walk', 'marker-end': 'url(#walk-arrow)', 'data-step': i + 1,
        d: `M ${x1 + 4} ${stripTop - 1} Q ${mid} ${stripTop - 2 * lift} ${x2 - 4} ${stripTop - 1}`,
      }));
    }
    svg.append(path);
  }

  // The grids.
  let gridX = margin;
  let gridY = stripTop + cellHeight + 34;
  let rowHeight = 0;
  const maxRowWidth = Math.max(width, 640);
  for (const view of input.views) {
    const { rows, cols } = gridIndices(view.tensor, view.values);
    const cells = rows.flatMap((row) => (row === null ? [] : cols.flatMap((col) => {
      if (col === null) return [];
      const index = view.tensor.shape.length === 0 ? [] : [...row, col];
      const position = storagePosition(index, view.tensor.stride, view.tensor.storage_offset);
      return [{ index, position, text: valueText(valueAt(view.values, view.tensor.shape, index)) }];
    })));
    // One width for all of a grid's cells, so that its columns line up.
    const cellWidthHere = cellWidth(cells.map((c) => c.text), cells.map((c) => `→${c.position}`), minCellWidth.grid, maxCellWidth.grid);
    const labelWidth = view.tensor.shape.length > 1 ? Math.max(...rows.map((r) => (r ? `[${r.join(', ')}]`.length : 1))) * 7 + 8 : 0;
    const gridWidth = labelWidth + cols.length * cellWidthHere;
    const heading = `${view.name}  ${shapeText(view.tensor.shape)}  stride ${tuple(view.tensor.stride)}  offset ${view.tensor.storage_offset}`;
    const boxWidth = Math.max(gridWidth, heading.length * 7.3);
    if (gridX > margin && gridX + boxWidth > maxRowWidth) {
      gridX = margin;
      gridY += rowHeight + 20;
      rowHeight = 0;
    }
    const isSelected = view.tensor.id === input.selected;
    const g = s('g', { class: `view-grid colour-${view.colour}${isSelected ? ' selected' : ''}`, 'data-tensor-id': view.tensor.id });
    g.append(s('text', { x: gridX, y: gridY + 12, class: 'title' }, heading));
    let y = gridY + 20;
    let next = 0;
    for (const row of rows) {
      if (row === null) {
        g.append(s('text', { x: gridX + labelWidth + 8, y: y + 14, class: 'arrow-label' }, '⋮'));
        y += 18;
        continue;
      }
      if (labelWidth > 0) g.append(s('text', { x: gridX, y: y + gridCellHeight / 2 + 4, class: 'arrow-label' }, `[${row.join(', ')}]`));
      cols.forEach((col, k) => {
        const cx = gridX + labelWidth + k * cellWidthHere;
        if (col === null) {
          g.append(s('text', { x: cx + cellWidthHere / 2, y: y + gridCellHeight / 2 + 4, 'text-anchor': 'middle', class: 'arrow-label' }, '…'));
          return;
        }
        const { index, position, text } = cells[next++]!;
        g.append(s('g', { class: 'grid-cell', 'data-position': position, 'data-index': index.join(',') },
          s('rect', { x: cx, y, width: cellWidthHere, height: gridCellHeight }),
          fittedText(text, cx + cellWidthHere / 2, y + 14, cellWidthHere, valueFont, 'value'),
          fittedText(`→${position}`, cx + cellWidthHere / 2, y + 28, cellWidthHere, labelFont, 'arrow-label')));
      });
      y += gridCellHeight;
    }
    svg.append(g);
    gridX += boxWidth + 28;
    width = Math.max(width, gridX);
    rowHeight = Math.max(rowHeight, y - gridY);
  }
  const height = gridY + rowHeight + margin;
  svg.setAttribute('width', String(Math.ceil(width)));
  svg.setAttribute('height', String(Math.ceil(height)));
  svg.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
  return svg;
}
