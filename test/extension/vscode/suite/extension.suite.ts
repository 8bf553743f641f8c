// The extension in a real VS Code: the real `vscode` API, a real extension host, a real webview and TypeScript server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { TensorInspectorApi } from '../../../../extension/host/main.ts';
import type { RunResult } from '../../../../extension/host/results.ts';
import { extensionId, hoverText, nextResult, openSnippet, setSetting, waitFor, workspaceUri } from './helpers.ts';

describe('Tensor Inspector in VS Code', () => {
  let api: TensorInspectorApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<TensorInspectorApi>(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    assert.equal(extension.isActive, false, 'activation is lazy: nothing has activated it yet');
    const started = performance.now();
    api = await extension.activate();
    console.log(`activation: ${(performance.now() - started).toFixed(1)} ms (activate() itself: ${api.activateMs.toFixed(1)} ms)`);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const name of ['evaluateFile', 'evaluateSelection', 'openInspector', 'selectDevice', 'stopEvaluation']) {
      assert.ok(commands.includes(`tensorInspector.${name}`), `tensorInspector.${name} is missing`);
    }
  });

  describe('Evaluate File', () => {
    let editor: vscode.TextEditor;
    let result: RunResult;

    before(async () => {
      editor = await openSnippet('views.torch.ts');
      result = (await vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateFile'))!;
    });

    it('runs the snippet and keeps its record', () => {
      assert.ok(result, 'no result');
      assert.equal(result.record.ok, true, JSON.stringify(result.record.errors));
      assert.equal(result.record.file, 'views.torch.ts');
      assert.equal(result.record.device, 'cpu');
      assert.deepEqual(result.record.console.map((l) => l.text), ['tensor(6.) True']);
      assert.equal(api.results.get(editor.document.uri), result);
    });

    it('annotates the end of each line with shape, dtype, shared storage and values', () => {
      const annotations = api.decorations.optionsFor(editor.document);
      const byLine = new Map(annotations.map((a) => [a.options.range.start.line, a]));
      const text = (line: number): string | undefined => byLine.get(line)?.options.renderOptions?.after?.contentText;
      assert.equal(text(0), '▸ float32[6]  ⇄ b  [0., 0., 0., 0., 0., 0.]');
      assert.equal(text(1), '▸ float32[2, 3]  ⇄ a  [[0., 0., 0.], [0., 0., 0.]]');
      assert.equal(byLine.get(1)!.shared, true);
      assert.equal(text(5), '▸ float32[]  grad_fn=MulBackward0  6.');
      assert.equal(text(8), '▸ torch.Size([2, 3])');
      assert.equal(byLine.get(0)!.options.range.start.character, editor.document.lineAt(0).text.length);
    });

    it('shows the device and the run time in the status bar', () => {
      assert.match(api.status.text, /^\$\(beaker\) cpu · \d+ ms$/);
    });

    it('hovers a variable bound to a tensor with its layout, storage, autograd state and a link to the inspector', async () => {
      const position = new vscode.Position(1, 6); // `b` in `const b = a.view(2, 3);`
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      const text = hoverText(hovers);
      for (const expected of [
        '**b** `torch.Size([2, 3])` `torch.float32` on `cpu`', 'stride `(3, 1)` · storage_offset `0` · is_contiguous `True`',
        'shared with `a`', 'requires_grad `False`', 'command:tensorInspector.openInspector',
      ]) assert.ok(text.includes(expected), `hover lacks ${expected}:\n${text}`);
      const grad = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(4, 6)));
      assert.match(grad, /grad `float32\[\]` `3\.` \|/);
    });

    it('keeps its annotations for an editor hidden and shown again, and drops them after an edit', async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('plain.ts')), vscode.ViewColumn.One);
      editor = await openSnippet('views.torch.ts');
      assert.ok(api.decorations.optionsFor(editor.document).length > 0);
      await editor.edit((edit) => edit.insert(new vscode.Position(9, 0), '\n'));
      assert.equal(api.decorations.optionsFor(editor.document).length, 0);
      await vscode.commands.executeCommand('undo');
    });
  });

  describe('errors', () => {
    it('become diagnostics at the line and column of the failing call', async () => {
      const editor = await openSnippet('error.torch.ts');
      await vscode.commands.executeCommand('tensorInspector.evaluateFile');
      const diagnostics = await waitFor('diagnostics', () => {
        const found = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Tensor Inspector');
        return found.length > 0 && found;
      });
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.message, 'RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
      assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual([diagnostics[0]!.range.start.line, diagnostics[0]!.range.start.character], [2, 14]);
      assert.match(api.status.text, /\$\(error\)/);
    });
  });

  describe('Evaluate Selection', () => {
    it('runs the selected lines and annotates them where they are in the file', async () => {
      const editor = await openSnippet('views.torch.ts');
      editor.selection = new vscode.Selection(3, 0, 5, 0); // `const c = ...;` and `const w = ...;`
      const result = (await vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateSelection'))!;
      assert.equal(result.selection, true);
      // `b` is not defined in the selection alone.
      assert.match(result.record.errors[0]!.message, /b is not defined/);
      const diagnostics = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Tensor Inspector');
      assert.equal(diagnostics[0]!.range.start.line, 3);
      editor.selection = new vscode.Selection(4, 0, 6, 0);
      const second = (await vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateSelection'))!;
      assert.equal(second.record.ok, true);
      const lines = api.decorations.optionsFor(editor.document).map((a) => a.options.range.start.line);
      assert.deepEqual(lines, [4, 5]);
    });
  });

  describe('devices', () => {
    after(() => setSetting('device', undefined));

    it('runs on webgpu when chosen, or on cpu with a note where no adapter exists', async () => {
      assert.equal(await vscode.commands.executeCommand('tensorInspector.selectDevice', 'webgpu'), 'webgpu');
      assert.equal(vscode.workspace.getConfiguration('tensorInspector').get('device'), 'webgpu');
      await openSnippet('views.torch.ts');
      const result = (await vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateFile'))!;
      assert.equal(result.record.ok, true, JSON.stringify(result.record.errors));
      if (result.record.device === 'cpu') assert.match(result.record.notes.join('\n'), /WebGPU is not available/);
      else assert.deepEqual(result.record.console.map((l) => l.text), ["tensor(6., device='cuda:0') True"]);
      assert.match(api.status.text, new RegExp(`^\\$\\(beaker\\) ${result.record.device} · `));
    });

    it('auto runs on cpu without a note', async () => {
      await vscode.commands.executeCommand('tensorInspector.selectDevice', 'auto');
      const result = (await vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateFile'))!;
      assert.equal(result.record.device, 'cpu');
      assert.deepEqual(result.record.notes, []);
    });
  });

  describe('Stop Evaluation', () => {
    it('stops a run that would not end, keeping what it recorded', async () => {
      await openSnippet('loop.torch.ts');
      const started = performance.now();
      const run = vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateFile');
      await waitFor('the run to start', () => api.evaluator.isRunning);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await vscode.commands.executeCommand('tensorInspector.stopEvaluation'), true);
      const result = (await run)!;
      assert.ok(performance.now() - started < 5000);
      assert.deepEqual(result.record.errors.map((e) => [e.kind, e.location?.line]), [['cancelled', 2]]);
      assert.equal(result.record.statements.length, 1);
      assert.match(api.status.text, /stopped/);
    });
  });

  describe('live mode', () => {
    after(() => setSetting('liveMode', undefined));

    it('evaluates a snippet again after an edit', async () => {
      await setSetting('liveModeDelayMs', 200);
      await setSetting('liveMode', true);
      const editor = await openSnippet('views.torch.ts');
      const next = nextResult(api, editor.document.uri);
      await editor.edit((edit) => edit.insert(new vscode.Position(9, 0), '\nconst z = torch.ones(4);'));
      const result = await next;
      assert.ok(result.record.tensors.some((t) => t.names.includes('z')));
      assert.equal(api.decorations.optionsFor(editor.document).at(-1)!.options.range.start.line, 10);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await setSetting('liveModeDelayMs', undefined);
    });
  });

  describe('CodeLens', () => {
    it('offers Evaluate and Inspect on snippet files only', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri('views.torch.ts'));
      const titles = lenses.map((l) => l.command?.title).filter((t) => t?.includes('Evaluate') || t?.includes('Inspect'));
      assert.deepEqual(titles, ['$(play) Evaluate', '$(inspect) Inspect']);
      const plain = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri('plain.ts'));
      assert.equal(plain.filter((l) => l.command?.command.startsWith('tensorInspector.')).length, 0);
    });

    it('evaluates a plain TypeScript file by command', async () => {
      await openSnippet('plain.ts');
      const result = (await vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateFile'))!;
      assert.equal(result.record.ok, true);
      assert.equal(result.record.statements.at(-1)!.value?.kind, 'tensor');
    });
  });

  describe('the inspector panel', () => {
    it('opens beside the editor and receives the record; the hover link focuses a tensor', async () => {
      const editor = await openSnippet('views.torch.ts');
      const result = (await vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateFile'))!;
      const b = result.record.tensors.find((t) => t.names.includes('b'))!;
      await vscode.commands.executeCommand('tensorInspector.openInspector', { uri: editor.document.uri.toString(), tensor: b.id });
      const panel = await waitFor('the panel', () => api.panel());
      await waitFor('the panel beside the editor', () => panel.panel.viewColumn === vscode.ViewColumn.Two);
      await waitFor('the webview to load', () => panel.isLoaded, 30_000);
      assert.equal(panel.shownRecord, result.record);
      assert.ok(panel.received.some((m) => m.type === 'didLoadWebview'));
      assert.ok(panel.posted.some((m) => m.type === 'focusTensor' && 'id' in m.tensor && m.tensor.id === b.id));
      assert.match(panel.panel.title, /views\.torch\.ts/);
    });

    it('follows the active snippet and gets each new record', async () => {
      const panel = api.panel()!;
      const editor = await openSnippet('error.torch.ts');
      const record = api.results.get(editor.document.uri)!.record;
      await waitFor('the panel to follow the editor', () => panel.shownRecord === record);
      const rerun = (await vscode.commands.executeCommand<RunResult>('tensorInspector.evaluateFile'))!;
      await waitFor('the new record', () => panel.shownRecord === rerun.record);
      assert.ok(panel.posted.some((m) => m.type === 'didStartRun'));
      assert.ok(panel.posted.some((m) => m.type === 'setRecord' && m.record === rerun.record));
    });
  });

  describe('IntelliSense in snippet files', () => {
    it('completes the engine API and reports type errors without a tsconfig', async function () {
      this.timeout(180_000);
      const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const t = torch.arange(6);\nconst n: number = torch.ones(2);\nt.\n' });
      await vscode.window.showTextDocument(document);
      const completions = await waitFor('completions of a tensor', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(2, 2));
        const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return labels.includes('storage_offset') && labels;
      }, 150_000);
      for (const name of ['view', 'is_contiguous', 'requires_grad', 'backward']) assert.ok(completions.includes(name), `no ${name} in completions`);
      const typeError = await waitFor('the type error', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'ts' && d.range.start.line === 1), 60_000);
      assert.match(typeError.message, /Type 'Tensor' is not assignable to type 'number'/);
      const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', document.uri, new vscode.Position(0, 23), '(');
      assert.ok(help.signatures.length > 0, 'no signature help for torch.arange');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('treats each snippet as a module: two snippets may declare the same names', async function () {
      this.timeout(120_000);
      const views = await openSnippet('views.torch.ts');
      await openSnippet('error.torch.ts');
      // Both declare `a` and `b`; TypeScript's semantic diagnostics of a file arrive a while after it opens.
      await waitFor('TypeScript to check views.torch.ts', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', views.document.uri, new vscode.Position(0, 6));
        return hoverText(hovers).includes('const a: Tensor');
      }, 90_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const redeclared = [views.document.uri, workspaceUri('error.torch.ts')]
        .flatMap((uri) => vscode.languages.getDiagnostics(uri)).filter((d) => d.source === 'ts');
      assert.deepEqual(redeclared.map((d) => d.message), []);
    });
  });
});
