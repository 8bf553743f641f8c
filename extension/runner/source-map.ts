// Source map decoding (the "mappings" field of a version 3 map) and the position table the worker uses to turn a
// stack position of the running program into the snippet's own line and column.
import type { Position } from './edits.ts';

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Values = new Map([...base64].map((c, i) => [c, i]));

/** One mapping: a generated position and the source position it came from (1-based lines, 0-based columns). */
export interface Mapping { generated: Position; source: Position }

/** Decodes the `mappings` string of a source map with a single source. Segments without a source are skipped. */
export function decodeMappings(mappings: string): Mapping[] {
  const out: Mapping[] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  let sourceIndex = 0;
  let line = 1;
  for (const lineText of mappings.split(';')) {
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      column += fields[0]!;
      if (fields.length >= 4) {
        sourceIndex += fields[1]!;
        sourceLine += fields[2]!;
        sourceColumn += fields[3]!;
        if (sourceIndex === 0) out.push({ generated: { line, column }, source: { line: sourceLine + 1, column: sourceColumn } });
      }
    }
    line++;
  }
  return out;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = base64Values.get(c);
    if (digit === undefined) throw new Error(`invalid source map character '${c}'`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * Generated -> source positions as a flat, sorted array `[genLine, genColumn, srcLine, srcColumn, ...]`, so that it
 * crosses the worker boundary as plain data.
 */
export type PositionTable = number[];

export function positionTable(mappings: readonly Mapping[]): PositionTable {
  const sorted = [...mappings].sort((a, b) => a.generated.line - b.generated.line || a.generated.column - b.generated.column);
  return sorted.flatMap((m) => [m.generated.line, m.generated.column, m.source.line, m.source.column]);
}

/** The source position of a generated one: the nearest mapping at or before it (on an earlier line if need be). */
export function lookup(table: PositionTable, generated: Position): Position | null {
  let lo = 0;
  let hi = table.length / 4 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const line = table[mid * 4]!;
    const column = table[mid * 4 + 1]!;
    if (line < generated.line || (line === generated.line && column <= generated.column)) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found < 0 ? null : { line: table[found * 4 + 2]!, column: table[found * 4 + 3]! };
}
