// The extension's settings (declared in package.json `contributes.configuration`), read in one place.
import * as vscode from 'vscode';
import type { DeviceName } from '../protocol/record.ts';

export const section = 'tensorInspector';

/** `auto` runs on cpu: a WebGPU run pays for its device thread, so it is an explicit choice (see requestedDevice). */
export type DeviceSetting = 'auto' | DeviceName;

export interface PrintOptionsSetting {
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  linewidth?: number;
  sci_mode?: boolean | null;
}

export interface Settings {
  device: DeviceSetting;
  timeoutMs: number;
  maxHeapMb: number;
  liveMode: boolean;
  liveModeDelayMs: number;
  snippetFiles: string[];
  untitledTypeScript: boolean;
  inlineAnnotations: boolean;
  revealConsoleOutput: boolean;
  printOptions: PrintOptionsSetting;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(section, scope);
  return {
    device: config.get<DeviceSetting>('device', 'auto'),
    timeoutMs: Math.max(0.1, config.get<number>('timeoutSeconds', 10)) * 1000,
    maxHeapMb: Math.max(64, config.get<number>('maxHeapMb', 1024)),
    liveMode: config.get<boolean>('liveMode', false),
    liveModeDelayMs: Math.max(0, config.get<number>('liveModeDelayMs', 600)),
    snippetFiles: config.get<string[]>('snippetFiles', ['**/*.torch.ts', '**/*.torch.js']),
    untitledTypeScript: config.get<boolean>('untitledTypeScriptAsSnippet', true),
    inlineAnnotations: config.get<boolean>('inlineAnnotations', true),
    revealConsoleOutput: config.get<boolean>('revealConsoleOutput', true),
    // A plain copy: the configuration's objects cannot be posted to the worker.
    printOptions: { ...config.get<PrintOptionsSetting>('printOptions', {}) },
  };
}

export async function setDevice(device: DeviceSetting): Promise<void> {
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(section).update('device', device, target);
}

/**
 * The device a run asks the runner for. `auto` is cpu: starting the GPU's device thread costs more than small
 * snippets take (and on a machine without a GPU adapter, WebGPU is a software renderer). `webgpu` runs there when an
 * adapter exists; the runner falls back to cpu with a note when none does.
 */
export function requestedDevice(device: DeviceSetting): DeviceName {
  return device === 'auto' ? 'cpu' : device;
}

/** Whether a document is a snippet: evaluated by CodeLens and live mode, given the typings, annotated. */
export function isSnippet(document: vscode.TextDocument, settings: Settings): boolean {
  if (document.uri.scheme === 'untitled') return settings.untitledTypeScript && document.languageId === 'typescript';
  return settings.snippetFiles.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}

/** Whether a document can be evaluated by command: any TypeScript or JavaScript file. */
export function isEvaluable(document: vscode.TextDocument): boolean {
  return ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'].includes(document.languageId);
}
