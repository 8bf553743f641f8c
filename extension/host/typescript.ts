// Snippet files get the engine's typings from a TypeScript server plugin (extension/typescript-plugin), declared in
// package.json `contributes.typescriptServerPlugins`. It adds `torch`, `F` and the `tensor-inspector` module to the
// programs of snippet files, with no tsconfig of the user's. This tells it which files are snippets.
import * as vscode from 'vscode';
import { readSettings } from './settings.ts';

export const pluginName = 'tensor-inspector-typescript-plugin';

interface TypeScriptApi { configurePlugin(pluginId: string, configuration: unknown): void }

export async function configureTypeScriptPlugin(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 0): TypeScriptApi | undefined }>('vscode.typescript-language-features');
  if (!extension) return;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  const settings = readSettings();
  exports.getAPI(0)?.configurePlugin(pluginName, { snippetFiles: settings.snippetFiles, untitled: settings.untitledTypeScript });
}
