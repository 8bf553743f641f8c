// torch.hypot: sqrt(a^2 + b^2) without overflow or underflow on the way, for floating tensors only.
import type { DType } from '../../core/dtype.ts';
import type { Tensor } from '../../core/tensor.ts';
import { binaryOp, inPlace, type TensorOrScalar } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { notImplementedFor, requireTensor } from './support.ts';

const hypotOp = binaryOp({
  name: 'hypot', grad_fn: 'HypotBackward0', dtype: 'promote', tensorsOnly: true, cpu: Math.hypot,
  // Not a WGSL builtin, so the op runs on the CPU (Note [CPU fallback]): hypot(inf, NaN) is inf, which the float
  // kernels' NaN check cannot express, and a^2 + b^2 overflows float32 long before the result does.
  wgsl: 'hypot(a, b)',
  check: (_self, _other, compute: DType) => { if (!compute.is_floating_point) notImplementedFor('hypot_cpu', compute); },
  saves: ['self', 'other', 'result'],
  backward: (grad, self, other, result) => [grad.mul(self).div(result), grad.mul(other).div(result)],
});

/** `torch.hypot(a, b)`: the length of the vector (a, b): `hypot(tensor([3.]), tensor([4.]))` is 5. */
export function hypot(input: Tensor, other: TensorOrScalar): Tensor {
  requireTensor(input, 'hypot', 'input', 1);
  requireTensor(other, 'hypot', 'other', 2);
  return hypotOp(input, other);
}

const methods = {
  /** `a.hypot(b)`: sqrt(a^2 + b^2). */
  hypot(this: Tensor, other: TensorOrScalar): Tensor { requireTensor(other, 'hypot', 'other', 1); return hypotOp(this, other); },
  hypot_(this: Tensor, other: TensorOrScalar): Tensor {
    requireTensor(other, 'hypot_', 'other', 1);
    return inPlace(this, [other], (s) => hypotOp(s, other));
  },
};
type HypotMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends HypotMethods {} }
addMethods(methods);

export const functions = { hypot };
