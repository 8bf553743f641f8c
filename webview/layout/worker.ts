// The layout worker: lays out graphs off the page's thread (layered.ts). Started by client.ts from a `data:` URL;
// see Note [Layout worker].
import { layoutGraph } from './layered.ts';
import type { LayoutRequest, LayoutResponse } from './protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const request = event.data;
  const started = performance.now();
  try {
    const layout = layoutGraph(request.nodes, request.edges);
    scope.postMessage({ type: 'layoutResponse', id: request.id, ...layout, ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ type: 'layoutError', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
