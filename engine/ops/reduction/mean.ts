import { record } from '../../autograd/record.ts';
import { type DType, toDType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { castTensor } from '../dispatch.ts';
import { reducedOnDevice } from './device.ts';
import { addMethods } from '../methods.ts';
import { checkDimType, type Dim, pyArgs, type PyArgs, reduce, reductionShape, type ReduceOptions, restoreDims } from './reduce.ts';

export interface MeanOptions extends ReduceOptions { dtype?: DType | string | null }
export type MeanArgs = PyArgs<[dim: Dim | null, keepdim: boolean], MeanOptions>;

/** mean is only defined for floating point results: integer inputs need an explicit float `dtype`. */
function meanDType(self: Tensor, dtype: DType | string | null | undefined): DType {
  const wanted = dtype ? toDType(dtype) : self.dtype;
  if (!wanted.is_floating_point) {
    const which = dtype ? 'Optional' : 'Input';
    throw new RuntimeError(`mean(): could not infer output dtype. ${which} dtype must be either a floating point or complex dtype. Got: ${wanted.scalarName}`);
  }
  return wanted;
}

/** `x.mean()`, `x.mean(0)`, `x.mean({ dim: [0, 1], keepdim: true })`; an empty reduction gives nan. */
export function mean(self: Tensor, options: MeanOptions = {}): Tensor {
  checkDimType('mean', options.dim);
  const dtype = meanDType(self, options.dtype);
  const keepdim = options.keepdim ?? false;
  const { dims, shape } = reductionShape(self, options.dim, keepdim);
  const input = self.dtype === dtype ? self : castTensor(self, dtype);
  const out = reducedOnDevice('mean', input, dims, shape, dtype) ?? reduce(input, dims, shape, dtype, () => 0, (acc, x) => acc + x, (acc, count) => acc / count, 'mean');
  const inputShape = [...self._shape];
  const count = dims.reduce((n, d) => n * inputShape[d]!, 1);
  // Passing dim at all, even None, selects PyTorch's dim overload and its node.
  const hasDim = options.dim !== undefined;
  record(hasDim ? 'MeanBackward1' : 'MeanBackward0', [self], out, {}, ([grad]) =>
    [restoreDims(grad!, dims, keepdim, inputShape.length).expand(inputShape).div(count)]);
  return out;
}

const meanNames = ['dim', 'keepdim'] as const;

const methods = {
  /** `x.mean()`, `x.mean(dim, keepdim?)` or `x.mean({ dim, keepdim, dtype })`. */
  mean(this: Tensor, ...args: MeanArgs): Tensor { return mean(this, pyArgs<MeanOptions>('mean', args, meanNames)); },
};
type MeanMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends MeanMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.mean(x, 0)`. */
  mean: (input: Tensor, ...args: MeanArgs) => mean(input, pyArgs<MeanOptions>('mean', args, meanNames)),
};
