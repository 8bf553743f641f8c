// The autograd graph: `grad_fn` nodes with PyTorch's names, edges to the nodes of their inputs, saved tensors
// guarded by version counters.
import { RuntimeError } from '../core/errors.ts';
import type { DType } from '../core/dtype.ts';
import type { Tensor } from '../core/tensor.ts';

const inspect = Symbol.for('nodejs.util.inspect.custom');
let nextNodeId = 1;

export type Edge = [Node | null, number];
export type TensorHook = (grad: Tensor) => Tensor | void | undefined;
export type BackwardFn = (grads: (Tensor | null)[]) => (Tensor | null)[];

/** Shape and dtype of an input, kept so that gradients can be summed back to its size and cast to its dtype. */
export interface InputMeta { shape: readonly number[]; dtype: DType }

const freedMessage =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already ' +
  'been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
  'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access ' +
  'saved tensors after calling backward.';

/** A tensor saved for backward, with the version it had when saved (PyTorch's SavedVariable). */
export class SavedTensor {
  private tensor: Tensor | null;
  private version: number;
  /**
   * For a saved output, `output 0 of ExpBackward0`: the node that made it, named in the version-mismatch error
   * (PyTorch keeps an output's grad_fn from when it was saved; an input's is read when the error is raised).
   */
  producedBy: string | null = null;
  /** False when no gradient that reads this tensor is wanted: PyTorch would not have saved it at all. */
  versionChecked = true;
  constructor(tensor: Tensor, readonly name: string, readonly isOutput: boolean) {
    this.tensor = tensor;
    this.version = tensor.storage.version;
  }
  get released(): boolean { return this.tensor === null; }
  peek(): Tensor | null { return this.tensor; }
  release(): void { this.tensor = null; }
  /** Points a saved output at the tensor an in-place op wrote it into, at that tensor's current version. */
  rebind(tensor: Tensor): void {
    this.tensor = tensor;
    this.version = tensor.storage.version;
  }
  unpack(): Tensor {
    const t = this.tensor;
    if (t === null) throw new RuntimeError(freedMessage);
    if (this.versionChecked && t.storage.version !== this.version) {
      const history = this.isOutput ? this.producedBy : t.grad_fn ? `output ${t.output_nr} of ${t.grad_fn.name()}` : null;
      const producedBy = history ? `, which is ${history},` : '';
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
        `[${t.dtype.legacyName} [${t._shape.join(', ')}]]${producedBy} is at version ${t.storage.version}; ` +
        `expected version ${this.version} instead. Hint: enable anomaly detection to find the operation that ` +
        `failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`);
    }
    return t;
  }
}

/** A `grad_fn`: one backward function of the graph. */
export class Node {
  readonly id = nextNodeId++;
  /** Hooks on the gradients of this node's outputs (`tensor.register_hook` on a non-leaf), by output number. */
  readonly tensorPreHooks = new Map<number, TensorHook[]>();
  readonly postHooks: ((gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]) => void)[] = [];
  /** The tensors this node produced, weakly, for the inspector's graph export. */
  readonly outputIds: number[] = [];
  constructor(
    private readonly nodeName: string,
    readonly next_functions: Edge[],
    readonly inputMeta: (InputMeta | null)[],
    readonly saved: Record<string, SavedTensor>,
    private readonly backwardFn: BackwardFn,
    readonly numOutputs = 1,
  ) {}
  /**
   * PyTorch's `grad_fn.name()`, e.g. `MulBackward0`; the engine's own nodes are namespaced there
   * (`torch::autograd::CopySlices`) while Python prints their class name (Note [Node names]).
   */
  name(): string { return namespaced.has(this.nodeName) ? `torch::autograd::${this.nodeName}` : this.nodeName; }
  /** The Python class name that printing shows: `grad_fn=<CopySlices>`. */
  get className(): string { return this.nodeName; }
  /** Unpacks a saved tensor, with PyTorch's errors for freed graphs and in-place modifications. */
  savedTensor(key: string): Tensor {
    const s = this.saved[key];
    if (!s) throw new RuntimeError(`${this.nodeName} has no saved tensor ${key}`);
    return s.unpack();
  }
  apply(grads: (Tensor | null)[]): (Tensor | null)[] { return this.backwardFn(grads); }
  releaseSaved(): void { for (const s of Object.values(this.saved)) s.release(); }
  register_hook(fn: (gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]) => void): void {
    this.postHooks.push(fn);
  }
  toString(): string { return `<${this.nodeName} object>`; }
  [inspect](): string { return this.toString(); }
}

// Note [Node names]: nodes written in C++ by hand rather than generated from derivatives.yaml report a namespaced
// `name()`; Python shows their class name everywhere else.
const namespaced = new Set(['AccumulateGrad', 'CopySlices', 'CopyBackwards', 'NotImplemented', 'Error', 'DelayedError']);

/** The hook `retain_grad` registered on a non-leaf tensor and the node holding it; an in-place op moves it along. */
export const retainGradHooks = new WeakMap<Tensor, { hook: TensorHook; node: Node; outputNr: number }>();

/** The node that writes a leaf's `.grad`. */
export class AccumulateGrad extends Node {
  constructor(readonly variable: Tensor) {
    super('AccumulateGrad', [], [{ shape: variable._shape, dtype: variable.dtype }], {}, () => []);
  }
  override toString(): string { return '<AccumulateGrad object>'; }
}
