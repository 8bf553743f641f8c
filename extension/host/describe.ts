// What the editor shows of a record, as plain text and Markdown: the end-of-line annotations and the hover. Plain
// data in and out (no `vscode`), so that it is tested without an editor.
import type {
  InspectorRecord, PreviewValue, StatementRecord, StorageRecord, TensorRecord, ValueRecord,
} from '../protocol/record.ts';

/** One end-of-line annotation: the snippet line (1-based), its text, and the tensor it describes, if any. */
export interface LineAnnotation { line: number; text: string; tensor: number | null; shared: boolean }

const maxPreviewChars = 48;
const floatTypes = new Set(['float32', 'float64']);

/** Python's tuple text: `(3, 1)`, `(1,)`, `()`. */
export function tupleText(items: readonly number[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function numberText(value: PreviewValue, isFloat: boolean): string {
  if (typeof value === 'number') {
    if (!isFloat) return String(value);
    if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.`;
    return String(Number(value.toPrecision(4)));
  }
  return String(value);
}

/** A tensor's preview values as nested lists, cut to `maxChars` with an ellipsis. */
export function previewText(t: Pick<TensorRecord, 'dtype'>, values: PreviewValue, maxChars = maxPreviewChars): string {
  const isFloat = floatTypes.has(t.dtype);
  const render = (v: PreviewValue): string => (Array.isArray(v) ? `[${v.map(render).join(', ')}]` : numberText(v, isFloat));
  const text = render(values);
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

/** `float32[2, 3]`: the tensor's dtype and shape, as the annotations write them. */
export function shapeText(t: Pick<TensorRecord, 'dtype' | 'shape'>): string {
  return `${t.dtype}[${t.shape.join(', ')}]`;
}

/** The names of the other recorded tensors that view `t`'s storage. */
export function storageSharers(record: InspectorRecord, t: TensorRecord): string[] {
  const storage = record.storages.find((s) => s.id === t.storageId);
  if (!storage) return [];
  const byId = new Map(record.tensors.map((other) => [other.id, other]));
  return storage.tensors
    .filter((id) => id !== t.id)
    .flatMap((id) => byId.get(id)?.names ?? [])
    .filter((name, i, all) => all.indexOf(name) === i && !t.names.includes(name));
}

function tensorAnnotation(record: InspectorRecord, statement: StatementRecord, t: TensorRecord): { text: string; shared: boolean } {
  const preview = statement.previews.find((p) => p.tensor === t.id)?.preview ?? t.preview;
  const sharers = storageSharers(record, t);
  const parts = [shapeText(t)];
  if (t.grad_fn) parts.push(`grad_fn=${t.grad_fn}`);
  else if (t.requires_grad) parts.push('requires_grad');
  if (sharers.length > 0) parts.push(`⇄ ${sharers.join(', ')}`);
  parts.push(previewText(t, preview.values));
  return { text: parts.join('  '), shared: sharers.length > 0 };
}

/** A value other than a tensor, as a REPL would echo it, cut short. */
export function valueText(value: ValueRecord, tensors: Map<number, TensorRecord>, maxChars = maxPreviewChars): string {
  const render = (v: ValueRecord): string => {
    switch (v.kind) {
      case 'tensor': { const t = tensors.get(v.id); return t ? `tensor ${shapeText(t)}` : 'tensor'; }
      case 'list': return `[${v.items.map(render).join(', ')}${v.omitted ? ', …' : ''}]`;
      case 'object': return `{${v.entries.map((e) => `${e.key}: ${render(e.value)}`).join(', ')}${v.omitted ? ', …' : ''}}`;
      case 'scalar': case 'other': return v.repr;
      case 'grad_fn': return `<${v.name}>`;
    }
  };
  const text = render(value).replace(/\s*\n\s*/g, ' ');
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

/** Names declared by a statement: bindings it has that the statement before it did not. */
function declaredNames(statement: StatementRecord, previous: StatementRecord | undefined): string[] {
  const before = new Set(previous?.bindings.map((b) => b.name) ?? []);
  return statement.bindings.filter((b) => !before.has(b.name)).map((b) => b.name);
}

/**
 * The annotation of each statement's last line: the tensor a declaration binds (its shape, dtype, a mark when another
 * variable shares its storage, and its values right after the statement) or the value of a bare expression.
 * Statements that produce nothing to show (a `console.log(...)`, a declaration of a plain number) get none unless
 * they hold a value.
 */
export function lineAnnotations(record: InspectorRecord): LineAnnotation[] {
  const tensors = new Map(record.tensors.map((t) => [t.id, t]));
  const annotations: LineAnnotation[] = [];
  record.statements.forEach((statement, i) => {
    const line = statement.range.end.line;
    const push = (text: string, tensor: number | null, shared = false): void => { annotations.push({ line, text, tensor, shared }); };
    const before = annotations.length;
    describeStatement(record, tensors, i, push);
    const fallbacks = statement.gpu?.fallbacks ?? [];
    if (fallbacks.length === 0) return;
    // On the GPU, the ops this line ran on the CPU instead (Note [CPU fallback]) lead its annotation.
    const warning = `⚠ on the CPU: ${fallbacks.map((f) => (f.count === 1 ? f.op : `${f.op} ×${f.count}`)).join(', ')}`;
    const own = annotations[before];
    if (own) own.text = `${warning} · ${own.text}`;
    else push(warning, null);
  });
  return annotations;
}

type Push = (text: string, tensor: number | null, shared?: boolean) => void;

/** The annotation of statement `i`: its declared tensor or values, or its expression's value. */
function describeStatement(record: InspectorRecord, tensors: Map<number, TensorRecord>, i: number, push: Push): void {
  const statement = record.statements[i]!;
  if (statement.kind === 'declaration') {
    const declared = declaredNames(statement, record.statements[i - 1]);
    const values = declared.map((name) => ({ name, value: statement.bindings.find((b) => b.name === name)!.value }));
    if (values.length === 1 && values[0]!.value.kind === 'tensor') {
      const t = tensors.get(values[0]!.value.id);
      if (t) { const a = tensorAnnotation(record, statement, t); push(a.text, t.id, a.shared); }
      return;
    }
    const shown = values.filter((v) => v.value.kind !== 'scalar' || v.value.type !== 'none');
    if (shown.length > 0) push(shown.map((v) => `${v.name} = ${valueText(v.value, tensors)}`).join('  '), null);
    return;
  }
  const value = statement.value;
  if (!value || (value.kind === 'scalar' && value.type === 'none')) return;
  if (value.kind === 'tensor') {
    const t = tensors.get(value.id);
    if (t) { const a = tensorAnnotation(record, statement, t); push(a.text, t.id, a.shared); }
    return;
  }
  push(valueText(value, tensors), null);
}

/** The tensor bound to a top-level variable (or a path such as `parts[0]`) at the end of the run. */
export function tensorNamed(record: InspectorRecord, name: string): TensorRecord | undefined {
  return record.tensors.find((t) => t.names.includes(name));
}

function storageText(storage: StorageRecord | undefined, t: TensorRecord): string {
  if (!storage) return `#${t.storageId}`;
  return `#${storage.id} (${storage.size} × ${storage.dtype}, ${storage.nbytes} bytes)`;
}

const code = (text: string): string => `\`${text.replace(/`/g, 'ˋ')}\``;

/** A fenced block whose fence is longer than any backtick run inside it. */
function fenced(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** The hover of a variable bound to a tensor, as Markdown. `focusLink` is the command link that opens the inspector on it. */
export function tensorHoverMarkdown(record: InspectorRecord, name: string, t: TensorRecord, focusLink: string): string {
  const storage = record.storages.find((s) => s.id === t.storageId);
  const sharers = storageSharers(record, t);
  const grad = t.gradId === null ? null : record.tensors.find((g) => g.id === t.gradId);
  const gradText = t.gradId === null ? code('None') : grad ? `${code(shapeText(grad))} ${code(previewText(grad, grad.preview.values, 40))}` : `tensor #${t.gradId}`;
  const rows: [string, string][] = [
    ['layout', `stride ${code(tupleText(t.stride))} · storage_offset ${code(String(t.storage_offset))} · is_contiguous ${code(t.is_contiguous ? 'True' : 'False')}`],
    ['storage', `${storageText(storage, t)}${sharers.length ? `, shared with ${sharers.map(code).join(', ')}` : ', not shared'}`],
    ['autograd', `requires_grad ${code(t.requires_grad ? 'True' : 'False')} · grad_fn ${code(t.grad_fn ? `<${t.grad_fn}>` : 'None')} · grad ${gradText}`],
  ];
  const others = t.names.filter((n) => n !== name);
  return [
    `**${name}** ${code(`torch.Size([${t.shape.join(', ')}])`)} ${code(`torch.${t.dtype}`)} on ${code(t.device)}${others.length ? ` (also ${others.map(code).join(', ')})` : ''}`,
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([key, value]) => `| ${key} | ${value} |`),
    '',
    fenced(previewText(t, t.preview.values, 300)),
    '',
    `[$(inspect) Open in Tensor Inspector](${focusLink}) · tensor #${t.id}`,
  ].join('\n');
}
