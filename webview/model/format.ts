// Text for shapes, strides and values as PyTorch writes them. Pure functions: no DOM, unit-tested in Node.
import type { PreviewValue, TensorRecord, ValueRecord } from '../../extension/protocol/record.ts';

/** Python's tuple text, as `t.stride()` prints: `(3, 1)`, `(1,)`, `()`. */
export function tuple(items: readonly number[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** A shape as `t.shape` lists it: `[2, 3]`. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The name people know a tensor by: its first variable name, else its id. */
export function tensorName(tensor: Pick<TensorRecord, 'id' | 'names'> | undefined, id: number, names?: readonly string[]): string {
  const known = names ?? tensor?.names ?? [];
  return known.length > 0 ? known.join(' = ') : `#${id}`;
}

/** One preview element: integers as they are, floats with up to 4 significant digits, booleans as Python's. */
export function formatScalar(value: PreviewValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return '[...]';
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A preview as one line: `[[1, 2], [3, 4]]`, cut to `limit` characters. */
export function previewLine(value: PreviewValue, limit = 80): string {
  const text = Array.isArray(value) ? `[${value.map((v) => previewLine(v, Infinity)).join(', ')}]` : formatScalar(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A binding's value as a REPL line, for values that are not tensors. */
export function valueText(value: ValueRecord, tensorLabel: (id: number) => string): string {
  switch (value.kind) {
    case 'tensor': return tensorLabel(value.id);
    case 'list': return `[${value.items.map((v) => valueText(v, tensorLabel)).join(', ')}${value.omitted ? `, … ${value.omitted} more` : ''}]`;
    case 'object': return `{${value.entries.map((e) => `${e.key}: ${valueText(e.value, tensorLabel)}`).join(', ')}${value.omitted ? ', …' : ''}}`;
    case 'scalar': case 'other': return value.repr;
    case 'grad_fn': return `<${value.name}>`;
  }
}
