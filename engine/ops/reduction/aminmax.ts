// aminmax: the smallest and largest values at once, over one dim or the whole tensor. PyTorch 1.13 has no
// derivative for it: its outputs carry a NotImplemented node that raises when backward reaches it.
import { record } from '../../autograd/record.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import { addMethods } from '../methods.ts';
import { checkDimType, greater, keptShape, less, oneDim, reduceWithIndex } from './reduce.ts';
import { minMax, type MinMax } from './return-types.ts';

export interface AminmaxOptions { dim?: number | null; keepdim?: boolean }

/** `x.aminmax()`, `x.aminmax({ dim: 1, keepdim: true })`: `torch.return_types.aminmax(min, max)`, NaN wins both. */
export function aminmax(self: Tensor, options: AminmaxOptions = {}): MinMax {
  checkDimType('aminmax', options.dim, false);
  const keepdim = options.keepdim ?? false;
  const hasDim = options.dim !== undefined && options.dim !== null;
  const dims = hasDim ? oneDim(self, options.dim!) : self._shape.map((_, i) => i);
  if (!hasDim && self.numel() === 0) {
    throw new RuntimeError('aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.');
  }
  if (hasDim && self.ndim > 0 && self._shape[dims[0]!] === 0) {
    throw new IndexError(`aminmax: Expected reduction dim ${options.dim} to have non-zero size.`);
  }
  const shape = keptShape(self, dims, keepdim);
  const [min] = reduceWithIndex(self, dims, shape, less);
  const [max] = reduceWithIndex(self, dims, shape, greater);
  record('NotImplemented', [self], [min, max], {}, () => { throw new RuntimeError('derivative for aten::aminmax is not implemented'); });
  return minMax(min, max);
}

/** dim and keepdim are keyword-only, as in PyTorch: a positional dim is typed so that it reaches Python's error. */
type AminmaxArgs = [options?: AminmaxOptions] | [dim: number, ...rest: unknown[]];

function parse(args: readonly unknown[], positionalAllowed: number): AminmaxOptions {
  const options = args.length > 0 && isOptions(args[args.length - 1]) ? args[args.length - 1] as AminmaxOptions : {};
  const given = args.length - (args.length > 0 && isOptions(args[args.length - 1]) ? 1 : 0) + positionalAllowed;
  if (given > positionalAllowed) {
    const takes = positionalAllowed === 1 ? '1 positional argument' : `${positionalAllowed} positional arguments`;
    throw new TypeError(`aminmax() takes ${takes} but ${given} ${given === 1 ? 'was' : 'were'} given`);
  }
  return options;
}

const methods = {
  /** `x.aminmax({ dim?, keepdim? })`. */
  aminmax(this: Tensor, ...args: AminmaxArgs): MinMax { return aminmax(this, parse(args, 0)); },
};
type AminmaxMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends AminmaxMethods {} }
addMethods(methods);

export const functions = {
  /** `const [lo, hi] = torch.aminmax(x, { dim: 0 })`. */
  aminmax: (input: Tensor, ...args: AminmaxArgs) => aminmax(input, parse(args, 1)),
};
