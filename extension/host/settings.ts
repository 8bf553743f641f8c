// The extension's settings (declared in package.json `contributes.configuration`), read in one place.
import * as vscode from 'vscode';
import type { DeviceName } from '../protocol/record.ts';

export const section = 'tensorInspector';

/** `auto` picks the fastest device the engine has; WebGPU is not implemented yet, so `auto` runs on cpu. */
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
    printOptions: config.get<PrintOptionsSetting>('printOptions', {}),
  };
}

export async function setDevice(device: DeviceSetting): Promise<void> {
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(section).update('device', device, target);
}

/** The device a run asks the runner for, and a note to show when the choice falls back. */
export function requestedDevice(device: DeviceSetting): { device: DeviceName; quiet: boolean } {
  // `auto` asks for WebGPU and takes the runner's cpu fallback without a note; an explicit `webgpu` shows the note.
  if (device === 'auto') return { device: 'webgpu', quiet: true };
  return { device, quiet: false };
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
