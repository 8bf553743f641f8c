// Note [Provisional layout]: dagre needs about half a second for a thousand-node graph, even in its worker. Large
// graphs are first drawn with this linear-time layered layout (ranked like layered.ts: each node one rank below its
// lowest consumer, sources just above what they feed; nodes in a rank side by side in discovery order; straight
// edges), so the graph is on screen at once; the worker's layout replaces it when it arrives. A smaller graph gets
// it too when dagre has not answered within 400 ms (a busy machine, a slow worker start), never a blank canvas.
import type { LayoutEdge, LayoutNode, LayoutResponse } from './protocol.ts';

type LayoutResult = Extract<LayoutResponse, { type: 'layoutResponse' }>;

const rankGap = 48;
const nodeGap = 24;

export function quickLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): LayoutResult {
  const started = performance.now();
  const rank = new Map<string, number>(nodes.map((n) => [n.key, 0]));
  const incoming = new Map<string, number>(nodes.map((n) => [n.key, 0]));
  const outgoing = new Map<string, string[]>(nodes.map((n) => [n.key, []]));
  for (const e of edges) {
    incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
    outgoing.get(e.from)?.push(e.to);
  }
  const incomingCount = new Map(incoming);
  const order: string[] = nodes.filter((n) => incoming.get(n.key) === 0).map((n) => n.key);
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    for (const w of outgoing.get(v) ?? []) {
      rank.set(w, Math.max(rank.get(w)!, rank.get(v)! + 1));
      const left = incoming.get(w)! - 1;
      incoming.set(w, left);
      if (left === 0) order.push(w);
    }
  }
  // Sources (the tensors the graph starts from) sit just above the node they feed, not all in the top row.
  for (const n of nodes) {
    const next = outgoing.get(n.key)!;
    if (next.length > 0 && (incomingCount.get(n.key) ?? 0) === 0) rank.set(n.key, Math.max(0, Math.min(...next.map((w) => rank.get(w)!)) - 1));
  }
  // Nodes on a cycle (never in an autograd graph) keep rank 0 and go last.
  const placedKeys = new Set(order);
  for (const n of nodes) if (!placedKeys.has(n.key)) order.push(n.key);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const rows: string[][] = [];
  for (const key of order) (rows[rank.get(key)!] ??= []).push(key);
  const placed = new Map<string, { x: number; y: number }>();
  let y = 0;
  let width = 0;
  for (const row of rows) {
    if (!row) continue;
    let x = 0;
    const height = Math.max(...row.map((k) => byKey.get(k)!.height));
    for (const key of row) {
      const node = byKey.get(key)!;
      placed.set(key, { x: x + node.width / 2, y: y + height / 2 });
      x += node.width + nodeGap;
    }
    width = Math.max(width, x - nodeGap);
    y += height + rankGap;
  }
  const edgePoints = edges.map((e) => {
    const from = placed.get(e.from)!;
    const to = placed.get(e.to)!;
    const fromNode = byKey.get(e.from)!;
    const toNode = byKey.get(e.to)!;
    return { from: e.from, to: e.to, points: [from.x, from.y + fromNode.height / 2, to.x, to.y - toNode.height / 2] };
  });
  return {
    type: 'layoutResponse', id: 0, width: Math.max(width, 1), height: Math.max(y - rankGap, 1),
    nodes: nodes.map((n) => ({ key: n.key, ...placed.get(n.key)! })), edges: edgePoints, ms: performance.now() - started,
  };
}
