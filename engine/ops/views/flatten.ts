// flatten, unflatten and ravel: reshapes described by dimension ranges.
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { inferSize, wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { bind } from './params.ts';
import { reshape, view } from './view.ts';

/** `x.flatten(1)`: dimensions start_dim..end_dim become one (a reshape: a view when possible, else a copy). */
export function flatten(self: Tensor, start_dim = 0, end_dim = -1): Tensor {
  const start = wrapDim(start_dim, self.ndim);
  const end = wrapDim(end_dim, self.ndim);
  if (start > end) throw new RuntimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  if (self.ndim === 0) return reshape(self, [1]);
  // PyTorch returns the tensor itself, not a view, when there is nothing to flatten.
  if (start === end) return self;
  const merged = self._shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
  return reshape(self, [...self._shape.slice(0, start), merged, ...self._shape.slice(end + 1)]);
}

/** `x.unflatten(1, [2, -1])`: dimension `dim` becomes the given sizes (one may be -1); a view. */
export function unflatten(self: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = wrapDim(dim, self.ndim);
  if (self.ndim === 0) throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
  if (sizes.length === 0) throw new RuntimeError('unflatten: sizes must be non-empty');
  let inferred: number[];
  try {
    inferred = inferSize(sizes, self._shape[d]!);
  } catch (error) {
    // unflatten catches infer_size's std::runtime_errors (a size mismatch, two -1s) and rewords them; its
    // TORCH_CHECKs (an ambiguous -1 over no elements, a negative size) pass through unchanged.
    const message = (error as Error).message;
    if (/^(cannot reshape tensor of 0 elements|invalid shape dimension)/.test(message)) throw error;
    if (!message.includes('is invalid for input of size')) throw new RuntimeError(`unflatten got an unexpected error:\n${message}`);
    throw new RuntimeError(`unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${d} (${self._shape[d]}) in the input tensor`);
  }
  return view(self, [...self._shape.slice(0, d), ...inferred, ...self._shape.slice(d + 1)]);
}

/** `x.ravel()`: the elements as one dimension, `x.contiguous().view(-1)`. */
export function ravel(self: Tensor): Tensor {
  return view(self.contiguous(), [-1]);
}

type FlattenOptions = { start_dim?: number; end_dim?: number };
type UnflattenArgs = (number | readonly number[] | { dim?: number; sizes?: readonly number[] })[];

function boundFlatten(self: Tensor, args: readonly (number | FlattenOptions)[], first: number): Tensor {
  const { start_dim, end_dim } = bind(args, ['start_dim', 'end_dim'], { start_dim: 0, end_dim: -1 }, { fn: 'flatten', ints: ['start_dim'], first });
  return flatten(self, start_dim, end_dim);
}

function boundUnflatten(self: Tensor, args: UnflattenArgs): Tensor {
  const { dim, sizes } = bind(args, ['dim', 'sizes'], { dim: undefined as unknown as number, sizes: [] as readonly number[] });
  return unflatten(self, dim, sizes);
}

const methods = {
  /** `x.flatten()`, `x.flatten(1)`, `x.flatten(0, 1)` or `x.flatten({ start_dim: 1 })`. */
  flatten(this: Tensor, ...args: (number | FlattenOptions)[]): Tensor { return boundFlatten(this, args, 1); },
  /** `x.unflatten(1, [2, 3])` or `x.unflatten({ dim: 1, sizes: [2, 3] })`. */
  unflatten(this: Tensor, ...args: UnflattenArgs): Tensor { return boundUnflatten(this, args); },
  /** `x.ravel()`. */
  ravel(this: Tensor): Tensor { return ravel(this); },
};
type FlattenMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends FlattenMethods {} }
addMethods(methods);

export const functions = {
  flatten: (input: Tensor, ...args: (number | FlattenOptions)[]) => boundFlatten(input, args, 2),
  unflatten: (input: Tensor, ...args: UnflattenArgs) => boundUnflatten(input, args),
  ravel: (input: Tensor) => ravel(input),
};
