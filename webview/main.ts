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

const host = createHost();
if (host.kind === 'standalone') applyStandaloneTheme('auto');
adoptStyles();
const root = document.getElementById('inspector-root') ?? document.body.appendChild(document.createElement('div'));
const app = new App(root, host, new LayoutClient());
const { record, error } = embeddedRecord();
app.start(record, error);
root.removeAttribute('aria-busy');
requestAnimationFrame(() => {
  performance.mark('inspector-rendered');
  document.body.dataset['inspectorReady'] = 'true';
});
