// The extension host loads this as its test runner (test/build/package.test.ts): the extension installed from the
// .vsix, not a development copy, activates and evaluates a snippet on the CPU (the runner's worker and esbuild's
// binary from the package) and on WebGPU (Dawn's binary from the package).
const assert = require('node:assert/strict');
const vscode = require('vscode');

exports.run = async function run() {
  const extension = vscode.extensions.getExtension('tensor-inspector.tensor-inspector');
  assert.ok(extension, 'the installed extension is missing');
  assert.match(extension.extensionPath, /[\\/]extensions[\\/]tensor-inspector\.tensor-inspector-[^\\/]+$/);
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'check.torch.ts'));
  await vscode.window.showTextDocument(document);
  await extension.activate();

  const cpu = await vscode.commands.executeCommand('tensorInspector.evaluateFile');
  assert.equal(cpu.record.ok, true, JSON.stringify(cpu.record.errors));
  assert.equal(cpu.record.device, 'cpu');
  assert.deepEqual(cpu.record.console.map((line) => line.text), ['tensor(6.) True']);

  assert.equal(await vscode.commands.executeCommand('tensorInspector.selectDevice', 'webgpu'), 'webgpu');
  const gpu = await vscode.commands.executeCommand('tensorInspector.evaluateFile');
  assert.equal(gpu.record.ok, true, JSON.stringify(gpu.record.errors));
  // The test gives the server a software Vulkan driver when the machine has one; without it, the run falls back.
  if (process.env.VK_ICD_FILENAMES) {
    assert.equal(gpu.record.device, 'webgpu', gpu.record.notes.join('\n'));
    assert.deepEqual(gpu.record.console.map((line) => line.text), ["tensor(6., device='cuda:0') True"]);
  }
  console.log(`installed at ${extension.extensionPath}; snippet ran on cpu and ${gpu.record.device}`);
};
