// One standalone page for a record (`tensor-inspector run FILE --html OUT.html`): the inspector UI (the same script
// as the VS Code panel, webview/) with the record embedded, opening in any browser without a server or network.
// The record sits in a non-executing `<script type="application/json">`; the UI reads it with JSON.parse and puts
// its strings into the page as text only. A strict CSP allows the one nonce'd script, nothing inline besides it, no
// eval, and workers from `data:` URLs only (the graph layout worker, Note [Layout worker] in webview/layout/client.ts).
import { randomBytes } from 'node:crypto';
import type { InspectorRecord } from '../protocol/record.ts';

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

/**
 * A script's text made safe to inline: `</script` cannot appear (it would end the element early; in the script's
 * strings and comments `<\/` means the same). The bundle is ASCII (esbuild's `charset: 'ascii'`) and has no `<!--`.
 */
export function inlineScript(code: string): string {
  if (/<!--/.test(code)) throw new Error('the webview script contains "<!--", which cannot be inlined in a page');
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** The page's Content-Security-Policy. */
export function pageCsp(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; worker-src data:`;
}

const style = `
html, body { margin: 0; height: 100%; }
body { font: 13px system-ui, sans-serif; }
noscript p { margin: 2rem; }
`;

/** The whole page for a record; `script` is the webview bundle (see webview-bundle.ts). */
export function renderHtml(record: InspectorRecord, script: string, nonce = randomBytes(16).toString('base64')): string {
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(pageCsp(nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Tensor Inspector: ${record.file}`)}</title>
<style nonce="${e(nonce)}">${style}</style>
</head>
<body>
<div id="inspector-root" aria-busy="true"><noscript><p>The inspector needs JavaScript. The record is embedded in this page as JSON (<code>#inspector-record</code>).</p></noscript></div>
<script type="application/json" id="inspector-record">${embeddedJson(record)}</script>
<script nonce="${e(nonce)}">${inlineScript(script)}</script>
</body>
</html>
`;
}
