import type { BrowserContext } from 'playwright-core';

export const chromiumPath: string;
export interface VsCodeServer {
  port: number;
  url(folder: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}
export function startServer(options?: { log?: (line: string) => void; trustWorkspace?: boolean; settings?: Record<string, unknown>; extensions?: string[] }): Promise<VsCodeServer>;
export function launchBrowser(options?: { viewport?: { width: number; height: number } }): Promise<{ context: BrowserContext; close(): Promise<void> }>;
export function runExtensionTests(options: { extensionDevelopmentPath: string; extensionTestsPath: string; folder: string; extensions?: string[]; timeoutMs?: number; log?: (line: string) => void }): Promise<number>;
