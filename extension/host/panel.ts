// The inspector panel, as the VS Code webview samples build one: `createOrShow` opens it beside the editor or reveals
// it, `revive` restores it after a reload (through the serializer registered in main.ts; the page restores what it
// kept with `setState`), and `dispose` lets it go. It follows the active snippet: whenever the active editor has a
// record, or a run of the followed document ends, the page gets that record.
import * as vscode from 'vscode';
import type { InspectorRecord } from '../protocol/record.ts';
import type {
  HostToWebviewMessage, TensorTarget, WebviewRequest, WebviewState, WebviewToHostMessage,
} from '../protocol/webview.ts';
import type { Evaluator } from './evaluator.ts';
import { inspectorPage } from './panel-html.ts';
import type { RunResult, Results } from './results.ts';
import { documentPosition } from './results.ts';

export const viewType = 'tensorInspector.inspector';

export interface PanelDependencies { extensionUri: vscode.Uri; results: Results; evaluator: Evaluator }

export class InspectorPanel implements vscode.Disposable {
  static current: InspectorPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  /** The record the panel shows (the page has it, or gets it once it loads). */
  private record: InspectorRecord | null;
  /** The record embedded in the page's HTML: what the page starts with whenever it loads. */
  private readonly htmlRecord: InspectorRecord | null;
  /** The document whose record the panel shows. */
  private uri: string | null = null;
  private loaded = false;
  private pendingFocus: TensorTarget | null = null;
  /** The last messages the host posted and the page sent, newest last (what the tests read; bounded, as records are large). */
  readonly posted: HostToWebviewMessage[] = [];
  readonly received: WebviewToHostMessage[] = [];

  /** Opens the panel beside the active editor, or reveals it; shows `uri`'s record (or the active editor's). */
  static createOrShow(deps: PanelDependencies, uri?: string): InspectorPanel {
    const key = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
    const result = key ? deps.results.get(key) : undefined;
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const current = InspectorPanel.current;
    if (current) {
      current.panel.reveal(undefined, true);
      if (result) current.show(result);
      return current;
    }
    const webview = vscode.window.createWebviewPanel(viewType, 'Tensor Inspector', { viewColumn: column, preserveFocus: true }, {
      ...webviewOptions(deps.extensionUri), enableFindWidget: true,
    });
    const panel = new InspectorPanel(webview, deps, result?.record ?? null);
    if (result) panel.show(result);
    return panel;
  }

  /** Restores a panel VS Code kept across a reload; its page restores the record and view it saved with `setState`. */
  static revive(webview: vscode.WebviewPanel, deps: PanelDependencies, state: WebviewState | undefined): InspectorPanel {
    webview.webview.options = webviewOptions(deps.extensionUri);
    const panel = new InspectorPanel(webview, deps, null);
    panel.record = state?.record ?? null;
    panel.follow(vscode.window.activeTextEditor?.document.uri.toString());
    return panel;
  }

  /** `initial` is embedded in the page, so that the UI starts with it instead of waiting for a message. */
  private constructor(readonly panel: vscode.WebviewPanel, private readonly deps: PanelDependencies, initial: InspectorRecord | null) {
    InspectorPanel.current?.dispose();
    InspectorPanel.current = this;
    this.record = initial;
    this.htmlRecord = initial;
    const { webview } = panel;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', 'inspector.js'));
    webview.html = inspectorPage(webview.cspSource, script.toString(), initial);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview's page is gone (no retainContextWhenHidden): it loads again, and reports, when shown.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.loaded = false; }),
      panel.webview.onDidReceiveMessage((message: WebviewToHostMessage) => this.onMessage(message)),
      deps.results.onDidChange((result) => { if (this.follows(result.uri)) this.show(result); }),
      deps.evaluator.onDidStart((start) => { if (this.follows(start.uri)) this.post({ type: 'didStartRun', file: start.file }); }),
      vscode.window.onDidChangeActiveTextEditor((editor) => { if (editor) this.follow(editor.document.uri.toString()); }),
    );
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
    if (result) this.show(result);
  }

  private show(result: RunResult): void {
    this.uri = result.uri;
    this.panel.title = `Tensor Inspector: ${result.record.file.split('/').pop()}`;
    if (result.record === this.record) return;
    this.record = result.record;
    // A page still loading gets it when it reports (didLoadWebview).
    if (this.loaded) this.post({ type: 'setRecord', record: result.record });
  }

  private post(message: HostToWebviewMessage): void {
    remember(this.posted, message);
    if (this.loaded) void this.panel.webview.postMessage(message);
  }

  private flushFocus(): void {
    if (!this.pendingFocus) return;
    this.post({ type: 'focusTensor', tensor: this.pendingFocus, view: 'values' });
    this.pendingFocus = null;
  }

  private onMessage(message: WebviewToHostMessage): void {
    remember(this.received, message);
    switch (message.type) {
      case 'didLoadWebview': {
        this.loaded = true;
        // The page starts with the record embedded in its HTML, else with the one it saved: send ours if it differs,
        // so that a page that restored this very record keeps its selection and timeline.
        const pageRecord = this.htmlRecord ?? message.state?.record ?? null;
        if (this.record && !sameRun(this.record, pageRecord)) this.post({ type: 'setRecord', record: this.record });
        this.flushFocus();
        break;
      }
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

const remembered = 20;

function remember<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > remembered) list.splice(0, list.length - remembered);
}

/** Whether two records come from the same run (a page's saved record is a copy of the host's). */
function sameRun(a: InspectorRecord, b: InspectorRecord | null): boolean {
  return a === b || (!!b && a.file === b.file && a.timing.runMs === b.timing.runMs && a.statements.length === b.statements.length);
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
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
