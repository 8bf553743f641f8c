// Reading the record's value previews: each element with its real index (a summarized preview keeps only the edge
// items of long dimensions, "..." marking the gap), 2-D slices for the values grid, and a colour scale.
import type { PreviewValue } from '../../extension/protocol/record.ts';

export interface PreviewEntry { index: number[]; value: PreviewValue }

/** The indices a preview holds along one dimension of `size`: all of them, or the edges around `"..."`. */
export function presentIndices(items: readonly PreviewValue[], size: number): (number | null)[] {
  const gap = items.indexOf('...');
  if (gap < 0) return items.map((_, i) => i);
  const after = items.length - gap - 1;
  return items.map((_, i) => (i < gap ? i : i === gap ? null : size - after + (i - gap - 1)));
}

/** Every element a preview holds, with its index into the tensor. */
export function previewEntries(values: PreviewValue, shape: readonly number[]): PreviewEntry[] {
  const entries: PreviewEntry[] = [];
  const walk = (value: PreviewValue, dim: number, index: number[]): void => {
    if (dim === shape.length || !Array.isArray(value)) {
      entries.push({ index, value });
      return;
    }
    presentIndices(value, shape[dim]!).forEach((i, k) => {
      if (i !== null) walk(value[k]!, dim + 1, [...index, i]);
    });
  };
  walk(values, 0, []);
  return entries;
}

/** One cell of a 2-D slice: `index` along the sliced dimension, or null for a `...` gap. */
export interface SliceCell { index: number | null; value: PreviewValue | null }
export interface SliceRow { index: number | null; cells: SliceCell[] }

/**
 * The 2-D slice of a preview that the values grid draws: the last two dimensions, at the given indices of the leading
 * ones (`fixed`, one per leading dimension). A 1-D tensor is one row; a 0-D tensor one cell.
 */
export function previewSlice(values: PreviewValue, shape: readonly number[], fixed: readonly number[]): SliceRow[] {
  let value = values;
  for (let d = 0; d < shape.length - 2; d++) {
    if (!Array.isArray(value)) break;
    const present = presentIndices(value, shape[d]!);
    const k = present.indexOf(fixed[d] ?? 0);
    value = value[k >= 0 ? k : 0]!;
  }
  const rowsOf = (v: PreviewValue): SliceCell[] => {
    if (!Array.isArray(v)) return [{ index: null, value: v }];
    const size = shape[shape.length - 1]!;
    return presentIndices(v, size).map((i, k) => ({ index: i, value: i === null ? null : v[k]! }));
  };
  if (shape.length === 0) return [{ index: null, cells: [{ index: null, value: value }] }];
  if (shape.length === 1) return [{ index: null, cells: rowsOf(value) }];
  if (!Array.isArray(value)) return [];
  return presentIndices(value, shape[shape.length - 2]!).map((i, k) => ({
    index: i,
    cells: i === null ? [] : rowsOf(value[k]!),
  }));
}

/** The indices a leading dimension offers to the slicer (all, or the edges of a summarized preview). */
export function sliceChoices(values: PreviewValue, shape: readonly number[], dim: number, fixed: readonly number[]): number[] {
  let value = values;
  for (let d = 0; d < dim; d++) {
    if (!Array.isArray(value)) return [];
    const present = presentIndices(value, shape[d]!);
    const k = present.indexOf(fixed[d] ?? 0);
    value = value[k >= 0 ? k : 0]!;
  }
  if (!Array.isArray(value)) return [];
  return presentIndices(value, shape[dim]!).filter((i): i is number => i !== null);
}

/** A preview value as a number for the colour scale, or null (`"nan"`, gaps). */
export function numericValue(value: PreviewValue | null): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  return null;
}

export interface ColourScale { min: number; max: number; diverging: boolean }

/** A scale over the finite values shown: diverging around zero when they have both signs. */
export function colourScale(values: readonly (number | null)[]): ColourScale | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return null;
  return { min, max, diverging: min < 0 && max > 0 };
}

/** Where a value sits on the scale, in [0, 1] (0.5 is zero on a diverging scale). */
export function scalePosition(scale: ColourScale, value: number): number {
  if (value === Infinity) return 1;
  if (value === -Infinity) return 0;
  if (scale.diverging) {
    const extent = Math.max(-scale.min, scale.max);
    return 0.5 + value / (2 * extent);
  }
  return scale.max === scale.min ? 0.5 : (value - scale.min) / (scale.max - scale.min);
}

/**
 * A colour for a scale position, as `rgb(...)`: a light-to-dark blue ramp, or blue-white-red when diverging (both
 * readable in light and dark themes), plus whether text on it should be dark.
 */
export function scaleColour(scale: ColourScale, t: number): { background: string; darkText: boolean } {
  const mix = (a: number[], b: number[], f: number): number[] => a.map((x, i) => Math.round(x + (b[i]! - x) * f));
  let rgb: number[];
  if (scale.diverging) {
    rgb = t < 0.5 ? mix([33, 102, 172], [247, 247, 247], t * 2) : mix([247, 247, 247], [178, 24, 43], (t - 0.5) * 2);
  } else {
    rgb = mix([222, 235, 247], [8, 69, 148], t);
  }
  // WCAG's relative luminance; black text wins when it contrasts more than white (one of them always reaches 4.5:1).
  const [r, g, b] = rgb.map((c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return { background: `rgb(${rgb.join(', ')})`, darkText: (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) };
}
