// Messages between the page and the graph layout worker (worker.ts). One request, one response with the same id.

export interface LayoutNode { key: string; width: number; height: number }
export interface LayoutEdge { from: string; to: string }

export interface LayoutRequest {
  type: 'layoutRequest';
  id: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

export interface PlacedNode { key: string; x: number; y: number }
/** An edge's route as flat `[x0, y0, x1, y1, ...]`. */
export interface RoutedEdge { from: string; to: string; points: number[] }

export type LayoutResponse =
  | { type: 'layoutResponse'; id: number; width: number; height: number; nodes: PlacedNode[]; edges: RoutedEdge[]; ms: number }
  | { type: 'layoutError'; id: number; message: string };
