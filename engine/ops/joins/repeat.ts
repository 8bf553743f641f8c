import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { checkSize } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { zeros } from '../creation/fill.ts';
import { requireArgument } from '../args.ts';
import { addMethods } from '../methods.ts';
import { intListParameter, listParameter } from './args.ts';
import { copyPart, partOf } from './parts.ts';

/** `x.repeat(2, 1)`: tiles the whole tensor `repeats[i]` times along dim i; extra repeats add leading dims. */
export function repeat(self: Tensor, repeats: readonly number[]): Tensor {
  if (repeats.length < self.ndim) {
    throw new RuntimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const lead = repeats.length - self.ndim;
  const padded = [...new Array<number>(lead).fill(1), ...self._shape];
  const paddedStrides = [...new Array<number>(lead).fill(0), ...self._stride];
  const out = emptyTensor(checkSize(padded.map((size, i) => size * repeats[i]!)), self.dtype, self.device);
  if (out.numel() > 0) {
    // The output read as [r0, s0, r1, s1, ...]; the source repeats along each r with stride 0.
    const shape = padded.flatMap((size, i) => [repeats[i]!, size]);
    const strides = padded.flatMap((size, i) => [size * out._stride[i]!, out._stride[i]!]);
    const sourceStrides = paddedStrides.flatMap((stride) => [0, stride]);
    copyPart(partOf(out, shape, strides, 0), partOf(self, shape, sourceStrides, self._offset));
  }
  const inputShape = [...self._shape];
  record('RepeatBackward0', [self], out, {}, ([grad]) => [repeatBackward(grad!, repeats, inputShape)]);
  return out;
}

/** Sums the copies back: the gradient is viewed as [r0, s0, r1, s1, ...] and summed over every r > 1. */
function repeatBackward(grad: Tensor, repeats: readonly number[], inputShape: readonly number[]): Tensor {
  if (repeats.includes(0)) return zeros([...inputShape], { dtype: grad.dtype, device: grad.device });
  let g = grad;
  const lead = grad.ndim - inputShape.length;
  for (let i = 0; i < lead; i++) g = g.sum(0, false);
  const gradSize: number[] = [];
  const sumDims: number[] = [];
  inputShape.forEach((size, d) => {
    const r = repeats[d + lead]!;
    if (r !== 1) {
      gradSize.push(r);
      sumDims.push(gradSize.length - 1);
    }
    gradSize.push(size);
  });
  return sumDims.length > 0 ? g.reshape(gradSize).sum(sumDims) : g;
}

/** `torch.tile(x, [2])`: repeat, with missing leading repeats taken as 1 (NumPy's rule). */
export function tile(self: Tensor, dims: readonly number[]): Tensor {
  const missing = self.ndim - dims.length;
  return repeat(self, missing > 0 ? [...new Array<number>(missing).fill(1), ...dims] : dims);
}

const methods = {
  /** `x.repeat(2, 1)` or `x.repeat([2, 1])`. */
  repeat(this: Tensor, ...repeats: (number | readonly number[] | { repeats?: readonly number[] })[]): Tensor {
    if (repeats.length === 0) throw new TypeError('repeat() missing 1 required positional arguments: "repeats"');
    return repeat(this, intListParameter(repeats, 'repeat', 'repeats', 'SymInts'));
  },
  /** `x.tile(2)` or `x.tile([2, 1])`. */
  tile(this: Tensor, ...dims: (number | readonly number[] | { dims?: readonly number[] })[]): Tensor {
    requireArgument(dims, 'tile', 'dims');
    return tile(this, intListParameter(dims, 'tile', 'dims'));
  },
};
type RepeatMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends RepeatMethods {} }
addMethods(methods);

export const functions = {
  tile: (input: Tensor, ...args: (readonly number[] | { dims?: readonly number[] })[]) => tile(input, listParameter(args, 'tile', 'dims')),
};
