// Hover over a variable bound to a tensor: its layout, storage, autograd state and values, from the document's last
// run (never waiting for one), with a link that opens the inspector on that tensor.
import * as vscode from 'vscode';
import { tensorHoverMarkdown, tensorNamed } from './describe.ts';
import type { Results } from './results.ts';

export const openInspectorCommand = 'tensorInspector.openInspector';

/** The arguments of the hover's command link: which document's record, and which tensor in it. */
export interface FocusArguments { uri: string; tensor: number }

export function commandLink(args: FocusArguments): string {
  return `command:${openInspectorCommand}?${encodeURIComponent(JSON.stringify([args]))}`;
}

export class TensorHoverProvider implements vscode.HoverProvider {
  constructor(private readonly results: Results) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.results.get(document.uri);
    if (!result) return undefined;
    const range = document.getWordRangeAtPosition(position, /[A-Za-z_$][\w$]*/);
    if (!range) return undefined;
    const name = document.getText(range);
    const tensor = tensorNamed(result.record, name);
    if (!tensor) return undefined;
    const markdown = new vscode.MarkdownString(
      tensorHoverMarkdown(result.record, name, tensor, commandLink({ uri: result.uri, tensor: tensor.id })),
      true,
    );
    markdown.isTrusted = { enabledCommands: [openInspectorCommand] };
    return new vscode.Hover(markdown, range);
  }
}
