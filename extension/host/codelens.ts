// CodeLens at the top of a snippet file: evaluate it, open the inspector.
import * as vscode from 'vscode';
import { isSnippet, readSettings } from './settings.ts';

export class SnippetCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('tensorInspector')) this.changed.fire();
  });

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isSnippet(document, readSettings(document))) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: '$(play) Evaluate', command: 'tensorInspector.evaluateFile', arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: '$(inspect) Inspect', command: 'tensorInspector.openInspector', arguments: [{ uri: document.uri.toString() }] }),
    ];
  }

  dispose(): void {
    this.changed.dispose();
    this.watcher.dispose();
  }
}
