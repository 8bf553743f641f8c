// One standalone page for a record (`tensor-inspector run FILE --html OUT.html`): opens in any browser without a
// server or network. Until the inspector UI replaces it, the page is a plain server-side rendering of the record;
// the record itself is embedded as JSON in a non-executing `<script type="application/json">` for that UI to read.
// Every string from the record is escaped, and a strict CSP (`default-src 'none'`, nonce'd style and scripts)
// keeps anything in a snippet's output from running.
import { randomBytes } from 'node:crypto';
import type {
  BindingRecord, InspectorRecord, PreviewValue, StatementRecord, TensorRecord, ValueRecord,
} from '../protocol/record.ts';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);
}

/** JSON that cannot end the `<script>` element it sits in, nor start a comment or a CDATA section. */
export function embeddedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const e = escapeHtml;

/** Python's tuple text: `(3, 1)`, `(1,)`. */
function tuple(items: readonly number[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function previewText(value: PreviewValue): string {
  return Array.isArray(value) ? `[${value.map(previewText).join(', ')}]` : String(value);
}

function tensorLabel(t: TensorRecord | undefined, id: number): string {
  if (!t) return `tensor #${id}`;
  return `tensor #${id} ${t.dtype}[${t.shape.join(', ')}]`;
}

function valueText(value: ValueRecord, tensors: Map<number, TensorRecord>): string {
  switch (value.kind) {
    case 'tensor': return tensorLabel(tensors.get(value.id), value.id);
    case 'list': return `[${value.items.map((v) => valueText(v, tensors)).join(', ')}${value.omitted ? `, ... ${value.omitted} more` : ''}]`;
    case 'object': return `{${value.entries.map((en) => `${en.key}: ${valueText(en.value, tensors)}`).join(', ')}${value.omitted ? ', ...' : ''}}`;
    case 'scalar': case 'other': return value.repr;
    case 'grad_fn': return `<${value.name}>`;
  }
}

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="empty">none</p>';
  const head = headers.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function variables(bindings: BindingRecord[], tensors: Map<number, TensorRecord>): string {
  return table(
    ['name', 'value', 'shape', 'dtype', 'stride', 'offset', 'storage', 'contiguous', 'requires_grad', 'grad_fn', 'values'],
    bindings.map((b) => {
      const t = b.value.kind === 'tensor' ? tensors.get(b.value.id) : undefined;
      if (!t) return [`<code>${e(b.name)}</code>`, e(valueText(b.value, tensors)), '', '', '', '', '', '', '', '', ''];
      return [
        `<code>${e(b.name)}</code>`, e(`tensor #${t.id}`), e(`[${t.shape.join(', ')}]`), e(t.dtype), e(tuple(t.stride)),
        String(t.storage_offset), e(`#${t.storageId}`), t.is_contiguous ? 'yes' : 'no', t.requires_grad ? 'True' : 'False',
        e(t.grad_fn ?? ''), `<code>${e(previewText(t.preview.values))}</code>`,
      ];
    }),
  );
}

function tensorsTable(record: InspectorRecord): string {
  return table(
    ['id', 'names', 'shape', 'stride', 'offset', 'dtype', 'device', 'storage', 'version', 'view of', 'grad_fn', 'grad', 'min', 'max', 'mean', 'nan'],
    record.tensors.map((t) => [
      String(t.id), e(t.names.join(', ')), e(`[${t.shape.join(', ')}]`), e(tuple(t.stride)), String(t.storage_offset),
      e(t.dtype), e(t.device), e(`#${t.storageId}`), String(t.version), t.baseId === null ? '' : e(`#${t.baseId}`),
      e(t.grad_fn ?? ''), t.gradId === null ? '' : e(`#${t.gradId}`),
      e(String(t.stats.min ?? '')), e(String(t.stats.max ?? '')), e(String(t.stats.mean ?? '')), String(t.stats.nanCount),
    ]),
  );
}

function storagesTable(record: InspectorRecord, tensors: Map<number, TensorRecord>): string {
  return table(
    ['id', 'elements', 'dtype', 'device', 'bytes', 'version', 'viewed by'],
    record.storages.map((s) => [
      e(`#${s.id}`), String(s.size), e(s.dtype), e(s.device), String(s.nbytes), String(s.version),
      e(s.tensors.map((id) => { const names = tensors.get(id)?.names ?? []; return names.length ? `${names.join(' = ')} (#${id})` : `#${id}`; }).join(', ')),
    ]),
  );
}

function sourceLines(record: InspectorRecord, s: StatementRecord): string {
  return record.source.split(/\r?\n/).slice(s.range.start.line - 1, s.range.end.line).join('\n');
}

function timeline(record: InspectorRecord, tensors: Map<number, TensorRecord>): string {
  return table(
    ['#', 'line', 'statement', 'value', 'changed', 'printed', 'ms'],
    record.statements.map((s) => [
      String(s.index), String(s.range.start.line), `<pre>${e(sourceLines(record, s))}</pre>`,
      s.value ? e(valueText(s.value, tensors)) : '',
      e(s.changed.map((c) => `${tensors.get(c.tensor)?.names.join(' = ') || `#${c.tensor}`}: ${c.kinds.join(', ')}`).join('; ')),
      `<pre>${e(s.console.map((i) => record.console[i]?.text ?? '').join('\n'))}</pre>`,
      s.durationMs.toFixed(2),
    ]),
  );
}

function graphTable(record: InspectorRecord): string {
  const names = new Map(record.graph.nodes.map((n) => [n.id, n.name]));
  return table(
    ['node', 'name', 'next_functions', 'saved', 'outputs'],
    record.graph.nodes.map((n) => [
      String(n.id), e(n.name),
      e(n.next.map((x) => (x.node === null ? 'None' : `${names.get(x.node) ?? '?'} #${x.node}`)).join(', ')),
      e(n.saved.map((s) => `${s.name}${s.tensor ? ` #${s.tensor.id} [${s.tensor.shape.join(', ')}]` : ' (freed)'}`).join(', ')),
      e(n.outputs.map((id) => `#${id}`).join(', ')),
    ]),
  );
}

const style = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; background: #fff; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } pre, code { font: 12px/1.4 ui-monospace, monospace; margin: 0; white-space: pre-wrap; }
.console, .source { background: #f6f8fa; padding: 0.75rem; border-radius: 6px; }
.error { color: #b42318; } .ok { color: #1a7f37; } .empty, .meta { color: #656d76; }
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } th, .console, .source { background: #161b22; } th, td { border-color: #30363d; } }
`;

/** The whole page for a record. */
export function renderHtml(record: InspectorRecord, nonce = randomBytes(16).toString('base64')): string {
  const tensors = new Map(record.tensors.map((t) => [t.id, t]));
  const last = record.statements[record.statements.length - 1];
  const status = record.ok ? '<span class="ok">ran</span>' : '<span class="error">failed</span>';
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Tensor Inspector: ${record.file}`)}</title>
<style nonce="${e(nonce)}">${style}</style>
</head>
<body>
<h1>Tensor Inspector: <code>${e(record.file)}</code></h1>
<p class="meta">${status} on ${e(record.device)} &middot; ${record.statements.length} statements &middot; compiled in ${record.timing.transpileMs.toFixed(1)} ms, ran in ${record.timing.runMs.toFixed(1)} ms &middot; record schema ${record.schemaVersion}</p>
${record.notes.map((n) => `<p class="meta">${e(n)}</p>`).join('\n')}
${record.errors.length ? `<h2>Errors</h2>\n${record.errors.map((er) => `<pre class="error">${e(er.text)}</pre>`).join('\n')}` : ''}
<h2>Variables</h2>
${variables(last?.bindings ?? [], tensors)}
<h2>Storages</h2>
${storagesTable(record, tensors)}
<h2>Tensors</h2>
${tensorsTable(record)}
<h2>Timeline</h2>
${timeline(record, tensors)}
<h2>Console output</h2>
${record.console.length ? `<pre class="console">${e(record.console.map((l) => l.text).join('\n'))}</pre>` : '<p class="empty">none</p>'}
<h2>Autograd graph</h2>
${graphTable(record)}
<h2>Source</h2>
<pre class="source">${e(record.source)}</pre>
<script type="application/json" id="inspector-record">${embeddedJson(record)}</script>
</body>
</html>
`;
}
