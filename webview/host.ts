// Where the webview runs: inside VS Code (`acquireVsCodeApi()` exists: messages and state go through it) or in the
// standalone page (the record is embedded in the page; exports become downloads). The rest of the UI talks to a Host.
import type { InspectorRecord } from '../extension/protocol/record.ts';
import type {
  ExportImageRequest, HostToWebviewMessage, RevealSourceRequest, WebviewResponse, WebviewState, WebviewToHostMessage,
} from '../extension/protocol/webview.ts';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

declare global {
  // Defined by VS Code in its webviews; absent in the standalone page.
  // eslint-disable-next-line no-var
  var acquireVsCodeApi: (() => VsCodeApi) | undefined;
}

type Notification = Exclude<WebviewToHostMessage, { id: number }>;
type RequestBody = Omit<RevealSourceRequest, 'id'> | Omit<ExportImageRequest, 'id'>;

export interface Host {
  readonly kind: 'vscode' | 'standalone';
  notify(message: Notification): void;
  /** Sends a request; resolves with the response, rejects with its error or after the timeout. */
  request(message: RequestBody): Promise<WebviewResponse>;
  onMessage(handler: (message: HostToWebviewMessage) => void): void;
  getState(): WebviewState | null;
  setState(state: WebviewState): void;
}

const requestTimeoutMs = 10_000;

class VsCodeHost implements Host {
  readonly kind = 'vscode';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WebviewResponse) => void; reject: (e: Error) => void; timer: number }>();
  private handler: ((message: HostToWebviewMessage) => void) | null = null;

  constructor(private readonly api: VsCodeApi) {
    window.addEventListener('message', (event: MessageEvent<HostToWebviewMessage>) => {
      const message = event.data;
      if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
      if (message.type === 'response') {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        window.clearTimeout(waiting.timer);
        if (message.error !== undefined) waiting.reject(new Error(message.error));
        else waiting.resolve(message);
        return;
      }
      this.handler?.(message);
    });
  }

  notify(message: Notification): void {
    this.api.postMessage(message);
  }

  request(message: RequestBody): Promise<WebviewResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer from VS Code after ${requestTimeoutMs / 1000} s`));
      }, requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.api.postMessage({ ...message, id } as WebviewToHostMessage);
    });
  }

  onMessage(handler: (message: HostToWebviewMessage) => void): void {
    this.handler = handler;
  }

  getState(): WebviewState | null {
    const state = this.api.getState() as WebviewState | undefined;
    return state && state.stateVersion === 1 ? state : null;
  }

  setState(state: WebviewState): void {
    this.api.setState(state);
  }
}

class StandaloneHost implements Host {
  readonly kind = 'standalone';
  private state: WebviewState | null = null;

  notify(): void {
    // Nobody listens in the standalone page.
  }

  request(message: RequestBody): Promise<WebviewResponse> {
    return Promise.reject(new Error(`${message.type} needs VS Code`));
  }

  onMessage(): void {
    // The standalone page gets no messages: its record is embedded.
  }

  getState(): WebviewState | null {
    return this.state;
  }

  setState(state: WebviewState): void {
    this.state = state;
  }
}

export function createHost(): Host {
  return typeof globalThis.acquireVsCodeApi === 'function' ? new VsCodeHost(globalThis.acquireVsCodeApi()) : new StandaloneHost();
}

/** The record embedded in the page (`<script type="application/json" id="inspector-record">`), if any. */
export function embeddedRecord(): { record: InspectorRecord | null; error: string | null } {
  const element = document.getElementById('inspector-record');
  const text = element?.textContent?.trim();
  if (!text) return { record: null, error: null };
  try {
    const record = JSON.parse(text) as InspectorRecord;
    if (record.schemaVersion !== 1) return { record: null, error: `This page holds a record of schema version ${String(record.schemaVersion)}; this inspector reads version 1.` };
    return { record, error: null };
  } catch (error) {
    return { record: null, error: `The embedded record is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
