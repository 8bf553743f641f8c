// Movement ops are views, not kernels (Note [Views share storage]): a new shape/strides/offset over the same
// storage, with the inverse movement as backward.
//
// Note [Embedding a view's gradient]: the gradient of a view that picks elements out of its input (slice, select,
// diagonal, unfold, split, unbind) is a zero tensor of the input's shape with the incoming gradient added at the
// picked positions. Those positions are what the same movement picks out of a contiguous tensor of the input's
// shape, so each op describes its movement once, as a geometry function, and uses it both ways. The embedding is
// itself differentiable: its backward applies the forward movement again, under PyTorch's name for it
// (`SliceBackwardBackward0`, ...).
import { record } from '../../autograd/record.ts';
import { is_grad_enabled } from '../../core/grad-mode.ts';
import { contiguousStrides, numelOf } from '../../core/shape.ts';
import { forEachPosition } from '../../core/strided.ts';
import { Storage } from '../../core/storage.ts';
import { makeView, Tensor } from '../../core/tensor.ts';
import { catStrides } from '../layout.ts';

/** Where a tensor's elements sit in its storage. */
export interface Geometry { shape: number[]; strides: number[]; offset: number }

export function geometryOf(t: Tensor): Geometry {
  return { shape: [...t._shape], strides: [...t._stride], offset: t._offset };
}

export function contiguousGeometry(shape: readonly number[]): Geometry {
  return { shape: [...shape], strides: contiguousStrides(shape), offset: 0 };
}

/** Creates a view of `self` with the given geometry and records `grad_fn` with the inverse movement. */
export function viewOf(
  self: Tensor, grad_fn: string, shape: number[], strides: number[], offset: number,
  backward: (grad: Tensor) => Tensor,
): Tensor {
  const out = makeView(self, shape, strides, offset);
  record(grad_fn, [self], out, {}, ([grad]) => [backward(grad!)]);
  return out;
}

/**
 * A view op that picks elements (Note [Embedding a view's gradient]): `move` maps the input's geometry to the
 * output's; `again` is the op itself, which the embedding's backward applies.
 */
export function pickingView(
  self: Tensor, grad_fn: string, move: (g: Geometry) => Geometry, again: (t: Tensor) => Tensor,
): Tensor {
  const out = move(geometryOf(self));
  const inputShape = [...self._shape];
  // PyTorch names the embedding after the view's node: SliceBackward0 -> SliceBackwardBackward0.
  const embedName = `${grad_fn.replace(/0$/, '')}Backward0`;
  return viewOf(self, grad_fn, out.shape, out.strides, out.offset,
    (grad) => embed(embedName, inputShape, [grad], [move(contiguousGeometry(inputShape))], (g) => [again(g)]));
}

/** Several picking views of one input sharing one node (`unbind`, `split`); `again` returns all of them. */
export function pickingViews(
  self: Tensor, grad_fn: string, backwardName: string, moves: readonly ((g: Geometry) => Geometry)[],
  again: (t: Tensor) => Tensor[],
): Tensor[] {
  const geometry = geometryOf(self);
  const outs = moves.map((move) => {
    const g = move(geometry);
    const view = makeView(self, g.shape, g.strides, g.offset);
    // Outputs that share one node cannot each be rebased onto a CopySlices of their own.
    if (is_grad_enabled()) view._creationMeta = 'multi-output';
    return view;
  });
  const inputShape = [...self._shape];
  record(grad_fn, [self], outs, {}, (grads) => {
    // The gradient is laid out as PyTorch's cat of the parts lays it out (stack's is contiguous).
    const strides = backwardName === 'CatBackward0' ? catStrides(grads, inputShape) : contiguousStrides(inputShape);
    const geometry = { shape: inputShape, strides, offset: 0 };
    return [embed(backwardName, inputShape, grads, moves.map((move) => move(geometry)), again, strides)];
  });
  return outs;
}

/**
 * Zeros of `shape` with each `grads[i]` written at the positions `geometries[i]` picks: copied as PyTorch's view
 * backwards copy (a -0 gradient stays -0), accumulated where positions repeat.
 */
export function embed(
  name: string, shape: readonly number[], grads: readonly Tensor[], geometries: readonly Geometry[],
  again: (t: Tensor) => Tensor[], strides: readonly number[] = contiguousStrides(shape),
): Tensor {
  const out = new Tensor(Storage.allocate(grads[0]!.dtype, numelOf(shape), grads[0]!.device), [...shape], [...strides], 0);
  const data = out.storage.data;
  const written = new Uint8Array(data.length);
  grads.forEach((grad, i) => {
    const target = geometries[i]!;
    const values = grad._values();
    const positions: number[] = new Array<number>(numelOf(target.shape));
    forEachPosition(target.shape, target.strides, target.offset, (p, k) => { positions[k] = p; });
    for (let k = 0; k < positions.length; k++) {
      const p = positions[k]!;
      data[p] = written[p] ? data[p]! + values[k]! : values[k]!;
      written[p] = 1;
    }
  });
  record(name, grads, out, {}, ([grad]) => again(grad!));
  return out;
}
