// Runs graph layouts in the layout worker (worker.ts) and hands back promises.
//
// Note [Layout worker]: a thousand-node layout takes a few hundred milliseconds, so it runs in a Web Worker and the
// page stays responsive. A VS Code webview cannot start a worker from a file of the extension (webview resources
// come from another origin, and a worker script must be same-origin), and the standalone page is a `file:` page
// with no origin at all. So the page bundle carries the worker's code as a string (built by esbuild.mjs) and starts
// it from a `data:` URL. The worker then runs with an opaque origin, apart from the page; the pages' CSP allows
// exactly `worker-src data:` (no `blob:`, no `unsafe-eval`), and nothing from the record ever reaches that URL.
import layoutWorkerSource from 'layout-worker-source';
import type { LayoutEdge, LayoutNode, LayoutRequest, LayoutResponse } from './protocol.ts';

export type LayoutResult = Extract<LayoutResponse, { type: 'layoutResponse' }>;

interface Pending { resolve: (result: LayoutResult) => void; reject: (error: Error) => void }

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class LayoutClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Starts the worker now, so that it boots while the page renders. */
  warmUp(): void {
    try {
      this.start();
    } catch {
      // Reported by the first layout request.
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(`data:text/javascript;base64,${base64(layoutWorkerSource)}`, { name: 'graph-layout' });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const message = event.data;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.type === 'layoutResponse') waiting.resolve(message);
      else waiting.reject(new Error(message.message));
    };
    worker.onerror = (event) => this.fail(new Error(`the layout worker failed: ${event.message || 'it could not start'}`));
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  layout(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<LayoutResult> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = this.start();
      } catch (error) {
        reject(new Error(`the layout worker could not start: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const request: LayoutRequest = { type: 'layoutRequest', id, nodes, edges };
      worker.postMessage(request);
    });
  }
}
