// Attaching a grad_fn to the outputs of an op. Every differentiable op calls `record` right after computing its
// result, with its backward written next to it in engine ops (so it runs on every backend and is differentiable).
import { is_grad_enabled } from '../core/grad-mode.ts';
import type { Tensor } from '../core/tensor.ts';
import { AccumulateGrad, type Edge, Node, SavedTensor } from './node.ts';

/** The edge a gradient for `t` flows along: its grad_fn, or its leaf accumulator, or nothing. */
export function gradientEdge(t: Tensor): Edge {
  if (t.grad_fn) return [t.grad_fn, t.output_nr];
  if (t._requiresGrad) {
    t._accumulator ??= new AccumulateGrad(t);
    return [t._accumulator, 0];
  }
  return [null, 0];
}

export type Saved = Record<string, Tensor>;

/** Saved tensors come back unpacked (version-checked) when backward runs. */
export type Backward<S extends Saved> = (grads: Tensor[], saved: S) => (Tensor | null | undefined)[];

/** True when an op on these inputs must build graph: grad mode is on and some input requires grad. */
export function needsGrad(inputs: readonly (Tensor | null | undefined)[]): boolean {
  if (!is_grad_enabled()) return false;
  for (const t of inputs) if (t && t.requires_grad) return true;
  return false;
}

/**
 * Attaches a node named `name` (PyTorch's, e.g. `MulBackward0`) to `outputs`, when grad mode is on and an input
 * requires grad. Broadcasting is undone centrally: gradients are summed back to each input's shape by the engine.
 * Missing output gradients (multi-output nodes) arrive as zeros.
 */
export function record<S extends Saved>(
  name: string,
  inputs: readonly (Tensor | null | undefined)[],
  outputs: Tensor | readonly Tensor[],
  saved: S,
  backward: Backward<S>,
): void {
  if (!needsGrad(inputs)) return;
  const outs = Array.isArray(outputs) ? outputs : [outputs as Tensor];
  const savedTensors: Record<string, SavedTensor> = {};
  for (const [key, t] of Object.entries(saved)) savedTensors[key] = new SavedTensor(t, key, outs.includes(t));
  const edges: Edge[] = inputs.map((t) => (t ? gradientEdge(t) : [null, 0]));
  const meta = inputs.map((t) => (t ? { shape: [...t._shape], dtype: t.dtype } : null));
  const node: Node = new Node(name, edges, meta, savedTensors, (grads) => {
    const unpacked = {} as Record<string, Tensor>;
    for (const key of Object.keys(savedTensors)) unpacked[key] = node.savedTensor(key);
    const filled = grads.map((g, i) => g ?? zerosFor(outs[i]!));
    return backward(filled, unpacked as S).map((g) => g ?? null);
  }, outs.length);
  for (const s of Object.values(savedTensors)) {
    const index = outs.findIndex((t) => t === s.peek());
    if (s.isOutput && index >= 0) s.producedBy = `output ${index} of ${name}`;
  }
  outs.forEach((t, i) => {
    if (!t.dtype.is_floating_point) return;
    t.grad_fn = node;
    t.output_nr = i;
    node.outputIds.push(t.id);
  });
}

/** Zero gradient for an output that received none; set by the ops layer to avoid an import cycle. */
export const zerosProvider: { zeros: (like: Tensor) => Tensor } = {
  zeros: () => { throw new Error('zeros provider not installed'); },
};
function zerosFor(t: Tensor): Tensor { return zerosProvider.zeros(t); }
