// The tensor: storage + shape + strides + storage offset + dtype (+ device, through the storage). Ops add their
// methods to this class from their own files (engine/ops/*), so this file holds only what every op relies on.
import type { AccumulateGrad, Node, TensorHook } from '../autograd/node.ts';
import type { DType } from './dtype.ts';
import type { Device } from './device.ts';
import { RuntimeError } from './errors.ts';
import { is_grad_enabled } from './grad-mode.ts';
import { isContiguous, numelOf, wrapDim } from './shape.ts';
import { Size } from './size.ts';
import { Storage } from './storage.ts';
import { forEachPosition } from './strided.ts';
import { PyTuple } from './tuple.ts';

const inspect = Symbol.for('nodejs.util.inspect.custom');
let nextTensorId = 1;

/**
 * Rebuilds a view's grad_fn after its storage was modified in place through another tensor (PyTorch regenerates it
 * as AsStridedBackward0 over the base's new history); installed by engine/autograd/views.ts.
 */
export const viewHistory: { regenerate: (view: Tensor) => void } = { regenerate: () => {} };

/**
 * How a view came to be (PyTorch's CreationMeta), which decides whether it may be written in place while autograd
 * records: views made by an op returning several views (split, unbind, chunk) and views made under no_grad of a
 * tensor that requires grad may not. A view of such a view inherits its kind.
 */
export type CreationMeta = 'default' | 'multi-output' | 'no-grad';

/** PyTorch's error for an in-place write on (or, `indirect`, through the base of) a view that may not be written. */
export function viewRebaseError(view: Tensor, indirect: boolean): RuntimeError {
  const fn = view._gradFn;
  const modified = indirect ? 'its base or another view of its base has been' : 'is being';
  let message = fn
    ? `Output ${view.output_nr} of ${fn.name()} is a view and ${modified} modified inplace.`
    : `A view was created in no_grad mode and ${modified} modified inplace with grad mode enabled.`;
  if (view._creationMeta === 'multi-output') {
    message += ' This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.';
  } else {
    message += " Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).";
  }
  return new RuntimeError(message);
}

/** Formats a tensor as Python's `repr` does; installed by engine/printing so that this file stays small. */
export const printer: { repr: (t: Tensor) => string } = { repr: (t) => `tensor(<${t.numel()} elements>)` };

export class Tensor {
  /** A stable identity, shared with the autograd graph export and the inspector's record. */
  readonly id = nextTensorId++;
  _gradFn: Node | null = null;
  /** For views: the storage version their grad_fn was built at (Note [View history after in-place writes]). */
  _viewVersion = 0;
  output_nr = 0;
  /** The tensor this one is a view of (PyTorch's `_base`), or null when it owns its storage's layout. */
  _base: Tensor | null = null;
  _creationMeta: CreationMeta = 'default';
  _requiresGrad = false;
  _grad: Tensor | null = null;
  _retainsGrad = false;
  _accumulator: AccumulateGrad | null = null;
  /** Hooks on a leaf's gradient; hooks on non-leaves live on their grad_fn. */
  readonly _leafHooks: TensorHook[] = [];

  constructor(
    public storage: Storage,
    public _shape: number[],
    public _stride: number[],
    public _offset: number,
  ) {}

  static contiguous(storage: Storage, shape: readonly number[]): Tensor {
    const strides = new Array<number>(shape.length);
    let s = 1;
    for (let i = shape.length - 1; i >= 0; i--) { strides[i] = s; s *= Math.max(shape[i]!, 1); }
    return new Tensor(storage, [...shape], strides, 0);
  }

  get dtype(): DType { return this.storage.dtype; }
  get device(): Device { return this.storage.device; }
  get is_cuda(): boolean { return this.storage.device.type === 'webgpu'; }
  get shape(): Size { return Size.of_(this._shape); }
  get ndim(): number { return this._shape.length; }
  get data(): Tensor { return this.detach(); }
  get is_leaf(): boolean { return this.grad_fn === null; }

  // Note [View history after in-place writes]: when a view's memory is written in place through another tensor,
  // the view's history no longer describes its values; like PyTorch, rebuild it from the base on next access.
  get grad_fn(): Node | null {
    if (this._base !== null && this._viewVersion !== this.storage.version) {
      if (this._creationMeta !== 'default' && (this._gradFn !== null || this._base.requires_grad)) throw viewRebaseError(this, true);
      this._viewVersion = this.storage.version;
      if (this._base.requires_grad) viewHistory.regenerate(this);
    }
    return this._gradFn;
  }
  set grad_fn(node: Node | null) {
    this._gradFn = node;
    this._viewVersion = this.storage.version;
  }
  get _version(): number { return this.storage.version; }

  /** `t.size()` is the shape; `t.size(dim)` one dimension. */
  size(): Size;
  size(dim: number): number;
  size(dim?: number): Size | number {
    return dim === undefined ? this.shape : this._shape[wrapDim(dim, this.ndim)]!;
  }
  stride(): PyTuple;
  stride(dim: number): number;
  stride(dim?: number): PyTuple | number {
    return dim === undefined ? PyTuple.from_(this._stride) : this._stride[wrapDim(dim, this.ndim)]!;
  }
  storage_offset(): number { return this._offset; }
  dim(): number { return this._shape.length; }
  numel(): number { return numelOf(this._shape); }
  nelement(): number { return this.numel(); }
  element_size(): number { return this.dtype.itemsize; }
  is_contiguous(): boolean { return isContiguous(this._shape, this._stride); }
  is_floating_point(): boolean { return this.dtype.is_floating_point; }
  _is_view(): boolean { return this._base !== null; }

  /** A view requires grad when its base does, even one made under no_grad (it has no grad_fn then). */
  get requires_grad(): boolean { return this._requiresGrad || this.grad_fn !== null || (this._base?.requires_grad ?? false); }
  /** `t.requires_grad = true`. */
  set requires_grad(value: boolean) {
    this.setRequiresGrad(value, 'only Tensors of floating point and complex dtype can require gradients');
  }

  /** A factory's `requires_grad: true` option, whose dtype error PyTorch words with a capital letter. */
  _factoryRequiresGrad(): void {
    this.setRequiresGrad(true, 'Only Tensors of floating point and complex dtype can require gradients');
  }

  /** Sets requires_grad in place on a leaf: `w.requires_grad_()`. */
  requires_grad_(requires_grad = true): this {
    this.setRequiresGrad(requires_grad, 'only Tensors of floating point dtype can require gradients');
    return this;
  }

  private setRequiresGrad(value: boolean, dtypeMessage: string): void {
    if (this.grad_fn !== null) {
      if (!value) {
        throw new RuntimeError(
          'you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a ' +
          'subgraph that doesn\'t require differentiation use var_no_grad = var.detach().');
      }
      return;
    }
    if (value && !this.dtype.is_floating_point) throw new RuntimeError(dtypeMessage);
    this._requiresGrad = value;
  }

  get grad(): Tensor | null { return this._grad; }
  set grad(value: Tensor | null) {
    if (value !== null) {
      if (value.dtype !== this.dtype) {
        throw new RuntimeError('assigned grad has data of a different type');
      }
      if (value._shape.length !== this._shape.length || value._shape.some((d, i) => d !== this._shape[i])) {
        throw new RuntimeError('assigned grad has data of a different size');
      }
    }
    this._grad = value;
  }

  /** A new tensor over the same storage with no autograd history: `t.detach()`. */
  detach(): Tensor {
    return new Tensor(this.storage, [...this._shape], [...this._stride], this._offset);
  }

  /** Detaches in place: the tensor becomes a leaf that does not require grad. */
  detach_(): this {
    if (this._base !== null) {
      throw new RuntimeError("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
    }
    this.grad_fn = null;
    this.output_nr = 0;
    this._requiresGrad = false;
    return this;
  }

  /** The values in row-major order as numbers (bools as 0/1). */
  _values(): number[] {
    const out = new Array<number>(this.numel());
    const data = this.storage.values;
    forEachPosition(this._shape, this._stride, this._offset, (p, i) => { out[i] = data[p]!; });
    return out;
  }

  /** The one value of a one-element tensor, as a JavaScript number (boolean for bool tensors). */
  item(): number | boolean {
    const n = this.numel();
    if (n !== 1) throw new RuntimeError(`a Tensor with ${n} elements cannot be converted to Scalar`);
    const v = this.storage.values[this._offset]!;
    return this.dtype.name === 'bool' ? v !== 0 : v;
  }

  /** Nested arrays of the values, like Python's `t.tolist()`. */
  tolist(): unknown {
    const values = this._values();
    const asBool = this.dtype.name === 'bool';
    const shape = this._shape;
    let index = 0;
    const build = (dim: number): unknown => {
      if (dim === shape.length) {
        const v = values[index++]!;
        return asBool ? v !== 0 : v;
      }
      const out: unknown[] = [];
      for (let i = 0; i < shape[dim]!; i++) out.push(build(dim + 1));
      return out;
    };
    return build(0);
  }

  toString(): string { return printer.repr(this); }
  [inspect](): string { return this.toString(); }
  get [Symbol.toStringTag](): string { return 'Tensor'; }
}

/** Allocates a new contiguous tensor of `shape`. */
export function emptyTensor(shape: readonly number[], dtype: DType, device?: Device): Tensor {
  return Tensor.contiguous(Storage.allocate(dtype, numelOf(shape), device), shape);
}

/** A view over the same storage with new geometry; `_base` points at the tensor that owns the layout. */
export function makeView(base: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  const view = new Tensor(base.storage, shape, strides, offset);
  view._base = base._base ?? base;
  view._viewVersion = base.storage.version;
  view._creationMeta = is_grad_enabled() ? base._creationMeta : 'no-grad';
  return view;
}
