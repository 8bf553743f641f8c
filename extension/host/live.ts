// Live mode: a snippet is evaluated again a moment after each edit (debounced); the evaluator stops the run before.
// Never in an untrusted workspace, and only for snippet files.
import * as vscode from 'vscode';
import type { Evaluator } from './evaluator.ts';
import { isSnippet, readSettings } from './settings.ts';

export class LiveMode implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly evaluator: Evaluator) {
    this.disposables = [vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event))];
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (event.contentChanges.length === 0 || !vscode.workspace.isTrusted) return;
    const settings = readSettings(document);
    if (!settings.liveMode || !isSnippet(document, settings)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.evaluator.supersede(document.uri);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) void this.evaluator.evaluate(document, { live: true });
    }, settings.liveModeDelayMs));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
