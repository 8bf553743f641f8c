// Evaluates a document or a selection with the runner: one run at a time (a new one stops the one before), a
// progress notification with Cancel once a run takes long, and nothing at all in an untrusted workspace.
import * as vscode from 'vscode';
import { Runner } from '../runner/runner.ts';
import type { RunResult, Results } from './results.ts';
import { readSettings, requestedDevice } from './settings.ts';

/** A run that has not finished after this long gets a progress notification with a Cancel button. */
const progressDelayMs = 1000;

export interface EvaluateOptions {
  /** Evaluate only this range of the document. */
  selection?: vscode.Range;
  /** Started by live mode: no trust prompt, no output focus. */
  live?: boolean;
}

export interface RunStart { uri: string; file: string; live: boolean }

interface Running {
  uri: string;
  controller: AbortController;
  /** A newer run replaced this one: its record is dropped. A stopped run keeps what it recorded. */
  superseded: boolean;
}

/** The name a run gives its snippet: workspace-relative, and for a selection its lines. */
export function snippetLabel(document: vscode.TextDocument, selection?: vscode.Range): string {
  const name = document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false);
  return selection ? `${name}, lines ${selection.start.line + 1}-${selection.end.line + 1}` : name;
}

export class Evaluator implements vscode.Disposable {
  private readonly runner = new Runner({ keepSpare: true });
  private running: Running | null = null;
  private readonly shownNotes = new Set<string>();
  private readonly started = new vscode.EventEmitter<RunStart>();
  private readonly ended = new vscode.EventEmitter<RunResult | undefined>();
  readonly onDidStart = this.started.event;
  /** A run ended (finished, failed or stopped): its result, or undefined when a newer run superseded it. */
  readonly onDidEnd = this.ended.event;

  constructor(private readonly results: Results) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Starts the runner's worker so that the first evaluation does not wait for one. */
  warmUp(): void {
    void this.runner.warmUp(readSettings().maxHeapMb).catch(() => undefined);
  }

  async evaluate(document: vscode.TextDocument, options: EvaluateOptions = {}): Promise<RunResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      if (!options.live) void promptForTrust();
      return undefined;
    }
    if (this.running) this.supersede(vscode.Uri.parse(this.running.uri));
    const settings = readSettings(document);
    const device = requestedDevice(settings.device);
    const selection = options.selection && !options.selection.isEmpty ? options.selection : undefined;
    const source = document.getText(selection);
    const file = snippetLabel(document, selection);
    const uri = document.uri.toString();
    const version = document.version;
    const running: Running = { uri, controller: new AbortController(), superseded: false };
    this.running = running;
    this.started.fire({ uri, file, live: options.live === true });

    let report: ((done: number, total: number) => void) | undefined;
    const run = this.runner.run(source, file, {
      device,
      timeoutMs: settings.timeoutMs,
      maxHeapMb: settings.maxHeapMb,
      printOptions: settings.printOptions,
      signal: running.controller.signal,
      onStatement: (statement, total) => report?.(statement.index + 1, total),
    });
    const progress = setTimeout(() => {
      if (this.running !== running) return;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Evaluating ${file}`, cancellable: true },
        (bar, token) => {
          token.onCancellationRequested(() => running.controller.abort());
          let reported = 0;
          report = (done, total) => {
            const increment = (100 * (done - reported)) / Math.max(1, total);
            reported = done;
            bar.report({ message: `statement ${done} of ${total}`, increment });
          };
          return run.catch(() => undefined);
        },
      );
    }, progressDelayMs);
    try {
      const record = await run;
      if (running.superseded) {
        this.ended.fire(undefined);
        return undefined;
      }
      const result: RunResult = {
        uri, version, record, selection: selection !== undefined,
        origin: selection ? selection.start : new vscode.Position(0, 0),
      };
      this.results.set(result);
      this.ended.fire(result);
      if (!options.live) this.showNewNotes(record.notes);
      return result;
    } finally {
      clearTimeout(progress);
      if (this.running === running) this.running = null;
    }
  }

  /** A note (a device fallback) is shown once a session, as one line; the output channel has it every time. */
  private showNewNotes(notes: readonly string[]): void {
    for (const note of notes) {
      if (this.shownNotes.has(note)) continue;
      this.shownNotes.add(note);
      void vscode.window.showInformationMessage(note);
    }
  }

  /** Stops the run in progress, if any; true when there was one. */
  stop(): boolean {
    const running = this.running;
    if (!running) return false;
    this.running = null;
    running.controller.abort();
    return true;
  }

  /** Drops the run in progress when it reads this document (it is out of date: the document changed). */
  supersede(uri: vscode.Uri): void {
    if (this.running?.uri !== uri.toString()) return;
    this.running.superseded = true;
    this.stop();
  }

  dispose(): void {
    this.stop();
    this.started.dispose();
    this.ended.dispose();
    void this.runner.dispose();
  }
}

async function promptForTrust(): Promise<void> {
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(
    'Tensor Inspector evaluates a snippet by running its code, so it only does so in a trusted workspace.', manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
}
