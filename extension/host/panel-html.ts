// The inspector panel's page: the inspector UI's shell (see the page contract in extension/protocol/webview.ts): its
// root element and its bundle, dist/webview/inspector.js, loaded with the page's nonce under a strict CSP. The record
// arrives embedded in the page or as messages; the UI themes itself from VS Code's `--vscode-*` variables.
import { randomBytes } from 'node:crypto';
import { embeddedJson } from '../cli/html.ts';
import type { InspectorRecord } from '../protocol/record.ts';

/** The Content-Security-Policy: nothing but the page's nonce'd script, the extension's own files and the layout worker. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    // The UI adopts constructed stylesheets; web components may add nonce'd or extension-served styles.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    // The graph layout's worker, started from a data: URL (Note [Layout worker] in webview/layout/client.ts).
    `worker-src data:`,
  ].join('; ');
}

/** The page; a record given is embedded for the UI to start with (a non-executing JSON script element). */
export function inspectorPage(cspSource: string, scriptUri: string, record: InspectorRecord | null, nonce = randomBytes(16).toString('base64')): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tensor Inspector</title>
</head>
<body>
<main id="inspector-root" aria-busy="true"></main>
${record ? `<script type="application/json" id="inspector-record">${embeddedJson(record)}</script>\n` : ''}<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}
