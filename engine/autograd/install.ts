// Wires the graph engine to the ops it needs (it cannot import them directly without a cycle).
import { castTensor } from '../ops/dispatch.ts';
import { zeros_like } from '../ops/creation/fill.ts';
import { ones_like } from '../ops/creation/fill.ts';
import { engineOps } from './engine.ts';
import { zerosProvider } from './record.ts';
import type { Tensor } from '../core/tensor.ts';
import { writeInto } from '../ops/dispatch.ts';

Object.assign(engineOps, {
  add: (a: Tensor, b: Tensor) => a.add(b),
  addInPlace: (target: Tensor, value: Tensor) => writeInto(target, target.add(value)),
  sumToShape: (grad: Tensor, shape: readonly number[]) => grad.sum_to_size([...shape]),
  cast: (grad: Tensor, like: { dtype: Tensor['dtype'] }) => (grad.requires_grad ? grad.to(like.dtype) : castTensor(grad, like.dtype)),
  clone: (t: Tensor) => t.clone({ memory_format: 'contiguous_format' }),
  onesLike: (t: Tensor) => ones_like(t),
});
zerosProvider.zeros = (like: Tensor) => zeros_like(like);
