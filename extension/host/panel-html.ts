// The inspector panel's page. With the inspector UI built (dist/webview/inspector.js), the page is the UI's shell:
// `<main id="inspector-root">`, the bundle loaded with the page's nonce, and the record sent as messages. Without
// it (a checkout where only the host is built), the panel shows the standalone page of extension/cli/html.ts with a
// small script that speaks the same protocol, so that the panel works, persists and follows the editor either way.
import { randomBytes } from 'node:crypto';
import { renderHtml } from '../cli/html.ts';
import type { InspectorRecord } from '../protocol/record.ts';

export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of both pages: nothing but the page's nonce'd scripts and styles, and the extension's own files. */
export function contentSecurityPolicy(cspSource: string, pageNonce: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource} 'nonce-${pageNonce}'`,
    `script-src 'nonce-${pageNonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    // The graph layout's worker (see the page contract in extension/protocol/webview.ts).
    `worker-src data:`,
  ].join('; ');
}

/** VS Code's theme colours for the elements of the standalone page. */
const themeStyle = `
body { background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 1rem; }
h2 { border-bottom-color: var(--vscode-panel-border); }
th { background: var(--vscode-editorWidget-background); }
th, td { border-color: var(--vscode-panel-border); }
pre, code { font-family: var(--vscode-editor-font-family); }
.console, .source { background: var(--vscode-textCodeBlock-background); }
.error { color: var(--vscode-errorForeground); } .ok { color: var(--vscode-testing-iconPassed); } .empty, .meta { color: var(--vscode-descriptionForeground); }
tr.focused td { background: var(--vscode-editor-findMatchHighlightBackground); outline: 1px solid var(--vscode-focusBorder); }
`;

/** The protocol side of the standalone page: report the load, keep the record in the webview state, focus a tensor's row. */
const pageScript = `
const vscode = acquireVsCodeApi();
const record = JSON.parse(document.getElementById('inspector-record').textContent);
const previous = vscode.getState();
let state = { stateVersion: 1, record, tensor: previous && previous.record && previous.record.file === record.file ? previous.tensor : null,
  statement: null, view: 'values', filter: '', sort: { column: 'name', descending: false } };
function focusTensor(id) {
  state = { ...state, tensor: id };
  vscode.setState(state);
  for (const row of document.querySelectorAll('tr[data-tensor]')) row.classList.toggle('focused', Number(row.dataset.tensor) === id);
  const row = document.querySelector('tr.focused');
  if (row) row.scrollIntoView({ block: 'center' });
}
for (const table of document.querySelectorAll('h2')) {
  if (table.textContent !== 'Tensors') continue;
  for (const row of table.nextElementSibling.querySelectorAll('tbody tr')) row.dataset.tensor = row.cells[0].textContent;
}
window.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'focusTensor') {
    const target = message.tensor;
    const t = 'id' in target ? record.tensors.find((x) => x.id === target.id) : record.tensors.find((x) => x.names.includes(target.name));
    if (t) focusTensor(t.id);
  }
});
vscode.setState(state);
if (state.tensor !== null) focusTensor(state.tensor);
vscode.postMessage({ type: 'didLoadWebview', state: previous || null });
`;

/** The standalone page of a record, themed and scripted for the panel. */
export function recordPage(record: InspectorRecord, cspSource: string): string {
  const pageNonce = nonce();
  const html = renderHtml(record, pageNonce);
  const csp = contentSecurityPolicy(cspSource, pageNonce);
  return html
    .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace('</head>', `<style nonce="${pageNonce}">${themeStyle}</style>\n</head>`)
    .replace(/<\/body>\s*<\/html>\s*$/, `<script nonce="${pageNonce}">${pageScript}</script>\n</body>\n</html>\n`);
}

/** A page for a panel that has no record yet. */
export function emptyPage(cspSource: string): string {
  const pageNonce = nonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(cspSource, pageNonce)}">
<title>Tensor Inspector</title>
<style nonce="${pageNonce}">${themeStyle}</style>
</head>
<body>
<p class="meta">Evaluate a snippet (Tensor Inspector: Evaluate File) to see its tensors here.</p>
<script nonce="${pageNonce}">const vscode = acquireVsCodeApi(); vscode.postMessage({ type: 'didLoadWebview', state: vscode.getState() || null });</script>
</body>
</html>
`;
}

/** The shell of the inspector UI: its root element and its bundle (and stylesheet, when it has one). */
export function uiPage(cspSource: string, scriptUri: string, styleUri: string | null): string {
  const pageNonce = nonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(cspSource, pageNonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tensor Inspector</title>
${styleUri ? `<link rel="stylesheet" href="${styleUri}">` : ''}
</head>
<body>
<main id="inspector-root"></main>
<script nonce="${pageNonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}
