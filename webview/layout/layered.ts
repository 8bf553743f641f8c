// The graph layout: dagre's layered (Sugiyama) layout, with two choices made for autograd graphs.
//
// Note [Ranking autograd graphs]: dagre's default ranker (network simplex) costs seconds on a graph of a thousand
// nodes, and its longest-path ranker pushes every leaf to the bottom rank, stretching each AccumulateGrad edge across
// the whole graph. A backward graph reads top-down from the loss, so each node goes one rank below its lowest
// consumer: a longest path from the sources, in linear time, which keeps leaves next to the op that used them.
// dagre's crossing-minimising sweeps are replaced too: they cost most of the remaining time on large graphs, and on
// the ladder shape of a backward graph (a main path with a leaf hanging off each op) they alternate the leaves' side
// and the main path drifts diagonally. `treeOrder` draws the graph as the tree it mostly is, and the upper-left
// alignment (instead of the average of four) keeps that main path one straight column.
import dagre, { type EdgeLabel, type Graph as DagreGraph, type GraphLabel, type NodeLabel, type RankerFunction } from '@dagrejs/dagre';
import type { LayoutEdge, LayoutNode, PlacedNode, RoutedEdge } from './protocol.ts';

type Graph = DagreGraph<GraphLabel, NodeLabel, EdgeLabel>;

function rankFromSources(g: Graph): void {
  // dagre joins every node to a "nesting root" before ranking (for subgraphs, which these graphs do not have); its
  // edges are left out here, and the root goes one rank above everything.
  const root = g.graph().nestingRoot;
  const edgesIn = (v: string) => (g.inEdges(v) ?? []).filter((e) => e.v !== root);
  const edgesOut = (v: string) => g.outEdges(v) ?? [];
  const pending = new Map<string, number>();
  const queue: string[] = [];
  for (const v of g.nodes()) {
    if (v === root) continue;
    const count = edgesIn(v).length;
    pending.set(v, count);
    if (count === 0) {
      g.node(v).rank = 1;
      queue.push(v);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    const rank = g.node(v).rank!;
    for (const e of edgesOut(v)) {
      const target = g.node(e.w);
      const candidate = rank + (g.edge(e).minlen ?? 1);
      if (target.rank === undefined || target.rank < candidate) target.rank = candidate;
      const left = pending.get(e.w)! - 1;
      pending.set(e.w, left);
      if (left === 0) queue.push(e.w);
    }
  }
  // A source other than the graph's top (a tensor above its grad_fn) moves down to just above what it feeds.
  for (const v of queue) {
    if (edgesIn(v).length > 0) continue;
    const below = edgesOut(v).map((e) => g.node(e.w).rank! - (g.edge(e).minlen ?? 1));
    if (below.length > 0) g.node(v).rank = Math.min(...below);
  }
  if (root !== undefined) g.node(root).rank = Math.min(...queue.map((v) => g.node(v).rank!)) - 1;
}

/**
 * Orders each rank like a tree drawing: a node sits under its leftmost consumer, and the inputs of one node keep
 * their `next_functions` order (edge insertion order), so the main path of a backward graph runs straight down the
 * left and each op's other inputs branch off to its right. Linear in the graph's size (dummy nodes included).
 */
function treeOrder(g: Graph): void {
  const layers = new Map<number, string[]>();
  for (const v of g.nodes()) {
    const rank = g.node(v).rank ?? 0;
    const layer = layers.get(rank);
    if (layer) layer.push(v);
    else layers.set(rank, [v]);
  }
  const ranks = [...layers.keys()].sort((a, b) => a - b);
  const sortKey = new Map<string, number>();
  for (const rank of ranks) {
    const layer = layers.get(rank)!;
    for (const v of layer) {
      let best = Infinity;
      for (const e of g.inEdges(v) ?? []) {
        const parent = g.node(e.v);
        if (parent.order === undefined) continue;
        const siblings = g.outEdges(e.v) ?? [];
        const position = siblings.findIndex((s) => s.w === v);
        best = Math.min(best, parent.order * 1024 + Math.max(position, 0));
      }
      sortKey.set(v, best === Infinity ? 1e12 + sortKey.size : best);
    }
    // A node with no consumer in the graph (a tensor above its grad_fn) goes right after another node of its rank
    // that feeds the same node, so that its edge stays short.
    // (Edges longer than one rank run through dummy nodes: follow them down to the real node, and up to this rank.)
    const down = (x: string): string => {
      let node = x;
      while (g.node(node).dummy) node = g.successors(node)![0]!;
      return node;
    };
    const up = (x: string): string => {
      let node = x;
      while (g.node(node).rank! > rank && g.node(node).dummy) node = g.predecessors(node)![0]!;
      return node;
    };
    for (const v of layer) {
      if (sortKey.get(v)! < 1e12) continue;
      for (const w of g.successors(v) ?? []) {
        const target = down(w);
        const sibling = (g.predecessors(target) ?? []).map(up).find((u) => u !== v && g.node(u).rank === rank && sortKey.get(u)! < 1e12);
        if (sibling) { sortKey.set(v, sortKey.get(sibling)! + 0.5); break; }
      }
    }
    layer.sort((a, b) => sortKey.get(a)! - sortKey.get(b)!);
    layer.forEach((v, order) => { g.node(v).order = order; });
  }
}

export interface Layout { width: number; height: number; nodes: PlacedNode[]; edges: RoutedEdge[] }

export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Layout {
  const g: Graph = new dagre.graphlib.Graph({ multigraph: true });
  // dagre runs a function given as the ranker; its typings list only the built-in names.
  const ranker = rankFromSources satisfies RankerFunction as unknown as GraphLabel['ranker'];
  g.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 28, edgesep: 8, marginx: 16, marginy: 16, ranker, align: 'UL' });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.key, { width: node.width, height: node.height });
  edges.forEach((edge, i) => g.setEdge(edge.from, edge.to, {}, `e${i}`));
  dagre.layout(g, { customOrder: (graph) => treeOrder(graph) });
  const label = g.graph();
  return {
    width: label.width ?? 0,
    height: label.height ?? 0,
    nodes: nodes.map((n) => { const placed = g.node(n.key); return { key: n.key, x: placed.x ?? 0, y: placed.y ?? 0 }; }),
    edges: edges.map((edge, i) => ({
      from: edge.from, to: edge.to,
      points: g.edge(edge.from, edge.to, `e${i}`).points?.flatMap((p) => [p.x, p.y]) ?? [],
    })),
  };
}
