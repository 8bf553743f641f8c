// A run's errors as diagnostics at their line and column (the snippet's own positions, mapped into the document),
// with the snippet frames of the stack as related locations. A stopped run is not an error of the snippet.
import * as vscode from 'vscode';
import type { ErrorRecord } from '../protocol/record.ts';
import { type RunResult, type Results, documentPosition } from './results.ts';

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tensor-inspector');
  private readonly disposables: vscode.Disposable[];

  constructor(results: Results) {
    this.disposables = [
      results.onDidChange((result) => this.collection.set(vscode.Uri.parse(result.uri), diagnosticsOf(result))),
      results.onDidClear((uri) => this.collection.delete(vscode.Uri.parse(uri))),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}

function rangeAt(result: RunResult, error: ErrorRecord): vscode.Range {
  const record = result.record;
  const position = error.location
    ?? (error.statement !== null ? record.statements.find((s) => s.index === error.statement)?.range.start : undefined)
    ?? { line: 1, column: 1 };
  const start = documentPosition(result, position);
  // One character wide: VS Code widens it to the word under it when it renders the squiggle.
  return new vscode.Range(start, start.translate(0, 1));
}

export function diagnosticsOf(result: RunResult): vscode.Diagnostic[] {
  const uri = vscode.Uri.parse(result.uri);
  return result.record.errors.filter((e) => e.kind !== 'cancelled').map((error) => {
    const severity = error.kind === 'internal' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
    const diagnostic = new vscode.Diagnostic(rangeAt(result, error), `${error.name}: ${error.message}`, severity);
    diagnostic.source = 'Tensor Inspector';
    diagnostic.code = error.kind;
    diagnostic.relatedInformation = error.stack.slice(1).map((frame) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(uri, documentPosition(result, frame)), 'called from here',
    ));
    return diagnostic;
  });
}
