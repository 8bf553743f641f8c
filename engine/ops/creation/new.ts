// `x.new_zeros(2, 3)` and friends: new tensors with x's dtype and device unless told otherwise.
import { toDType } from '../../core/dtype.ts';
import type { Scalar } from '../../core/scalar.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { splitOptions } from '../args.ts';
import { addMethods } from '../methods.ts';
import { checkFillValue, scalarTo } from './fill.ts';
import { factorySize } from './size.ts';
import { fromData, type TensorData, type TensorOptions } from './tensor.ts';

type SizeAndOptions = (number | readonly number[] | TensorOptions)[];

/** A contiguous tensor of `size` filled with `value`, in `self`'s dtype unless the options name another. */
function newFilled(self: Tensor, fn: string, args: SizeAndOptions, value: Scalar): Tensor {
  const [size, options] = splitOptions<TensorOptions>(args);
  const shape = factorySize(fn, size);
  const dtype = options.dtype ? toDType(options.dtype) : self.dtype;
  const out = emptyTensor(shape, dtype, self.device);
  out.storage.data.fill(scalarTo(value, dtype));
  if (options.requires_grad) out._factoryRequiresGrad();
  return out;
}

const methods = {
  /** `x.new_zeros(2, 3)`: zeros with x's dtype and device. */
  new_zeros(this: Tensor, ...args: SizeAndOptions): Tensor { return newFilled(this, 'new_zeros', args, 0); },
  /** `x.new_ones(2, 3)`. */
  new_ones(this: Tensor, ...args: SizeAndOptions): Tensor { return newFilled(this, 'new_ones', args, 1); },
  /** `x.new_empty(2, 3)`: zeroed here, uninitialised in PyTorch. */
  new_empty(this: Tensor, ...args: SizeAndOptions): Tensor { return newFilled(this, 'new_empty', args, 0); },
  /** `x.new_full([2, 3], 7)`: the fill value converted to x's dtype (not inferred from the value). */
  new_full(this: Tensor, size: readonly number[], fill_value: Scalar, options: TensorOptions = {}): Tensor {
    checkFillValue('new_full', fill_value, 2);
    return newFilled(this, 'new_full', [size, options], fill_value);
  },
  /** `x.new_tensor([1, 2])`: a copy of the data converted to x's dtype, on x's device. */
  new_tensor(this: Tensor, data: TensorData, options: TensorOptions = {}): Tensor {
    return fromData(data, { ...options, dtype: options.dtype ?? this.dtype, device: options.device ?? this.device });
  },
};
type NewMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends NewMethods {} }
addMethods(methods);
