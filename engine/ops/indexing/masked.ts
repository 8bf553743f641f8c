// masked_fill and masked_select: a boolean mask, broadcast against the input, picks elements.
import { record } from '../../autograd/record.ts';
import { copyStrided } from '../../backend/cpu/kernels.ts';
import { gpuCopy, gpuMove, gpuSelect } from '../../backend/webgpu/index.ts';
import { bool } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarValue } from '../../core/scalar.ts';
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf } from '../../core/shape.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { castTensor, inPlace, viewOf } from '../dispatch.ts';
import { where } from '../pointwise/where.ts';
import { addMethods } from '../methods.ts';
import { UNCHECKED } from '../overlap.ts';
import { longTensor, onDevice } from './walk.ts';

/** The mask's values read as if broadcast to `shape`, in row-major order. */
function maskValues(mask: Tensor, shape: readonly number[]): Uint8Array {
  const out = new Uint8Array(numelOf(shape));
  const source = { data: mask.storage.values, shape, strides: broadcastStrides(mask._shape, mask._stride, shape), offset: mask._offset };
  copyStrided({ data: out, shape, strides: contiguousStrides(shape), offset: 0 }, source);
  return out;
}

/** `x.masked_fill(mask, value)`: a copy of x (broadcast with mask) holding `value` wherever mask is true. */
export function maskedFill(self: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  if (mask.dtype !== bool) throw new RuntimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${mask.dtype.name}`);
  const shape = broadcastShapes(mask._shape, self._shape);
  if (value instanceof Tensor && value.ndim !== 0) {
    throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  }
  if (!(value instanceof Tensor) && !isScalar(value)) throw new TypeError(`masked_fill(): argument 'value' must be Number or Tensor`);
  const fill = () => self.dtype.cast(value instanceof Tensor ? Number(value.item()) : scalarValue(value));
  const out = emptyTensor(shape, self.dtype, self.device);
  const condition = { tensor: mask, strides: broadcastStrides(mask._shape, mask._stride, shape) };
  const input = { tensor: self, strides: broadcastStrides(self._shape, self._stride, shape) };
  // A device value tensor is read where it lives (no wait for its value).
  const filler = value instanceof Tensor && onDevice(value)
    ? { tensor: value.dtype === self.dtype ? value : castTensor(value, self.dtype), strides: shape.map(() => 0) } : { scalar: fill() };
  if (!onDevice(out) || !gpuSelect('masked_fill', condition, filler, input, out)) {
    copyStrided(viewOf(out), viewOf(self, shape));
    const v = fill();
    maskValues(mask, shape).forEach((m, i) => { if (m) out.storage.data[i] = v; });
  }
  if (value instanceof Tensor) {
    record('MaskedFillBackward1', [self, value], out, {}, ([grad]) => [grad!.masked_fill(mask, 0), where(mask, grad!, 0).sum()]);
  } else {
    record('MaskedFillBackward0', [self], out, {}, ([grad]) => [grad!.masked_fill(mask, 0)]);
  }
  return out;
}

/** `x.masked_select(mask)`: the elements where mask (broadcast with x) is true, as a 1-D copy. */
export function maskedSelect(self: Tensor, mask: Tensor): Tensor {
  if (mask.dtype !== bool) throw new RuntimeError('masked_select: expected BoolTensor or ByteTensor for mask');
  const shape = broadcastShapes(mask._shape, self._shape);
  const picked: number[] = [];
  maskValues(mask, shape).forEach((m, i) => { if (m) picked.push(i); });
  const all = emptyTensor(shape, self.dtype, self.device);
  const out = emptyTensor([picked.length], self.dtype, self.device);
  const positions = longTensor(picked);
  // On the device: the broadcast input copied out, then the picked elements moved (the sizes needed the mask's values).
  const index = { tensor: positions, strides: [1], stride: 1, size: all.numel() };
  if (!(onDevice(out) && gpuCopy({ tensor: self, strides: broadcastStrides(self._shape, self._stride, shape) }, all) &&
    gpuMove('masked_select', [picked.length], { tensor: out, offset: 0, strides: [1] }, { tensor: all, offset: 0, strides: [0], index }))) {
    copyStrided(viewOf(all), viewOf(self, shape));
    picked.forEach((p, i) => { out.storage.data[i] = all.storage.values[p]!; });
  }
  record('MaskedSelectBackward0', [self], out, {}, ([grad]) =>
    [emptyTensor([numelOf(shape)], grad!.dtype, grad!.device).index_add(0, positions, grad!).view(shape)]);
  return out;
}

const methods = {
  /** `x.masked_fill(x.lt(0), 0)`. */
  masked_fill(this: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor { return maskedFill(this, mask, value); },
  /** In-place `x.masked_fill_(mask, value)`; the mask must broadcast to x's shape. */
  masked_fill_(this: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
    return inPlace(this, [mask, value], (before) => maskedFill(before, mask, value), UNCHECKED);
  },
  /** `x.masked_select(mask)`. */
  masked_select(this: Tensor, mask: Tensor): Tensor { return maskedSelect(this, mask); },
};
type MaskedMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends MaskedMethods {} }
addMethods(methods);

export const functions = {
  masked_fill: (input: Tensor, mask: Tensor, value: Scalar | Tensor) => maskedFill(input, mask, value),
  masked_select: (input: Tensor, mask: Tensor) => maskedSelect(input, mask),
};
