// The extension's entry point (bundled to dist/extension.cjs). Activation is lazy (a TypeScript or JavaScript editor,
// a command, or a restored inspector panel) and cheap: it registers providers and listeners; the runner's worker
// starts when a snippet is first shown or evaluated.
import * as vscode from 'vscode';
import { registerCommands } from './commands.ts';
import { ConsoleOutput } from './console-output.ts';
import { SnippetCodeLensProvider } from './codelens.ts';
import { Decorations } from './decorations.ts';
import { Diagnostics } from './diagnostics.ts';
import { Evaluator } from './evaluator.ts';
import { TensorHoverProvider } from './hover.ts';
import { LiveMode } from './live.ts';
import { InspectorPanel, viewType } from './panel.ts';
import { Results } from './results.ts';
import { isSnippet, readSettings } from './settings.ts';
import { StatusItem } from './status.ts';
import { configureTypeScriptPlugin } from './typescript.ts';
import type { WebviewState } from '../protocol/webview.ts';

const selector: vscode.DocumentSelector = [
  { language: 'typescript' }, { language: 'javascript' }, { language: 'typescriptreact' }, { language: 'javascriptreact' },
];

/** What activation returns: the pieces the extension's own tests inspect. */
export interface TensorInspectorApi {
  results: Results;
  evaluator: Evaluator;
  decorations: Decorations;
  status: StatusItem;
  output: ConsoleOutput;
  panel(): InspectorPanel | undefined;
  /** How long `activate` itself took, in milliseconds. */
  activateMs: number;
}

export function activate(context: vscode.ExtensionContext): TensorInspectorApi {
  const started = performance.now();
  const results = new Results();
  const evaluator = new Evaluator(results);
  const output = new ConsoleOutput();
  const decorations = new Decorations(results);
  const status = new StatusItem(results, evaluator);
  const deps = { extensionUri: context.extensionUri, results, evaluator, output };
  const codeLens = new SnippetCodeLensProvider();
  let warm = false;
  const warmUpFor = (editor: vscode.TextEditor | undefined): void => {
    if (warm || !editor || !vscode.workspace.isTrusted || !isSnippet(editor.document, readSettings(editor.document))) return;
    warm = true;
    evaluator.warmUp();
  };
  context.subscriptions.push(
    results, evaluator, output, decorations, status, codeLens, new LiveMode(evaluator), new Diagnostics(results),
    ...registerCommands(deps),
    vscode.languages.registerHoverProvider(selector, new TensorHoverProvider(results)),
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    vscode.window.registerWebviewPanelSerializer(viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: WebviewState | undefined) {
        InspectorPanel.revive(panel, deps, state);
      },
    }),
    evaluator.onDidStart(() => void vscode.commands.executeCommand('setContext', 'tensorInspector.running', true)),
    evaluator.onDidEnd(() => void vscode.commands.executeCommand('setContext', 'tensorInspector.running', evaluator.isRunning)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      evaluator.supersede(document.uri);
      results.delete(document.uri);
    }),
    vscode.window.onDidChangeActiveTextEditor(warmUpFor),
    vscode.workspace.onDidGrantWorkspaceTrust(() => warmUpFor(vscode.window.activeTextEditor)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tensorInspector.snippetFiles') || event.affectsConfiguration('tensorInspector.untitledTypeScriptAsSnippet')) {
        void configureTypeScriptPlugin().catch(() => undefined);
      }
    }),
    { dispose: () => InspectorPanel.current?.dispose() },
  );
  warmUpFor(vscode.window.activeTextEditor);
  void configureTypeScriptPlugin().catch(() => undefined);
  return { results, evaluator, decorations, status, output, panel: () => InspectorPanel.current, activateMs: performance.now() - started };
}
