// The extension's commands (declared in package.json `contributes.commands`, with menus and keybindings there).
import * as vscode from 'vscode';
import { ConsoleOutput } from './console-output.ts';
import type { Evaluator } from './evaluator.ts';
import type { FocusArguments } from './hover.ts';
import { InspectorPanel, type PanelDependencies } from './panel.ts';
import type { RunResult } from './results.ts';
import { type DeviceSetting, isEvaluable, readSettings, setDevice } from './settings.ts';

export interface CommandContext extends PanelDependencies { evaluator: Evaluator; output: ConsoleOutput }

async function documentFor(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const editor = vscode.window.activeTextEditor;
  if (editor) return editor.document;
  void vscode.window.showInformationMessage('Open a TypeScript snippet to evaluate it.');
  return undefined;
}

async function evaluate(context: CommandContext, document: vscode.TextDocument, selection?: vscode.Range): Promise<RunResult | undefined> {
  if (!isEvaluable(document)) {
    void vscode.window.showInformationMessage('Tensor Inspector evaluates TypeScript and JavaScript files.');
    return undefined;
  }
  const result = await context.evaluator.evaluate(document, { selection });
  if (result) context.output.write(result, vscode.workspace.asRelativePath(document.uri, false), readSettings(document).revealConsoleOutput);
  return result;
}

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const { evaluator } = context;
  return [
    vscode.commands.registerCommand('tensorInspector.evaluateFile', async (uri?: vscode.Uri) => {
      const document = await documentFor(uri);
      return document ? evaluate(context, document) : undefined;
    }),
    vscode.commands.registerCommand('tensorInspector.evaluateSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return undefined;
      const selection = editor.selection.isEmpty ? editor.document.lineAt(editor.selection.active.line).range : editor.selection;
      return evaluate(context, editor.document, selection);
    }),
    vscode.commands.registerCommand('tensorInspector.openInspector', (args?: Partial<FocusArguments>) => {
      const panel = InspectorPanel.createOrShow(context, args?.uri);
      if (args?.tensor !== undefined) panel.focusTensor({ id: args.tensor });
      return panel;
    }),
    vscode.commands.registerCommand('tensorInspector.selectDevice', async (device?: DeviceSetting) => {
      const current = readSettings().device;
      const picked = device ?? (await vscode.window.showQuickPick([
        { label: 'auto', description: 'cpu (WebGPU only when chosen)' },
        { label: 'cpu', description: 'the reference CPU kernels' },
        { label: 'webgpu', description: 'the GPU through WebGPU; cpu, with a note, where no adapter exists' },
      ].map((item) => ({ ...item, picked: item.label === current })), { title: 'Tensor Inspector: device for evaluation', placeHolder: `current: ${current}` }))?.label as DeviceSetting | undefined;
      if (!picked) return undefined;
      await setDevice(picked);
      return picked;
    }),
    vscode.commands.registerCommand('tensorInspector.stopEvaluation', () => evaluator.stop()),
  ];
}
