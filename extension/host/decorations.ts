// End-of-line annotations after a run. VS Code drops an editor's decorations when the editor is hidden (another tab,
// a panel over it), so they are set again on every editor that becomes visible; an edit drops them until the next
// run, since their lines may no longer hold what ran.
import * as vscode from 'vscode';
import { lineAnnotations } from './describe.ts';
import { type RunResult, type Results, documentPosition } from './results.ts';
import { readSettings } from './settings.ts';

const maxAnnotationChars = 120;

export class Decorations implements vscode.Disposable {
  private readonly plain = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('tensorInspector.annotationForeground'), margin: '0 0 0 2em', fontStyle: 'normal' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly shared = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('tensorInspector.sharedStorageForeground'), margin: '0 0 0 2em', fontStyle: 'normal' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly disposables: vscode.Disposable[] = [];
  /** Documents edited since their last run: their annotations stay off until the next one. */
  private readonly stale = new Set<string>();

  constructor(private readonly results: Results) {
    this.disposables.push(
      results.onDidChange((result) => {
        this.stale.delete(result.uri);
        this.applyToVisible();
      }),
      results.onDidClear(() => this.applyToVisible()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.applyToVisible()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0 || !results.get(event.document.uri)) return;
        this.stale.add(event.document.uri.toString());
        this.applyToVisible();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('tensorInspector.inlineAnnotations')) this.applyToVisible();
      }),
    );
  }

  /** Sets (or clears) the annotations of every visible editor. */
  applyToVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  /** The annotations an editor shows: what the tests read. */
  optionsFor(document: vscode.TextDocument): { shared: boolean; options: vscode.DecorationOptions }[] {
    const key = document.uri.toString();
    const result = this.results.get(key);
    if (!result || this.stale.has(key) || !readSettings(document).inlineAnnotations) return [];
    return annotationOptions(result, document);
  }

  private apply(editor: vscode.TextEditor): void {
    const all = this.optionsFor(editor.document);
    editor.setDecorations(this.plain, all.filter((a) => !a.shared).map((a) => a.options));
    editor.setDecorations(this.shared, all.filter((a) => a.shared).map((a) => a.options));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.plain.dispose();
    this.shared.dispose();
  }
}

function annotationOptions(result: RunResult, document: vscode.TextDocument): { shared: boolean; options: vscode.DecorationOptions }[] {
  return lineAnnotations(result.record).flatMap((annotation) => {
    const line = documentPosition(result, { line: annotation.line, column: 1 }).line;
    if (line >= document.lineCount) return [];
    const end = document.lineAt(line).range.end;
    const text = annotation.text.length > maxAnnotationChars ? `${annotation.text.slice(0, maxAnnotationChars - 1)}…` : annotation.text;
    return [{
      shared: annotation.shared,
      options: { range: new vscode.Range(end, end), renderOptions: { after: { contentText: `▸ ${text}` } } },
    }];
  });
}
