// The last run of each document: what decorations, diagnostics, hovers and the panel are drawn from. Hovers read it
// synchronously, so they never wait for a run.
import * as vscode from 'vscode';
import type { InspectorRecord, SourcePosition } from '../protocol/record.ts';

export interface RunResult {
  /** The document's URI, as a string (the key). */
  uri: string;
  /** The document's version the run read. */
  version: number;
  record: InspectorRecord;
  /** Where the evaluated text starts in the document: 0 for a whole file, the selection's start otherwise. */
  origin: vscode.Position;
  /** True when the run was an evaluated selection. */
  selection: boolean;
}

/** A record position (1-based line and column, relative to the evaluated text) as a document position. */
export function documentPosition(result: RunResult, position: SourcePosition): vscode.Position {
  const line = result.origin.line + position.line - 1;
  const character = (position.line === 1 ? result.origin.character : 0) + Math.max(0, position.column - 1);
  return new vscode.Position(line, character);
}

export class Results implements vscode.Disposable {
  private readonly byUri = new Map<string, RunResult>();
  private readonly changed = new vscode.EventEmitter<RunResult>();
  private readonly cleared = new vscode.EventEmitter<string>();
  /** A run finished and its result replaced the document's previous one. */
  readonly onDidChange = this.changed.event;
  /** A document's result was dropped (the document closed). */
  readonly onDidClear = this.cleared.event;

  get(uri: vscode.Uri | string): RunResult | undefined {
    return this.byUri.get(uri.toString());
  }

  set(result: RunResult): void {
    this.byUri.set(result.uri, result);
    this.changed.fire(result);
  }

  delete(uri: vscode.Uri): void {
    if (this.byUri.delete(uri.toString())) this.cleared.fire(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    this.cleared.dispose();
  }
}
