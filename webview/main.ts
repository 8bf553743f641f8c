// The inspector webview's entry point: one browser bundle for the VS Code panel and the standalone page.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { createHost, embeddedRecord } from './host.ts';
import { LayoutClient } from './layout/client.ts';
import { adoptStyles } from './styles.ts';
import { applyStandaloneTheme } from './theme.ts';
import { App } from './views/app.ts';

performance.mark('inspector-start');
const host = createHost();
if (host.kind === 'standalone') applyStandaloneTheme('auto');
adoptStyles();
const root = document.getElementById('inspector-root') ?? document.body.appendChild(document.createElement('div'));
const layouts = new LayoutClient();
layouts.warmUp();
const app = new App(root, host, layouts);
const { record, error } = embeddedRecord();
app.start(record, error, host.kind === 'standalone' ? new URLSearchParams(location.hash.slice(1)) : null);
root.removeAttribute('aria-busy');
requestAnimationFrame(() => {
  performance.mark('inspector-rendered');
  document.body.dataset['inspectorReady'] = 'true';
});
