// lerp: linear interpolation self + weight * (end - self), with PyTorch's two-sided formula (exact at weight 0 and
// 1) computed in the tensors' own float precision. All operands must share one float dtype.
import { record } from '../../autograd/record.ts';
import { type DType, float32 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { pyfloat, type Scalar, scalarValue } from '../../core/scalar.ts';
import { Tensor } from '../../core/tensor.ts';
import { inPlace, scalarTensor } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { mapThree, notImplementedFor, requireTensor } from './support.ts';

/** The C++ type name PyTorch's lerp messages use. */
const cTypeName = (dtype: DType) => ({ float32: 'float', float64: 'double', int64: 'long int', int32: 'int', bool: 'bool' })[dtype.name];

/** `torch.lerp(start, end, weight)`: start + weight * (end - start); weight is a number or a tensor. */
export function lerp(self: Tensor, end: Tensor, weight: Tensor | Scalar): Tensor {
  requireTensor(self, 'lerp', 'input', 1);
  requireTensor(end, 'lerp', 'end', 2);
  const dtype = self.dtype;
  if (end.dtype !== dtype) throw new RuntimeError(`expected dtype ${cTypeName(dtype)} for \`end\` but got dtype ${cTypeName(end.dtype)}`);
  if (weight instanceof Tensor && weight.dtype !== dtype) {
    throw new RuntimeError(`expected dtype ${cTypeName(dtype)} for \`weight\` but got dtype ${cTypeName(weight.dtype)}`);
  }
  if (!dtype.is_floating_point) notImplementedFor(weight instanceof Tensor ? 'lerp_kernel_tensor' : 'lerp_kernel_scalar', dtype);
  const r = dtype === float32 ? Math.fround : (x: number) => x;
  const w = weight instanceof Tensor ? weight : scalarTensor(scalarValue(weight), dtype);
  const out = mapThree(self, end, w, dtype, (a, b, t) => {
    const diff = r(b - a);
    return Math.abs(t) < 0.5 ? r(a + r(t * diff)) : r(b - r(diff * r(1 - t)));
  }, weight instanceof Tensor ? [self, end, w] : [self, end]);
  if (weight instanceof Tensor) {
    record('LerpBackward1', [self, end, weight], out, { self, end, weight }, ([grad], s) => [
      grad!.mul(s.weight.neg().add(1)), grad!.mul(s.weight), grad!.mul(s.end.sub(s.self)),
    ]);
  } else {
    const t = scalarValue(weight);
    record('LerpBackward0', [self, end], out, {}, ([grad]) => [grad!.mul(pyfloat(1 - t)), grad!.mul(pyfloat(t))]);
  }
  return out;
}

const methods = {
  /** `a.lerp(b, 0.25)`. */
  lerp(this: Tensor, end: Tensor, weight: Tensor | Scalar): Tensor { return lerp(this, end, weight); },
  lerp_(this: Tensor, end: Tensor, weight: Tensor | Scalar): Tensor { return inPlace(this, [end, weight], (s) => lerp(s, end, weight)); },
};
type LerpMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends LerpMethods {} }
addMethods(methods);

export const functions = { lerp };
