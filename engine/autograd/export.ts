// A plain-data export of the autograd graph for the inspector: nodes with PyTorch's names, their edges, saved
// tensors' metadata, the leaves they end in and, after backward, the leaves' gradients. Ids are the tensors' own
// ids, so the inspector can link graph nodes to the tensors it lists.
import type { Tensor } from '../core/tensor.ts';
import { AccumulateGrad, type Node } from './node.ts';

export interface TensorMeta {
  id: number;
  shape: number[];
  dtype: string;
  requires_grad: boolean;
}

export interface SavedTensorExport {
  name: string;
  /** Null once the graph has been freed by a backward pass without retain_graph. */
  tensor: TensorMeta | null;
  isOutput: boolean;
}

export interface GraphNodeExport {
  id: number;
  /** PyTorch's class name: `MulBackward0`, `AccumulateGrad`. */
  name: string;
  /** `grad_fn.next_functions` as node ids (null for inputs that need no gradient) and input numbers. */
  next: { node: number | null; input_nr: number }[];
  saved: SavedTensorExport[];
  /** Ids of the tensors this node produced (for AccumulateGrad: the leaf it writes). */
  outputs: number[];
  /** For AccumulateGrad: the leaf tensor. */
  variable: number | null;
}

export interface GraphExport {
  nodes: GraphNodeExport[];
  /** Leaf tensors that require grad and appear in the graph. */
  leaves: TensorMeta[];
  edges: { from: number; to: number; input_nr: number }[];
  /** After backward: each leaf's `.grad` (and retained non-leaf grads). */
  grads: { tensor: number; grad: TensorMeta }[];
}

export function tensorMeta(t: Tensor): TensorMeta {
  return { id: t.id, shape: [...t._shape], dtype: t.dtype.name, requires_grad: t.requires_grad };
}

/** PyTorch's printed class name of a node (Note [Node names]). */
export function nodeClassName(node: Node): string {
  return node.className;
}

/** Exports the graph reachable from `tensors` (their grad_fns and leaf accumulators), walking iteratively. */
export function exportGraph(tensors: readonly Tensor[]): GraphExport {
  const nodes: GraphNodeExport[] = [];
  const edges: GraphExport['edges'] = [];
  const leaves = new Map<number, Tensor>();
  const seen = new Set<Node>();
  const stack: Node[] = [];
  const push = (node: Node | null) => { if (node && !seen.has(node)) { seen.add(node); stack.push(node); } };
  for (const t of tensors) {
    push(t.grad_fn);
    if (t.is_leaf && t.requires_grad && t._accumulator) push(t._accumulator);
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    const isLeafNode = node instanceof AccumulateGrad;
    if (isLeafNode) leaves.set(node.variable.id, node.variable);
    nodes.push({
      id: node.id,
      name: nodeClassName(node),
      next: node.next_functions.map(([n, nr]) => ({ node: n ? n.id : null, input_nr: nr })),
      saved: Object.values(node.saved).map((s) => {
        const t = s.peek();
        return { name: s.name, tensor: t ? tensorMeta(t) : null, isOutput: s.isOutput };
      }),
      outputs: isLeafNode ? [node.variable.id] : [...node.outputIds],
      variable: isLeafNode ? node.variable.id : null,
    });
    node.next_functions.forEach(([next], i) => {
      if (!next) return;
      edges.push({ from: node.id, to: next.id, input_nr: i });
      push(next);
    });
  }
  const grads: GraphExport['grads'] = [];
  const withGrad = new Map<number, Tensor>([...leaves]);
  for (const t of tensors) if (t._grad) withGrad.set(t.id, t);
  for (const t of withGrad.values()) if (t._grad) grads.push({ tensor: t.id, grad: tensorMeta(t._grad) });
  nodes.sort((a, b) => b.id - a.id);
  return { nodes, leaves: [...leaves.values()].map(tensorMeta), edges, grads };
}
