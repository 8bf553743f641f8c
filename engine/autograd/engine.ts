// The backward pass: an iterative walk of the graph in topological order (no recursion, so a chain of 100,000 ops
// cannot overflow the stack), accumulating gradients per node input, running hooks, writing leaves' `.grad`.
import { RuntimeError } from '../core/errors.ts';
import { withGradMode } from '../core/grad-mode.ts';
import type { Tensor } from '../core/tensor.ts';
import { AccumulateGrad, type Node } from './node.ts';
import { gradientEdge } from './record.ts';

/** Engine services implemented by the ops layer (kept out of here so the graph walk imports no op). */
export const engineOps: {
  add: (a: Tensor, b: Tensor) => Tensor;
  sumToShape: (grad: Tensor, shape: readonly number[]) => Tensor;
  cast: (grad: Tensor, like: Tensor | { dtype: Tensor['dtype'] }) => Tensor;
  clone: (t: Tensor) => Tensor;
  cloneLike: (grad: Tensor, variable: Tensor) => Tensor;
  addInPlace: (target: Tensor, value: Tensor) => void;
  onesLike: (t: Tensor) => Tensor;
} = {} as never;

export interface RunOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** For `torch.autograd.grad`: collect gradients at these tensors instead of accumulating into `.grad`. */
  capture?: readonly Tensor[];
  allowUnused?: boolean;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function accumulate(a: Tensor | null, b: Tensor): Tensor {
  return a === null ? b : engineOps.add(a, b);
}

/** Runs backward from `roots` seeded with `grads`. Returns captured gradients when `capture` is given. */
export function runBackward(roots: readonly Tensor[], grads: readonly Tensor[], options: RunOptions): (Tensor | null)[] {
  return withGradMode(options.createGraph, () => execute(roots, grads, options));
}

function execute(roots: readonly Tensor[], rootGrads: readonly Tensor[], options: RunOptions): (Tensor | null)[] {
  const pending = new Map<Node, (Tensor | null)[]>();
  const rootEdges = roots.map((r) => gradientEdge(r));
  rootEdges.forEach(([node], i) => {
    if (node === null) {
      throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
  });

  // Capture points for torch.autograd.grad: a leaf's accumulator or a non-leaf's (grad_fn, output_nr).
  const captureKeys = (options.capture ?? []).map((t) => gradientEdge(t));
  const captured: (Tensor | null)[] = captureKeys.map(() => null);

  // Count dependencies with an explicit stack.
  const dependencies = new Map<Node, number>();
  const seen = new Set<Node>();
  const stack: Node[] = [];
  for (const [node] of rootEdges) if (node && !seen.has(node)) { seen.add(node); stack.push(node); }
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const [next] of node.next_functions) {
      if (next === null) continue;
      dependencies.set(next, (dependencies.get(next) ?? 0) + 1);
      if (!seen.has(next)) { seen.add(next); stack.push(next); }
    }
  }

  rootEdges.forEach(([node, nr], i) => {
    const buffer = pending.get(node!) ?? new Array<Tensor | null>(node!.numOutputs).fill(null);
    buffer[nr] = accumulate(buffer[nr]!, rootGrads[i]!);
    pending.set(node!, buffer);
  });

  const stolen: Tensor[] = [];
  const ready: Node[] = [];
  for (const [node] of rootEdges) if (node && !dependencies.get(node) && !ready.includes(node)) ready.push(node);

  while (ready.length > 0) {
    const node = ready.pop()!;
    const inputs = pending.get(node) ?? new Array<Tensor | null>(node.numOutputs).fill(null);
    pending.delete(node);
    runPreHooks(node, inputs);
    captureAt(node, inputs, captureKeys, captured);

    let outputs: (Tensor | null)[];
    if (node instanceof AccumulateGrad) {
      if (options.capture === undefined) accumulateLeaf(node.variable, inputs[0]!, options.createGraph, stolen, rootGrads);
      outputs = [];
    } else {
      outputs = node.apply(inputs);
      if (!options.retainGraph) node.releaseSaved();
    }
    for (const hook of node.postHooks) hook(outputs, inputs);

    node.next_functions.forEach(([next, nr], i) => {
      if (next === null) return;
      let g = outputs[i] ?? null;
      if (g !== null) g = conform(g, node, i);
      if (g !== null) {
        const buffer = pending.get(next) ?? new Array<Tensor | null>(next.numOutputs).fill(null);
        buffer[nr] = accumulate(buffer[nr]!, g);
        pending.set(next, buffer);
      }
      const left = dependencies.get(next)! - 1;
      dependencies.set(next, left);
      if (left === 0) {
        if (pending.has(next)) ready.push(next);
        else skipUnreached(next, dependencies, ready, pending);
      }
    });
  }

  if (options.capture !== undefined && !options.allowUnused) {
    if (captured.includes(null)) {
      throw new RuntimeError('One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.');
    }
  }
  return captured;
}

/** A node whose every incoming gradient was undefined is not run; its own inputs lose a dependency each. */
function skipUnreached(start: Node, dependencies: Map<Node, number>, ready: Node[], pending: Map<Node, (Tensor | null)[]>): void {
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const [next] of node.next_functions) {
      if (next === null) continue;
      const left = dependencies.get(next)! - 1;
      dependencies.set(next, left);
      if (left === 0) {
        if (pending.has(next)) ready.push(next);
        else stack.push(next);
      }
    }
  }
}

/** validate_outputs: sum a broadcast gradient back to the input's shape and cast it to the input's dtype. */
function conform(grad: Tensor, node: Node, index: number): Tensor {
  const meta = node.inputMeta[index];
  if (!meta) return grad;
  let g = grad;
  if (!sameShape(g._shape, meta.shape)) g = engineOps.sumToShape(g, meta.shape);
  if (g.dtype !== meta.dtype) g = engineOps.cast(g, { dtype: meta.dtype });
  return g;
}

function runPreHooks(node: Node, inputs: (Tensor | null)[]): void {
  const hookTarget = node instanceof AccumulateGrad ? node.variable._leafHooks : null;
  if (hookTarget) {
    for (const hook of hookTarget) {
      if (inputs[0] === null) continue;
      const replaced = hook(inputs[0]!);
      if (replaced) inputs[0] = replaced;
    }
    return;
  }
  for (const [nr, hooks] of node.tensorPreHooks) {
    for (const hook of hooks) {
      if (inputs[nr] === null || inputs[nr] === undefined) continue;
      const replaced = hook(inputs[nr]!);
      if (replaced) inputs[nr] = replaced;
    }
  }
}

function captureAt(node: Node, inputs: (Tensor | null)[], keys: readonly [Node | null, number][], captured: (Tensor | null)[]): void {
  keys.forEach(([keyNode, nr], i) => {
    if (keyNode === node && inputs[nr]) captured[i] = accumulate(captured[i]!, inputs[nr]!);
  });
}

/**
 * AccumulateGrad. The first gradient is kept as it is when it follows the leaf's layout and nothing else holds it
 * (PyTorch "steals" it, so e.g. a leaf's grad after `cat` is a slice of the joined gradient); otherwise it is copied
 * into the leaf's layout (the Gradient Layout Contract). Later gradients are added in place, or out of place when
 * building a graph (create_graph).
 */
export function accumulateLeaf(variable: Tensor, grad: Tensor, createGraph: boolean, stolen: Tensor[], rootGrads: readonly Tensor[]): void {
  if (variable._grad === null) {
    const steal = !createGraph && !rootGrads.includes(grad) && obeysLayout(grad, variable) && !stolen.some((t) => overlaps(t, grad));
    if (steal) {
      stolen.push(grad);
      variable._grad = grad.detach();
    } else {
      variable._grad = engineOps.cloneLike(grad, variable);
    }
    return;
  }
  // Like PyTorch, accumulate in place when no graph is being built, so a held `.grad` reference sees the sum.
  if (createGraph) variable._grad = engineOps.add(variable._grad, grad);
  else engineOps.addInPlace(variable._grad, grad.detach());
}

/** Strides whose sorted order packs the elements densely with no overlap (is_non_overlapping_and_dense). */
export function isDense(shape: readonly number[], strides: readonly number[]): boolean {
  // An empty tensor is contiguous, hence dense, whatever its strides (PyTorch's cached flag).
  if (shape.includes(0)) return true;
  const dims = shape.map((_, i) => i).filter((i) => shape[i] !== 1).sort((a, b) => strides[a]! - strides[b]!);
  let expected = 1;
  for (const d of dims) {
    if (strides[d] !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}

/** obeys_layout_contract: the gradient has the leaf's strides (size-1 dims aside, but never stride 0). */
function obeysLayout(grad: Tensor, variable: Tensor): boolean {
  if (!isDense(variable._shape, variable._stride)) return grad.is_contiguous();
  return grad._shape.every((size, i) => (size === 1 ? grad._stride[i] !== 0 : grad._stride[i] === variable._stride[i]));
}

/** Whether two tensors over the same storage could touch the same element (by their position ranges). */
function overlaps(a: Tensor, b: Tensor): boolean {
  if (a.storage !== b.storage) return false;
  const range = (t: Tensor): [number, number] => {
    let low = t._offset;
    let high = t._offset;
    t._shape.forEach((size, i) => {
      const span = (size - 1) * t._stride[i]!;
      if (span < 0) low += span; else high += span;
    });
    return [low, high];
  };
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
}
