// The inspector panel, as the VS Code webview samples build one: `createOrShow` opens it beside the editor or reveals
// it, `revive` restores it after a reload (through the serializer registered in main.ts) from the state the page kept
// with `setState`, and `dispose` lets it go. It follows the active snippet: whenever the active editor has a record,
// or a run of the followed document ends, the page gets that record.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { InspectorRecord } from '../protocol/record.ts';
import type {
  HostToWebviewMessage, TensorTarget, WebviewRequest, WebviewState, WebviewToHostMessage,
} from '../protocol/webview.ts';
import type { Evaluator } from './evaluator.ts';
import { emptyPage, recordPage, uiPage } from './panel-html.ts';
import type { RunResult, Results } from './results.ts';
import { documentPosition } from './results.ts';

export const viewType = 'tensorInspector.inspector';

export interface PanelDependencies { extensionUri: vscode.Uri; results: Results; evaluator: Evaluator }

export class InspectorPanel implements vscode.Disposable {
  static current: InspectorPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private readonly uiScript: vscode.Uri;
  private record: InspectorRecord | null = null;
  /** The document whose record the panel shows. */
  private uri: string | null = null;
  private loaded = false;
  private pendingFocus: TensorTarget | null = null;
  /** Every message the host posted, newest last (what the tests read). */
  readonly posted: HostToWebviewMessage[] = [];
  /** Every message the page sent. */
  readonly received: WebviewToHostMessage[] = [];

  /** Opens the panel beside the active editor, or reveals it; shows `uri`'s record (or the active editor's). */
  static createOrShow(deps: PanelDependencies, uri?: string): InspectorPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    let panel = InspectorPanel.current;
    if (panel) panel.panel.reveal(column, true);
    else {
      const webview = vscode.window.createWebviewPanel(viewType, 'Tensor Inspector', { viewColumn: column, preserveFocus: true }, webviewOptions(deps.extensionUri));
      panel = new InspectorPanel(webview, deps, null);
    }
    panel.follow(uri ?? vscode.window.activeTextEditor?.document.uri.toString());
    return panel;
  }

  /** Restores a panel VS Code kept across a reload, from the state its page saved. */
  static revive(webview: vscode.WebviewPanel, deps: PanelDependencies, state: WebviewState | undefined): InspectorPanel {
    webview.webview.options = webviewOptions(deps.extensionUri);
    const panel = new InspectorPanel(webview, deps, state?.record ?? null);
    panel.follow(vscode.window.activeTextEditor?.document.uri.toString());
    return panel;
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly deps: PanelDependencies, restored: InspectorRecord | null) {
    InspectorPanel.current?.dispose();
    InspectorPanel.current = this;
    this.uiScript = vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', 'inspector.js');
    this.record = restored;
    this.render();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: WebviewToHostMessage) => this.onMessage(message)),
      deps.results.onDidChange((result) => { if (this.follows(result.uri)) this.show(result); }),
      deps.evaluator.onDidStart((start) => { if (this.follows(start.uri)) this.post({ type: 'didStartRun', file: start.file }); }),
      vscode.window.onDidChangeActiveTextEditor((editor) => { if (editor) this.follow(editor.document.uri.toString()); }),
    );
  }

  /** Whether the page shows the loaded inspector UI (else the standalone page). */
  get usesUi(): boolean {
    return existsSync(this.uiScript.fsPath);
  }

  /** Whether the page has loaded and reported itself. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  get shownRecord(): InspectorRecord | null {
    return this.record;
  }

  /** Selects a tensor in the page (the hover's link). */
  focusTensor(tensor: TensorTarget): void {
    this.pendingFocus = tensor;
    if (this.loaded) this.flushFocus();
  }

  dispose(): void {
    if (InspectorPanel.current === this) InspectorPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private follows(uri: string): boolean {
    return this.uri === uri || vscode.window.activeTextEditor?.document.uri.toString() === uri;
  }

  /** Shows `uri`'s last record, when it has one; a document without a record leaves the panel as it is. */
  private follow(uri: string | undefined): void {
    const result = uri ? this.deps.results.get(uri) : undefined;
    if (result && result.record !== this.record) this.show(result);
  }

  private show(result: RunResult): void {
    this.uri = result.uri;
    this.record = result.record;
    this.panel.title = `Tensor Inspector: ${result.record.file.split('/').pop()}`;
    if (this.usesUi) this.post({ type: 'setRecord', record: result.record });
    else this.render();
  }

  private render(): void {
    const { webview } = this.panel;
    this.loaded = false;
    if (this.usesUi) {
      const style = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview', 'inspector.css');
      webview.html = uiPage(webview.cspSource, webview.asWebviewUri(this.uiScript).toString(), existsSync(style.fsPath) ? webview.asWebviewUri(style).toString() : null);
    } else {
      webview.html = this.record ? recordPage(this.record, webview.cspSource) : emptyPage(webview.cspSource);
    }
  }

  private post(message: HostToWebviewMessage): void {
    this.posted.push(message);
    if (this.loaded) void this.panel.webview.postMessage(message);
  }

  private flushFocus(): void {
    if (!this.pendingFocus) return;
    this.post({ type: 'focusTensor', tensor: this.pendingFocus, view: 'values' });
    this.pendingFocus = null;
  }

  private onMessage(message: WebviewToHostMessage): void {
    this.received.push(message);
    switch (message.type) {
      case 'didLoadWebview':
        this.loaded = true;
        if (this.record && this.usesUi) this.post({ type: 'setRecord', record: this.record });
        this.flushFocus();
        break;
      case 'didSelectTensor':
      case 'didSelectStatement':
        break;
      case 'revealSourceRequest':
        void this.respond(message, () => this.revealSource(message.range));
        break;
      case 'exportImageRequest':
        void this.respond(message, () => exportImage(message.fileName, message.format, message.data));
        break;
      default: {
        const unknown: never = message;
        throw new Error(`unknown webview message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Answers a request once: done, or the error that stopped it. */
  private async respond(request: WebviewRequest, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.post({ type: 'response', id: request.id });
    } catch (error) {
      this.post({ type: 'response', id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async revealSource(range: { start: { line: number; column: number }; end: { line: number; column: number } }): Promise<void> {
    const result = this.uri ? this.deps.results.get(this.uri) : undefined;
    if (!result) throw new Error('the document of this record is not open');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
    const selection = new vscode.Range(documentPosition(result, range.start), documentPosition(result, range.end));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    enableFindWidget: true,
  };
}

async function exportImage(fileName: string, format: 'svg' | 'png', data: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
  });
  if (!target) return;
  const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data, 'base64');
  await vscode.workspace.fs.writeFile(target, bytes);
}
