// The user-facing autograd API: `backward`, `retain_grad`, `register_hook`, `torch.autograd.grad`, grad modes.
import { RuntimeError } from '../core/errors.ts';
import { is_grad_enabled, set_grad_enabled as setMode, withGradMode } from '../core/grad-mode.ts';
import { Tensor } from '../core/tensor.ts';
import { ones_like } from '../ops/creation/fill.ts';
import { addMethods } from '../ops/methods.ts';
import { accumulateLeaf, runBackward } from './engine.ts';
import { PyTuple } from '../core/tuple.ts';
import { retainGradHooks, type TensorHook } from './node.ts';
import { gradcheck } from './gradcheck.ts';

export interface BackwardOptions {
  gradient?: Tensor | null;
  retain_graph?: boolean | null;
  create_graph?: boolean;
  inputs?: Tensor | readonly Tensor[];
}

/** The implicit gradient of a scalar output is 1; non-scalars need an explicit one. */
function seedGradient(output: Tensor, gradient: Tensor | null | undefined): Tensor {
  if (gradient) {
    if (gradient._shape.length !== output._shape.length || gradient._shape.some((d, i) => d !== output._shape[i])) {
      throw new RuntimeError(`Mismatch in shape: grad_output[0] has a shape of torch.Size([${gradient._shape.join(', ')}]) and output[0] has a shape of torch.Size([${output._shape.join(', ')}]).`);
    }
    return gradient;
  }
  if (output.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
  return ones_like(output);
}

/** `torch.autograd.backward(tensors, grad_tensors)`; `t.backward()` calls it. */
export function backward(tensors: Tensor | readonly Tensor[], grad_tensors?: Tensor | readonly (Tensor | null)[] | null, options: Omit<BackwardOptions, 'gradient'> = {}): void {
  const outputs = tensors instanceof Tensor ? [tensors] : [...tensors];
  const given = grad_tensors instanceof Tensor ? [grad_tensors] : grad_tensors ?? [];
  const grads = outputs.map((t, i) => seedGradient(t, given[i] ?? null));
  const createGraph = options.create_graph ?? false;
  if (options.inputs !== undefined) {
    const inputs = options.inputs instanceof Tensor ? [options.inputs] : [...options.inputs];
    const captured = runBackward(outputs, grads, { retainGraph: options.retain_graph ?? createGraph, createGraph, capture: inputs, allowUnused: true });
    // The chosen inputs accumulate as leaves do (AccumulateGrad's layout contract and in-place sums).
    const stolen: Tensor[] = [];
    inputs.forEach((t, i) => {
      const g = captured[i];
      if (g) accumulateLeaf(t, g, createGraph, stolen, grads);
    });
    return;
  }
  runBackward(outputs, grads, { retainGraph: options.retain_graph ?? createGraph, createGraph });
}

export interface GradOptions {
  grad_outputs?: Tensor | readonly (Tensor | null)[] | null;
  retain_graph?: boolean | null;
  create_graph?: boolean;
  allow_unused?: boolean;
}

/** `torch.autograd.grad(outputs, inputs)`: the gradients of outputs with respect to inputs, without touching `.grad`. */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options: GradOptions = {}): PyTuple<Tensor | null> {
  const outs = outputs instanceof Tensor ? [outputs] : [...outputs];
  const ins = inputs instanceof Tensor ? [inputs] : [...inputs];
  for (const t of ins) {
    if (!t.requires_grad) throw new RuntimeError('One of the differentiated Tensors does not require grad');
  }
  const given = options.grad_outputs instanceof Tensor ? [options.grad_outputs] : options.grad_outputs ?? [];
  const grads = outs.map((t, i) => seedGradient(t, given[i] ?? null));
  const createGraph = options.create_graph ?? false;
  return PyTuple.from_(runBackward(outs, grads, {
    retainGraph: options.retain_graph ?? createGraph, createGraph, capture: ins, allowUnused: options.allow_unused ?? false,
  }));
}

/** `with torch.no_grad():` becomes `torch.no_grad(() => ...)`, returning the callback's value. */
export function no_grad<T>(fn: () => T): T { return withGradMode(false, fn); }
/** `torch.enable_grad(() => ...)`. */
export function enable_grad<T>(fn: () => T): T { return withGradMode(true, fn); }
/** `torch.set_grad_enabled(false)` switches globally; with a callback it applies only inside it. */
export function set_grad_enabled<T>(mode: boolean, fn?: () => T): T | undefined {
  if (fn) return withGradMode(mode, fn);
  setMode(mode);
  return undefined;
}

const methods = {
  /** `loss.backward()`; `y.backward({ gradient })` for non-scalars; `{ retain_graph, create_graph, inputs }`. */
  backward(this: Tensor, gradientOrOptions?: Tensor | BackwardOptions | null, options: BackwardOptions = {}): void {
    const opts = gradientOrOptions instanceof Tensor || gradientOrOptions == null ? { ...options, gradient: gradientOrOptions ?? options.gradient } : gradientOrOptions;
    backward(this, opts.gradient ? [opts.gradient] : null, opts);
  },
  /** Keeps `.grad` for a non-leaf tensor after backward (a hook, ordered among the others as in PyTorch 1.13). */
  retain_grad(this: Tensor): void {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.is_leaf || this._retainsGrad) return;
    this._retainsGrad = true;
    // The first gradient is copied contiguous whatever its layout (PyTorch's retain_grad hook clones it so).
    const hook: TensorHook = (g) => {
      this._grad = this._grad === null ? g.detach().clone({ memory_format: 'contiguous_format' }) : this._grad.add(g.detach());
    };
    this.register_hook(hook);
    retainGradHooks.set(this, { hook, node: this.grad_fn!, outputNr: this.output_nr });
  },
  get retains_grad(): boolean { return (this as unknown as Tensor)._retainsGrad; },
  /** Registers `hook(grad)` to run when this tensor's gradient is computed; it may return a replacement. */
  register_hook(this: Tensor, hook: TensorHook): { remove(): void } {
    if (!this.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
    const list = this.is_leaf ? this._leafHooks : (() => {
      const hooks = this.grad_fn!.tensorPreHooks;
      if (!hooks.has(this.output_nr)) hooks.set(this.output_nr, []);
      return hooks.get(this.output_nr)!;
    })();
    list.push(hook);
    return { remove: () => { const i = list.indexOf(hook); if (i >= 0) list.splice(i, 1); } };
  },
};
type AutogradMethods = typeof methods;
declare module '../core/tensor.ts' { interface Tensor extends AutogradMethods {} }
addMethods(methods);

export const autograd = { backward, grad, gradcheck };
export const functions = { no_grad, enable_grad, set_grad_enabled, is_grad_enabled };
