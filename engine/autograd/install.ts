// Wires the graph engine to the ops it needs (it cannot import them directly without a cycle).
import { Storage } from '../core/storage.ts';
import { Tensor } from '../core/tensor.ts';
import { ones_like, zeros_like } from '../ops/creation/fill.ts';
import { castTensor, writeInto } from '../ops/dispatch.ts';
import { engineOps, isDense } from './engine.ts';
import { zerosProvider } from './record.ts';

/** clone_obey_contract: a copy with the leaf's strides when the leaf is dense, else a contiguous one. */
function cloneLike(grad: Tensor, variable: Tensor): Tensor {
  if (!isDense(variable._shape, variable._stride)) return grad.clone({ memory_format: 'contiguous_format' });
  const lowest = variable._shape.reduce((o, size, i) => o + Math.min(0, (size - 1) * variable._stride[i]!), 0);
  const extent = variable._shape.reduce((o, size, i) => o + Math.max(0, (size - 1) * variable._stride[i]!), 0) - lowest + 1;
  const empty = variable.numel() === 0;
  const storage = Storage.allocate(grad.dtype, empty ? 0 : extent, grad.device);
  // An empty leaf's size-0 dims would count as -1 elements (offset 0 then, as empty_strided's); 0 - lowest, not
  // -lowest, because an offset of -0 would print as -0.
  const out = new Tensor(storage, [...variable._shape], [...variable._stride], empty ? 0 : 0 - lowest);
  return out.copy_(grad);
}

Object.assign(engineOps, {
  add: (a: Tensor, b: Tensor) => a.add(b),
  addInPlace: (target: Tensor, value: Tensor) => writeInto(target, target.add(value)),
  sumToShape: (grad: Tensor, shape: readonly number[]) => grad.sum_to_size([...shape]),
  cast: (grad: Tensor, like: { dtype: Tensor['dtype'] }) => (grad.requires_grad ? grad.to(like.dtype) : castTensor(grad, like.dtype)),
  clone: (t: Tensor) => t.clone({ memory_format: 'contiguous_format' }),
  cloneLike,
  onesLike: (t: Tensor) => ones_like(t),
});
zerosProvider.zeros = (like: Tensor) => zeros_like(like);
