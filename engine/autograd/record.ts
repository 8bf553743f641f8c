// Attaching a grad_fn to the outputs of an op. Every differentiable op calls `record` right after computing its
// result, with its backward written next to it in engine ops (so it runs on every backend and is differentiable).
import { is_grad_enabled } from '../core/grad-mode.ts';
import type { Tensor } from '../core/tensor.ts';
import { AccumulateGrad, type Edge, Node, retainGradHooks, SavedTensor } from './node.ts';

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

// Note [Saved only for the gradients that read them]: PyTorch saves an operand only when an input whose derivative
// formula reads it requires grad (mul saves `self` for `other`'s gradient and `other` for `self`'s; div saves `self`
// only for `other`'s), so writing in place to `x` after `x.mul(c)` is no error when `c` needs no gradient. The
// elementwise dispatcher saves both operands; for these nodes an operand that no wanted gradient reads is kept
// without its version check (the gradient computed from it is discarded). Keys: saved name -> input positions.
const savedOnlyFor: Record<string, Record<string, readonly number[]>> = {
  MulBackward0: { self: [1], other: [0] },
  DivBackward0: { self: [1] },
};

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
  for (const [key, readers] of Object.entries(savedOnlyFor[name] ?? {})) {
    const s = savedTensors[key];
    if (s && !readers.some((i) => inputs[i]?.requires_grad)) s.versionChecked = false;
  }
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
    adoptRetainGradHook(t);
    node.outputIds.push(t.id);
  });
}

/**
 * After an in-place op gave `t` a new node (or, for a view, regenerated its history), moves `t`'s retain_grad hook
 * onto it, so `.grad` is the gradient of the tensor's final value (PyTorch 1.13). Other hooks stay where they were
 * registered, and a write through a view leaves the base's hook on its old node, as in PyTorch.
 */
export function adoptRetainGradHook(t: Tensor): void {
  const retained = retainGradHooks.get(t);
  const node = t._gradFn;
  if (!retained || node === null || node === retained.node) return;
  const hooks = retained.node.tensorPreHooks.get(retained.outputNr) ?? [];
  const at = hooks.indexOf(retained.hook);
  if (at >= 0) hooks.splice(at, 1);
  if (!node.tensorPreHooks.has(t.output_nr)) node.tensorPreHooks.set(t.output_nr, []);
  node.tensorPreHooks.get(t.output_nr)!.push(retained.hook);
  retainGradHooks.set(t, { hook: retained.hook, node, outputNr: t.output_nr });
}

/** Zero gradient for an output that received none; set by the ops layer to avoid an import cycle. */
export const zerosProvider: { zeros: (like: Tensor) => Tensor } = {
  zeros: () => { throw new Error('zeros provider not installed'); },
};
function zerosFor(t: Tensor): Tensor { return zerosProvider.zeros(t); }
