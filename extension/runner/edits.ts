// Text edits that remember where every character came from, and line/column <-> offset conversion. The runner
// edits the snippet twice (float literals before esbuild, instrumentation after it) and maps positions back through
// both edits and esbuild's source map.

/** Replace `source.slice(start, end)` with `text`. Edits must not overlap; inserts have `start === end`. */
export interface Edit { start: number; end: number; text: string }

/** A position: 1-based line, 0-based column (esbuild's and source maps' convention). */
export interface Position { line: number; column: number }

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }
  get lineCount(): number { return this.starts.length; }
  offset(position: Position): number {
    const line = Math.min(Math.max(position.line, 1), this.starts.length);
    return Math.min(this.starts[line - 1]! + Math.max(position.column, 0), this.text.length);
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! };
  }
}

/** The result of applying edits: the new text and maps between offsets of the original and of the new text. */
export class EditedText {
  /** Unchanged runs of text: [start in the new text, start in the original, length]. */
  private readonly runs: [number, number, number][] = [];
  readonly text: string;

  constructor(readonly original: string, edits: readonly Edit[]) {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const parts: string[] = [];
    let from = 0;
    let length = 0;
    for (const edit of sorted) {
      if (edit.start < from) throw new Error(`overlapping edits at offset ${edit.start}`);
      this.runs.push([length, from, edit.start - from]);
      parts.push(original.slice(from, edit.start), edit.text);
      length += edit.start - from + edit.text.length;
      from = edit.end;
    }
    this.runs.push([length, from, original.length - from]);
    parts.push(original.slice(from));
    this.text = parts.join('');
  }

  /** Where a character of the new text came from; inserted text maps to the place it was inserted at. */
  toOriginal(offset: number): number {
    const run = this.find(offset, 0);
    return run[1] + Math.min(offset - run[0], run[2]);
  }

  /** Where a character of the original text went. */
  toEdited(offset: number): number {
    const run = this.find(offset, 1);
    return run[0] + Math.min(offset - run[1], run[2]);
  }

  private find(offset: number, key: 0 | 1): [number, number, number] {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid]![key] <= offset) lo = mid; else hi = mid - 1;
    }
    return this.runs[lo]!;
  }
}
