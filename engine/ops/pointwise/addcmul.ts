// addcmul / addcdiv: self + value * t1 * t2 and self + value * t1 / t2 in one pass (optimizer updates use them).
import { record } from '../../autograd/record.ts';
import { bool, type DType, float32 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Scalar } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { asTensor, inPlace, resultType } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { mapThree, notImplementedFor, requireTensor } from './support.ts';

export interface ValueOptions { value?: Scalar }

/** Shared checks and the fused kernel; `combine(v, t1, t2)` is value*t1*t2 or value*t1/t2 with dtype rounding. */
function fused(name: string, self: Tensor, tensor1: Tensor, tensor2: Tensor, value: Scalar,
  combine: (r: (x: number) => number, v: number, a: number, b: number) => number): Tensor {
  requireTensor(self, name, 'input', 1);
  requireTensor(tensor1, name, 'tensor1', 2);
  requireTensor(tensor2, name, 'tensor2', 3);
  const dtype: DType = resultType(self, tensor1, tensor2);
  if (dtype === bool) notImplementedFor(`${name}_cpu_out`, bool);
  const v = dtype.cast(Number(value));
  const r = dtype === float32 ? Math.fround : (x: number) => x;
  return mapThree(asTensor(self, dtype), asTensor(tensor1, dtype), asTensor(tensor2, dtype), dtype,
    (s, a, b) => r(s + combine(r, v, a, b)));
}

/** `torch.addcmul(x, t1, t2, { value })`: x + value * t1 * t2. */
export function addcmul(self: Tensor, tensor1: Tensor, tensor2: Tensor, options: ValueOptions = {}): Tensor {
  const value = options.value ?? 1;
  const out = fused('addcmul', self, tensor1, tensor2, value, (r, v, a, b) => r(r(v * a) * b));
  record('AddcmulBackward0', [self, tensor1, tensor2], out, { tensor1, tensor2 }, ([grad], s) => [
    grad!, grad!.mul(s.tensor2.mul(value)), grad!.mul(s.tensor1.mul(value)),
  ]);
  return out;
}

/** `torch.addcdiv(x, t1, t2, { value })`: x + value * t1 / t2 (integer t1 and t2 are refused, as in PyTorch). */
export function addcdiv(self: Tensor, tensor1: Tensor, tensor2: Tensor, options: ValueOptions = {}): Tensor {
  if (!tensor1.dtype.is_floating_point && !tensor2.dtype.is_floating_point) {
    throw new RuntimeError('Integer division with addcdiv is no longer supported, and in a future  release addcdiv will ' +
      'perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as ' +
      '(input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as ' +
      '(input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter ' +
      'implementation: (input + value * tensor1 / tensor2), for all dtypes.');
  }
  const value = options.value ?? 1;
  const out = fused('addcdiv', self, tensor1, tensor2, value, (r, v, a, b) => r(r(v * a) / b));
  record('AddcdivBackward0', [self, tensor1, tensor2], out, { tensor1, tensor2 }, ([grad], s) => [
    grad!, grad!.mul(s.tensor2.reciprocal().mul(value)),
    grad!.neg().mul(s.tensor1.mul(value).div(s.tensor2.mul(s.tensor2))),
  ]);
  return out;
}

const methods = {
  /** `x.addcmul(t1, t2, { value: 0.5 })`. */
  addcmul(this: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions): Tensor { return addcmul(this, tensor1, tensor2, options); },
  addcmul_(this: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions): Tensor {
    return inPlace(this, [tensor1, tensor2], (s) => addcmul(s, tensor1, tensor2, options));
  },
  /** `x.addcdiv(t1, t2, { value: 0.5 })`. */
  addcdiv(this: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions): Tensor { return addcdiv(this, tensor1, tensor2, options); },
  addcdiv_(this: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions): Tensor {
    return inPlace(this, [tensor1, tensor2], (s) => addcdiv(s, tensor1, tensor2, options));
  },
};
type AddcmulMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends AddcmulMethods {} }
addMethods(methods);

export const functions = { addcmul, addcdiv };
