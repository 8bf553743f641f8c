// Python's indexing expressions, parsed from the text between the brackets: `x.getitem("1:, None, ..., ::2, -1")`
// means `x[1:, None, ..., ::2, -1]`. The parse keeps whether the expression was a tuple, because PyTorch treats a
// lone index (`x[0:2]`) slightly differently from a tuple of one (`x[0:2,]`).
import { IndexError, ValueError } from '../../core/errors.ts';

export type IndexItem =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'bool'; value: boolean };

export interface IndexExpression { items: IndexItem[]; tuple: boolean }

const integer = /^[+-]?\d+$/;
const float = /^[+-]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][+-]?\d+)$/;

function bound(text: string): number | null {
  const t = text.trim();
  if (t === '' || t === 'None') return null;
  if (integer.test(t)) return Number(t);
  throw new TypeError('slice indices must be integers or None or have an __index__ method');
}

function parseItem(text: string): IndexItem {
  const t = text.trim();
  if (t === 'None') return { kind: 'none' };
  if (t === '...' || t === 'Ellipsis') return { kind: 'ellipsis' };
  if (t === 'True' || t === 'False') return { kind: 'bool', value: t === 'True' };
  if (integer.test(t)) return { kind: 'int', value: Number(t) };
  if (t.includes(':')) {
    const parts = t.split(':');
    if (parts.length > 3) throw new ValueError(`invalid slice '${t}'`);
    const step = parts.length === 3 ? bound(parts[2]!) : null;
    if (step === 0) throw new ValueError('slice step cannot be zero');
    if (step !== null && step < 0) throw new ValueError('step must be greater than zero');
    return { kind: 'slice', start: bound(parts[0]!), stop: bound(parts[1]!), step: step ?? 1 };
  }
  if (float.test(t)) {
    throw new IndexError('only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)');
  }
  throw new ValueError(`unsupported index '${t}': use integers, slices, None, ... or a tensor`);
}

/** Parses `"1:, None, ..., ::2, -1"`; an empty expression is the empty tuple (`x[()]`). */
export function parseIndex(expression: string): IndexExpression {
  let text = expression.trim();
  let parenthesised = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    text = text.slice(1, -1).trim();
    parenthesised = true;
  }
  if (text === '') return { items: [], tuple: true };
  const parts = text.split(',');
  const trailingComma = parts.length > 1 && parts[parts.length - 1]!.trim() === '';
  if (trailingComma) parts.pop();
  const tuple = parts.length > 1 || trailingComma || (parenthesised && text.includes(','));
  return { items: parts.map(parseItem), tuple };
}
