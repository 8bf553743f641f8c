// Text for the record's GPU section (docs/record-schema.md, `GpuRecord`): byte sizes as people read them, what a
// statement made the device do, and the statements where each op fell back to the CPU. Pure functions: no DOM.
import type { InspectorRecord, StatementGpuRecord } from '../../extension/protocol/record.ts';

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes in binary units, three significant digits past 1 KiB: `512 B`, `2.5 KiB`, `1.25 MiB`. */
export function bytesText(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${Number(value.toPrecision(3))} ${units[unit]}`;
}

/** `1 kernel`, `3 kernels`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What a statement made the GPU do, in one line (`2 kernels · 24 B up · 4 B down`); empty when nothing. */
export function statementWork(gpu: StatementGpuRecord): string {
  const parts: string[] = [];
  if (gpu.dispatches > 0) parts.push(plural(gpu.dispatches, 'kernel'));
  if (gpu.uploads > 0) parts.push(`${bytesText(gpu.uploadBytes)} up`);
  if (gpu.readbacks > 0) parts.push(`${bytesText(gpu.readbackBytes)} down`);
  return parts.join(' · ');
}

/** The ops a statement ran on the CPU: `mul ×2, sum int64`; empty when none. */
export function statementFallbacks(gpu: StatementGpuRecord): string {
  return gpu.fallbacks.map((f) => (f.count === 1 ? f.op : `${f.op} ×${f.count}`)).join(', ');
}

export interface FallbackSite {
  op: string;
  count: number;
  /** Positions in `record.statements` (the timeline's positions) where it fell back, in order. */
  statements: number[];
}

/** Each op that ran on the CPU (the record's order: most frequent first) with the statements where it did. */
export function fallbackSites(record: InspectorRecord): FallbackSite[] {
  return (record.gpu?.fallbacks ?? []).map(({ op, count }) => ({
    op, count, statements: record.statements.flatMap((s, k) => (s.gpu?.fallbacks.some((f) => f.op === op) ? [k] : [])),
  }));
}
