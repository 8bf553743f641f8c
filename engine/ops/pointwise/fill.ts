// Writing into an existing tensor: fill_, zero_ and copy_ (which broadcasts and casts its source). They write
// through views like every in-place op. copy_ converts its source to the tensor's dtype, never refusing a value;
// fill_ refuses a number the dtype cannot hold (Scalar::to), as PyTorch does.
import { record } from '../../autograd/record.ts';
import { copyStrided } from '../../backend/cpu/kernels.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar } from '../../core/scalar.ts';
import { broadcastShapes } from '../../core/shape.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { scalarTo, zeros_like } from '../creation/fill.ts';
import { asTensor, convertStore, inPlace, viewOf } from '../dispatch.ts';
import { emptyLike } from '../layout.ts';
import { addMethods } from '../methods.ts';
import { ELEMENTWISE, UNCHECKED } from '../overlap.ts';
import { pythonType } from './support.ts';

/** A tensor like `self` holding `value` everywhere, in self's dtype. */
function filledLike(self: Tensor, value: number): Tensor {
  const out = emptyLike(self);
  out.storage.data.fill(self.dtype.cast(value));
  return out;
}

/** `x.fill_(2.5)` or `x.fill_(t)` with a 0-dim tensor `t`: every element becomes the value. */
export function fill_(self: Tensor, value: Scalar | Tensor): Tensor {
  if (value instanceof Tensor) {
    if (value.ndim !== 0) {
      throw new RuntimeError(`fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions.`);
    }
    return inPlace(self, [value], (before) => {
      const out = filledLike(before, scalarTo(value.item(), before.dtype));
      record('FillBackward3', [before, value], out, {}, ([grad]) => [zeros_like(grad!), grad!.sum()]);
      return out;
    }, UNCHECKED);
  }
  if (!isScalar(value)) {
    throw new TypeError(`fill_() received an invalid combination of arguments - got (${pythonType(value)}), but expected one of:\n` +
      ` * (Tensor value)\n      didn't match because some of the arguments have invalid types: (!${pythonType(value)}!)\n` +
      ` * (Number value)\n      didn't match because some of the arguments have invalid types: (!${pythonType(value)}!)\n`);
  }
  return inPlace(self, [], (before) => {
    const out = filledLike(before, scalarTo(value, before.dtype));
    record('FillBackward2', [before], out, {}, ([grad]) => [zeros_like(grad!)]);
    return out;
  }, UNCHECKED);
}

/** `x.zero_()`: fills with zeros. */
export function zero_(self: Tensor): Tensor {
  return inPlace(self, [], (before) => {
    const out = filledLike(before, 0);
    record('ZeroBackward0', [before], out, {}, ([grad]) => [zeros_like(grad!)]);
    return out;
  }, UNCHECKED);
}

/** `x.copy_(src)`: writes `src` (broadcast to x's shape, converted to x's dtype) into x. */
export function copy_(self: Tensor, src: Tensor | Scalar): Tensor {
  if (!(src instanceof Tensor) && !isScalar(src)) throw new TypeError(`copy_(): argument 'src' (position 1) must be Tensor, not ${pythonType(src)}`);
  const source = src instanceof Tensor ? src : asTensor(src, self.dtype);
  // Without autograd, CPU to CPU, the source is written straight into self (Note [Writing in place]).
  const into = (_before: Tensor, dest: Tensor, direct: boolean): Tensor | null => {
    // A source sharing self's storage (even a full overlap such as x.copy_(x.t())) is snapshotted by the general path.
    if (!direct || dest.device.type !== 'cpu' || source.device.type !== 'cpu' || source.storage === dest.storage) return null;
    const shape = broadcastShapes(dest._shape, source._shape);
    if (shape.length !== dest.ndim || shape.some((d, i) => d !== dest._shape[i])) return null;
    copyStrided(viewOf(dest), viewOf(source, dest._shape), convertStore(source.dtype, dest.dtype));
    return dest;
  };
  return inPlace(self, [source], (before) => {
    const out = emptyTensor(broadcastShapes(before._shape, source._shape), self.dtype, self.device);
    copyStrided(viewOf(out), viewOf(source, out._shape), convertStore(source.dtype, self.dtype));
    // The gradient goes to the source only; the engine sums it to the source's shape and casts it to its dtype.
    record('CopyBackwards', [before, source], out, {}, ([grad]) => [zeros_like(grad!), grad!]);
    return out;
  }, ELEMENTWISE, into);
}

const methods = {
  /** `x.fill_(0.5)`. */
  fill_(this: Tensor, value: Scalar | Tensor): Tensor { return fill_(this, value); },
  /** `x.zero_()`. */
  zero_(this: Tensor): Tensor { return zero_(this); },
  /** `x.copy_(src)`. */
  copy_(this: Tensor, src: Tensor | Scalar, _non_blocking?: boolean | { non_blocking?: boolean }): Tensor { return copy_(this, src); },
};
type FillMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends FillMethods {} }
addMethods(methods);

export const functions = { fill_, zero_ };
