// torch.where: an elementwise choice between two tensors or scalars; with only a condition, the indices where it
// holds (as torch.nonzero(as_tuple=True) gives them).
import { record } from '../../autograd/record.ts';
import { gpuSelect } from '../../backend/webgpu/index.ts';
import { broadcastShapes, broadcastStrides } from '../../core/shape.ts';
import { elementwiseOutput } from '../layout.ts';
import { bool, int64 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { forEachPosition } from '../../core/strided.ts';
import { PyTuple } from '../../core/tuple.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { asTensor, resultType, type TensorOrScalar } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { mapThree, pythonType, requireTensor } from './support.ts';

/** `torch.where(cond, x, y)`: x where cond holds, else y (either may be a scalar); the condition gets no gradient. */
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  requireTensor(condition, 'where', 'condition', 1);
  if (condition.dtype !== bool) {
    throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype.scalarName}`);
  }
  const dtype = resultType(input, other);
  const [a, b] = [asTensor(input, dtype), asTensor(other, dtype)];
  const out = (condition.storage.device.type === 'webgpu' ? selectOnDevice(condition, a, b) : null) ??
    mapThree(condition, a, b, dtype, (c, x, y) => (c ? x : y));
  const inputs = [input instanceof Tensor ? input : null, other instanceof Tensor ? other : null];
  record('WhereBackward0', inputs, out, { condition }, ([grad], saved) => [
    where(saved.condition, grad!, 0),
    where(saved.condition, 0, grad!),
  ]);
  return out;
}

/** where's kernel on the device: a host scalar operand travels as a value; null when the CPU must do it. */
function selectOnDevice(condition: Tensor, a: Tensor, b: Tensor): Tensor | null {
  const shape = broadcastShapes(broadcastShapes(condition._shape, a._shape), b._shape);
  const { out } = elementwiseOutput(shape, a.dtype, condition.device, [condition, a, b]);
  const operand = (t: Tensor) => (t.ndim === 0 && t.storage.device.type === 'cpu'
    ? { scalar: t.storage.values[t._offset]! } : { tensor: t, strides: broadcastStrides(t._shape, t._stride, shape) });
  const cond = { tensor: condition, strides: broadcastStrides(condition._shape, condition._stride, shape) };
  return gpuSelect('where', cond, operand(a), operand(b), out) ? out : null;
}

/** `torch.where(cond)`: one index tensor per dimension, listing where `cond` is non-zero in row-major order. */
export function nonzeroIndices(condition: Tensor): PyTuple<Tensor> {
  const ndim = Math.max(condition.ndim, 1);
  const shape = condition.ndim === 0 ? [1] : condition._shape;
  const hits: number[] = [];
  const data = condition.storage.values;
  forEachPosition(condition._shape, condition._stride, condition._offset, (p, i) => { if (data[p] !== 0) hits.push(i); });
  return PyTuple.from_(Array.from({ length: ndim }, (_, d) => {
    const out = emptyTensor([hits.length], int64, condition.device);
    const inner = shape.slice(d + 1).reduce((a, b) => a * b, 1);
    hits.forEach((flat, k) => { out.storage.data[k] = Math.floor(flat / inner) % shape[d]!; });
    return out;
  }));
}

/** `torch.where(cond, x, y)`, or `torch.where(cond)` for the indices where cond holds. */
function whereFunction(condition: Tensor): PyTuple<Tensor>;
function whereFunction(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor;
function whereFunction(condition: Tensor, input?: TensorOrScalar, other?: TensorOrScalar): Tensor | PyTuple<Tensor> {
  if (input === undefined && other === undefined) {
    requireTensor(condition, 'where', 'condition', 1);
    return nonzeroIndices(condition);
  }
  if (input === undefined || other === undefined) {
    const got = [condition, input ?? other].map(pythonType).join(', ');
    throw new TypeError(`where() received an invalid combination of arguments - got (${got}), but expected one of:\n` +
      ' * (Tensor condition)\n * (Tensor condition, Tensor input, Tensor other, *, Tensor out)\n' +
      ' * (Tensor condition, Number self, Tensor other)\n * (Tensor condition, Tensor input, Number other)\n' +
      ' * (Tensor condition, Number self, Number other)\n');
  }
  return where(condition, input, other);
}

const methods = {
  /** `x.where(cond, y)` is `torch.where(cond, x, y)`; here `y` must be a tensor. */
  where(this: Tensor, condition: Tensor, other: TensorOrScalar): Tensor {
    requireTensor(other, 'where', 'other', 2);
    return where(condition, this, other);
  },
};
type WhereMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends WhereMethods {} }
addMethods(methods);

export const functions = { where: whereFunction };
