// Error records and their one-line text, `FILE:LINE:COL Name: message`, shared by the host and the worker.
import type { ErrorKind, ErrorRecord, SourcePosition } from '../protocol/record.ts';
import type { Position } from './edits.ts';

/** Turns an internal position (0-based column) into the record's (1-based column). */
export function toSourcePosition(p: Position): SourcePosition {
  return { line: p.line, column: p.column + 1 };
}

export function formatErrorText(file: string, location: SourcePosition | null, name: string, message: string): string {
  const where = location ? `${file}:${location.line}:${location.column}` : file;
  return `${where} ${name}: ${message}`;
}

export function errorRecord(
  kind: ErrorKind, file: string, name: string, message: string, location: SourcePosition | null, statement: number | null,
): ErrorRecord {
  return { kind, name, message, location, statement, stack: location ? [location] : [], text: formatErrorText(file, location, name, message) };
}
