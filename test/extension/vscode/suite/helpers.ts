// Small helpers for the extension tests: the extension's API, documents of the test workspace, waiting.
import * as vscode from 'vscode';
import type { TensorInspectorApi } from '../../../../extension/host/main.ts';
import type { RunResult } from '../../../../extension/host/results.ts';

export const extensionId = 'tensor-inspector.tensor-inspector';

export function workspaceUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, name);
}

export async function openSnippet(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The next result the extension stores for a document. */
export function nextResult(api: TensorInspectorApi, uri: vscode.Uri): Promise<RunResult> {
  return new Promise((resolve) => {
    const listener = api.results.onDidChange((result) => {
      if (result.uri !== uri.toString()) return;
      listener.dispose();
      resolve(result);
    });
  });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tensorInspector').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** The text of a hover's Markdown contents. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}
