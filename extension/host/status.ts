// The status bar item: the device the last run used and how long it took, a spinner while a run goes on. Clicking it
// picks the device.
import * as vscode from 'vscode';
import type { Evaluator } from './evaluator.ts';
import type { RunResult, Results } from './results.ts';
import { isEvaluable, readSettings, requestedDevice } from './settings.ts';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tensorInspector.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];
  private runningUri: string | null = null;

  constructor(private readonly results: Results, evaluator: Evaluator) {
    this.item.name = 'Tensor Inspector';
    this.item.command = 'tensorInspector.selectDevice';
    this.disposables = [
      evaluator.onDidStart((start) => { this.runningUri = start.uri; this.update(); }),
      evaluator.onDidEnd(() => { this.runningUri = null; this.update(); }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => { if (event.affectsConfiguration('tensorInspector.device')) this.update(); }),
    ];
    this.update();
  }

  /** The item's text, for the tests. */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const device = readSettings().device;
    if (!editor || !isEvaluable(editor.document)) {
      this.item.hide();
      return;
    }
    const key = editor.document.uri.toString();
    const result = this.results.get(key);
    if (this.runningUri === key) {
      this.item.text = `$(sync~spin) ${requestedDevice(device)}: running`;
      this.item.tooltip = 'Tensor Inspector: evaluating (Stop Evaluation stops it)';
    } else if (result) {
      this.item.text = `$(beaker) ${resultSummary(result)}`;
      this.item.tooltip = tooltip(result, device);
    } else {
      this.item.text = `$(beaker) ${device}`;
      this.item.tooltip = `Tensor Inspector: device ${device} (click to change)`;
    }
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}

function resultSummary(result: RunResult): string {
  const { record } = result;
  const ms = record.timing.runMs;
  const time = ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
  const cancelled = record.errors.some((e) => e.kind === 'cancelled');
  return `${record.device} · ${time}${cancelled ? ' · stopped' : record.ok ? '' : ' · $(error)'}`;
}

function tooltip(result: RunResult, device: string): vscode.MarkdownString {
  const { record } = result;
  const lines = [
    `**Tensor Inspector**: ${record.file}`,
    '',
    `ran on \`${record.device}\` (setting: \`${device}\`), ${record.statements.length} statements`,
    `compiled in ${record.timing.transpileMs.toFixed(1)} ms, ran in ${record.timing.runMs.toFixed(1)} ms`,
    ...record.notes.map((note) => `\n${note}`),
    '',
    'Click to select the device.',
  ];
  return new vscode.MarkdownString(lines.join('\n'));
}
