// The autograd graph as the graph view draws it: grad_fn nodes with PyTorch's names, tensor nodes above the grad_fn
// that made them, leaves as their AccumulateGrad node, saved tensors beside the node that saved them, chains of
// identical nodes optionally folded into one. Sizes are estimated from text length (labels use a monospace font),
// so the layout needs no DOM and can run in a worker.
import type { GraphNodeRecord, InspectorRecord, TensorMeta } from '../../extension/protocol/record.ts';
import { shapeText } from './format.ts';
import type { Timeline } from './timeline.ts';

export type DisplayNodeKind = 'tensor' | 'function' | 'accumulate' | 'saved' | 'collapsed';

export interface DisplayNode {
  key: string;
  kind: DisplayNodeKind;
  title: string;
  lines: string[];
  /** The tensor this node stands for or produced: what clicking it selects. */
  tensorId: number | null;
  /** The autograd node (for a folded chain: the first of its members). */
  nodeId: number | null;
  /** The autograd nodes folded into this one. */
  members: number[];
  width: number;
  height: number;
}

export interface DisplayEdge { from: string; to: string; kind: 'gradient' | 'output' | 'saved' }

export interface DisplayGraph {
  nodes: DisplayNode[];
  edges: DisplayEdge[];
  /** The statement after which each node exists (-1: from the start). */
  appearsAt: Map<string, number>;
}

export const graphFont = { size: 12, charWidth: 7.3, lineHeight: 16, padding: 10 };

function sized(node: Omit<DisplayNode, 'width' | 'height'>): DisplayNode {
  const longest = Math.max(node.title.length, ...node.lines.map((l) => l.length));
  return {
    ...node,
    width: Math.ceil(longest * graphFont.charWidth + 2 * graphFont.padding),
    height: (1 + node.lines.length) * graphFont.lineHeight + graphFont.padding,
  };
}

function tensorLines(meta: TensorMeta, hasGrad: boolean): string[] {
  const lines = [`${shapeText(meta.shape)} ${meta.dtype}`];
  if (meta.requires_grad) lines.push('requires_grad=True');
  if (hasGrad) lines.push(`grad ${shapeText(meta.shape)}`);
  return lines;
}

/** Follows the chains Note [Folding repeated nodes] describes; returns each chain's nodes, head first. */
function foldableChains(nodes: readonly GraphNodeRecord[], attached: ReadonlySet<number>): number[][] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const inDegree = new Map<number, number>();
  for (const n of nodes) for (const next of n.next) if (next.node !== null) inDegree.set(next.node, (inDegree.get(next.node) ?? 0) + 1);
  const soleNext = (n: GraphNodeRecord): GraphNodeRecord | undefined => {
    const targets = n.next.filter((x) => x.node !== null);
    if (targets.length !== 1) return undefined;
    const target = byId.get(targets[0]!.node!);
    return target && target.name === n.name && inDegree.get(target.id) === 1 && !attached.has(target.id) ? target : undefined;
  };
  const inChain = new Set<number>();
  for (const n of nodes) { const next = soleNext(n); if (next) inChain.add(next.id); }
  const chains: number[][] = [];
  for (const head of nodes) {
    if (inChain.has(head.id)) continue;
    const chain = [head.id];
    for (let next = soleNext(head); next; next = soleNext(next)) chain.push(next.id);
    if (chain.length >= 3) chains.push(chain);
  }
  return chains;
}

/**
 * Note [Folding repeated nodes]: a loop that applies the same op again and again (`for (...) x = x.mul(2)`) makes a
 * chain of identical grad_fn nodes. A chain folds into one node "MulBackward0 ×n" when each member has exactly one
 * input gradient edge, to the next member, and the next member has no other consumer and no tensor of the record
 * attached (so nothing that can be selected disappears into the fold); the saved tensors of folded nodes are folded too.
 */
export function buildDisplayGraph(record: InspectorRecord, timeline: Timeline, options: { fold: boolean }): DisplayGraph {
  const nodes: DisplayNode[] = [];
  const edges: DisplayEdge[] = [];
  const graph = record.graph;
  const finalStatement = timeline.last;
  const names = timeline.namesAt(finalStatement);
  const label = (id: number): string => (names.get(id) ?? timeline.tensors.get(id)?.names ?? []).join(' = ') || `#${id}`;
  const outputsOf = new Map<number, number[]>();
  for (const tensor of record.tensors) {
    if (tensor.gradFnId === null) continue;
    const list = outputsOf.get(tensor.gradFnId);
    if (list) list.push(tensor.id);
    else outputsOf.set(tensor.gradFnId, [tensor.id]);
  }
  const leafMeta = new Map<number, TensorMeta>(graph.leaves.map((l) => [l.id, l]));
  const grads = new Set(graph.grads.map((g) => g.tensor));

  const fold = new Map<number, number[]>();
  if (options.fold) for (const chain of foldableChains(graph.nodes, new Set(outputsOf.keys()))) for (const id of chain) fold.set(id, chain);
  const keyOf = (id: number): string => `f${fold.get(id)?.[0] ?? id}`;

  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const node of graph.nodes) {
    const chain = fold.get(node.id);
    if (chain && chain[0] !== node.id) continue;
    const members = chain ?? [node.id];
    const memberNodes = members.map((id) => byId.get(id)!);
    const freed = memberNodes.flatMap((n) => n.saved.filter((s) => s.tensor === null).map((s) => s.name));
    const lines: string[] = [];
    if (chain) lines.push(`${chain.length} nodes folded`);
    if (freed.length > 0) lines.push(`saved: ${[...new Set(freed)].join(', ')} (freed)`);
    const isAccumulate = node.name === 'AccumulateGrad';
    if (isAccumulate && node.variable !== null) {
      // Note [Leaves in the graph]: as torchviz draws them, a leaf is its AccumulateGrad node (one box, not two): a
      // separate box below each AccumulateGrad makes every leaf a two-node column, and on a long backward graph
      // those columns overlap rank by rank and push each other sideways into a staircase.
      const tensor = timeline.tensors.get(node.variable);
      const meta = tensor ?? leafMeta.get(node.variable);
      const leafLines = meta ? tensorLines(meta, grads.has(node.variable) || (tensor?.gradId ?? null) !== null) : [];
      if (leafLines.length > 0) leafLines[0] = `${label(node.variable)} ${leafLines[0]}`;
      nodes.push(sized({
        key: keyOf(node.id), kind: 'accumulate', title: node.name, lines: [...leafLines, ...lines],
        tensorId: tensor ? tensor.id : null, nodeId: node.id, members,
      }));
      continue;
    }
    const tensorId = outputsOf.get(node.id)?.[0] ?? null;
    nodes.push(sized({
      key: keyOf(node.id), kind: chain ? 'collapsed' : 'function',
      title: chain ? `${node.name} ×${chain.length}` : node.name, lines, tensorId, nodeId: node.id, members,
    }));
    const last = memberNodes[memberNodes.length - 1]!;
    last.next.forEach((next) => {
      if (next.node !== null) edges.push({ from: keyOf(node.id), to: keyOf(next.node), kind: 'gradient' });
    });
    memberNodes.forEach((member) => member.saved.forEach((saved, i) => {
      if (!saved.tensor || chain) return;
      const key = `s${member.id}.${i}`;
      nodes.push(sized({
        key, kind: 'saved', title: `saved ${saved.name}${saved.isOutput ? ' (output)' : ''}`,
        lines: [`${shapeText(saved.tensor.shape)} ${saved.tensor.dtype}`], tensorId: timeline.tensors.has(saved.tensor.id) ? saved.tensor.id : null,
        nodeId: member.id, members: [member.id],
      }));
      edges.push({ from: keyOf(member.id), to: key, kind: 'saved' });
    }));
  }
  const present = new Set(nodes.map((n) => n.key));
  for (const [fnId, tensorIds] of outputsOf) {
    if (!present.has(keyOf(fnId))) continue;
    for (const id of tensorIds) {
      const key = `t${id}`;
      if (present.has(key)) continue;
      const tensor = timeline.tensors.get(id)!;
      nodes.push(sized({
        key, kind: 'tensor', title: label(id), lines: tensorLines(tensor, tensor.gradId !== null),
        tensorId: id, nodeId: null, members: [],
      }));
      present.add(key);
      edges.push({ from: key, to: keyOf(fnId), kind: 'output' });
    }
  }
  return { nodes, edges, appearsAt: appearances(record, timeline, nodes, edges, keyOf) };
}

/** When each node appears: tensors when created; autograd nodes when a tensor created then first reaches them. */
function appearances(
  record: InspectorRecord, timeline: Timeline, nodes: readonly DisplayNode[], edges: readonly DisplayEdge[], keyOf: (id: number) => string,
): Map<string, number> {
  const appearsAt = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const created = (id: number): number => timeline.createdAt.get(id) ?? -1;
  const roots = record.tensors
    .filter((t) => t.gradFnId !== null)
    .sort((a, b) => created(a.id) - created(b.id));
  for (const tensor of roots) {
    const at = created(tensor.id);
    const stack = [keyOf(tensor.gradFnId!)];
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (appearsAt.has(key)) continue;
      appearsAt.set(key, at);
      for (const next of out.get(key) ?? []) if (!next.startsWith('t')) stack.push(next);
    }
  }
  for (const node of nodes) {
    const tensorAt = node.tensorId !== null ? created(node.tensorId) : -1;
    // A tensor appears when created; a leaf's AccumulateGrad when a computation first uses the leaf.
    if (node.kind === 'tensor') appearsAt.set(node.key, tensorAt);
    else appearsAt.set(node.key, Math.max(appearsAt.get(node.key) ?? -1, node.kind === 'accumulate' ? tensorAt : -1));
  }
  return appearsAt;
}
