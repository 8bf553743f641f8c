// relu and sigmoid at the torch level (torch.relu, torch.sigmoid); torch.nn.functional builds on these.
import { record } from '../../autograd/record.ts';
import { type FloatName, wasmThresholdBackward } from '../../backend/wasm/index.ts';
import { bool, type TypedArray } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { zeros_like } from '../creation/fill.ts';
import { unaryOp } from '../dispatch.ts';
import { installUnary, type UnaryMethods } from './support.ts';
import { where } from './where.ts';

/**
 * threshold_backward: the gradient passes where `saved` (relu's result, threshold's input) is above `threshold`,
 * so relu'(0) is 0. Its own node takes `saved` as an input (with a zero gradient), so a double-backward gradient
 * requires grad as PyTorch's does.
 */
export function thresholdBackward(grad: Tensor, saved: Tensor, threshold = 0): Tensor {
  const out = withGradMode(false, () => thresholdBackwardKernel(grad, saved, threshold) ?? where(saved.le(threshold), 0, grad));
  record('ThresholdBackwardBackward0', [grad, saved], out, {}, ([gg]) => [thresholdBackward(gg!, saved, threshold), zeros_like(saved)]);
  return out;
}

/**
 * `saved <= threshold ? 0 : grad` in one loop, for the common case of contiguous float tensors of one shape and dtype
 * on the CPU (relu's backward in every training step); null elsewhere, where the composite above gives PyTorch's
 * promotion and layout. The threshold is compared in the tensors' dtype, as `le` compares a wrapped scalar.
 */
function thresholdBackwardKernel(grad: Tensor, saved: Tensor, threshold: number): Tensor | null {
  if (saved.device.type !== 'cpu' || grad.device.type !== 'cpu' || saved.dtype !== grad.dtype || !saved.dtype.is_floating_point) return null;
  if (saved.ndim !== grad.ndim || saved._shape.some((d, i) => d !== grad._shape[i]) || !saved.is_contiguous() || !grad.is_contiguous()) return null;
  const out = emptyTensor(saved._shape, saved.dtype, saved.device);
  const limit = saved.dtype.cast(threshold);
  const view = (t: Tensor) => ({ data: t.storage.data, shape: [t.numel()], strides: [1], offset: t._offset });
  if (!wasmThresholdBackward(saved.dtype.name as FloatName, out.storage.data, view(saved), view(grad), limit)) {
    thresholdLoop(out.storage.data, saved.storage.data, saved._offset, grad.storage.data, grad._offset, out.numel(), limit);
  }
  return out;
}

function thresholdLoop(out: TypedArray, s: TypedArray, so: number, g: TypedArray, go: number, n: number, threshold: number): void {
  for (let i = 0; i < n; i++) out[i] = s[so + i]! <= threshold ? 0 : g[go + i]!;
}

const reluOp = unaryOp({
  name: 'relu', grad_fn: 'ReluBackward0', dtype: 'same', cpu: (x) => (x < 0 ? 0 : x), wgsl: 'max(x, 0.0)', wasm: 'relu',
  saves: ['result'], backward: (grad, _self, result) => thresholdBackward(grad, result),
});
/** `x.relu()`: max(x, 0), keeping nan; integer tensors stay integer. */
export function relu(self: Tensor): Tensor {
  if (self.dtype === bool) throw new RuntimeError('Boolean inputs not supported for relu');
  return reluOp(self);
}
/** `x.sigmoid()`: 1 / (1 + e^-x). */
export const sigmoid = unaryOp({
  name: 'sigmoid', grad_fn: 'SigmoidBackward0', dtype: 'float', cpu: (x) => 1 / (1 + Math.exp(-x)),
  // In float32, e^-x overflows to inf below x = -88.7, so sigmoid is exactly 0 there, not a denormal.
  cpuFloat32: (x) => 1 / Math.fround(1 + Math.fround(Math.exp(-x))),
  wgsl: '1.0 / (1.0 + exp(-x))', wasm: 'sigmoid',
  saves: ['result'], backward: (grad, _self, result) => sigmoidBackward(grad, result),
});

/** sigmoid_backward: grad * (1 - y) * y as its own node, so double backward records SigmoidBackwardBackward0. */
function sigmoidBackward(grad: Tensor, result: Tensor): Tensor {
  const out = withGradMode(false, () => grad.mul(result.neg().add(1)).mul(result));
  record('SigmoidBackwardBackward0', [grad, result], out, {}, ([gg]) => [
    sigmoidBackward(gg!, result), gg!.mul(grad).mul(result.mul(-2).add(1)),
  ]);
  return out;
}

const ops = { relu, sigmoid };
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }
export const functions = installUnary(ops);
