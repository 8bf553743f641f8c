// unbind, split, chunk, tensor_split: several views of one input. unbind and split record one node for all their
// outputs (UnbindBackward0, SplitBackward0); tensor_split slices each piece on its own, as PyTorch does.
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { PyTuple } from '../../core/tuple.ts';
import { addMethods } from '../methods.ts';
import { pickingViews } from './make.ts';
import { pythonType } from '../joins/args.ts';
import { bind } from './params.ts';
import { selectMove, slice, sliceMove } from './slice.ts';

/** maybe_wrap_dim, then size(dim): a 0-dim tensor wraps 0 and -1 but has no dimension to take apart. */
function wrapDimOfShaped(dim: number, ndim: number): number {
  const d = wrapDim(dim, ndim);
  if (ndim === 0) throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
  return d;
}

/** `x.unbind(0)`: the slices along `dim`, each a view without that dimension. */
export function unbind(self: Tensor, dim = 0): Tensor[] {
  const d = wrapDimOfShaped(dim, self.ndim);
  const moves = Array.from({ length: self._shape[d]! }, (_, i) => selectMove(d, i));
  return pickingViews(self, 'UnbindBackward0', 'StackBackward0', moves, (g) => unbind(g, d));
}

function splitBySizes(self: Tensor, grad_fn: string, sizes: readonly number[], d: number, again: (t: Tensor) => Tensor[]): Tensor[] {
  let start = 0;
  const moves = sizes.map((length) => {
    const move = sliceMove(d, start, start + length, 1);
    start += length;
    return move;
  });
  return pickingViews(self, grad_fn, 'CatBackward0', moves, again);
}

/** `x.split(2)` cuts `dim` into pieces of 2 (the last may be shorter); `x.split([1, 3])` into the given sizes. */
export function split(self: Tensor, split_size_or_sections: number | readonly number[], dim = 0): Tensor[] {
  if (self.ndim === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  if (typeof split_size_or_sections !== 'number') return splitWithSizes(self, split_size_or_sections, dim);
  const splitSize = split_size_or_sections;
  if (splitSize < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${splitSize}`);
  const d = wrapDim(dim, self.ndim);
  const dimSize = self._shape[d]!;
  if (splitSize === 0 && dimSize !== 0) {
    throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${dimSize}`);
  }
  const count = splitSize === 0 ? 1 : Math.max(Math.ceil(dimSize / splitSize), 1);
  const sizes = Array.from({ length: count }, (_, i) => (i < count - 1 ? splitSize : dimSize - splitSize * (count - 1)));
  return splitBySizes(self, 'SplitBackward0', sizes, d, (g) => split(g, splitSize, d));
}

/** `x.split_with_sizes([1, 3], 0)`. */
export function splitWithSizes(self: Tensor, split_sizes: readonly number[], dim = 0): Tensor[] {
  if (self.ndim === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  const d = wrapDim(dim, self.ndim);
  const dimSize = self._shape[d]!;
  const listed = `[${split_sizes.join(', ')}]`;
  if (split_sizes.some((s) => s < 0)) {
    throw new RuntimeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${listed}`);
  }
  const total = split_sizes.reduce((a, b) => a + b, 0);
  if (total !== dimSize) {
    throw new RuntimeError(`split_with_sizes expects split_sizes to sum exactly to ${dimSize} (input tensor's size at dimension ${dim}), but got split_sizes=${listed}`);
  }
  const sizes = [...split_sizes];
  return splitBySizes(self, 'SplitWithSizesBackward0', sizes, d, (g) => splitWithSizes(g, sizes, d));
}

/** `x.chunk(3)`: at most 3 pieces of equal size (rounded up) along `dim`. */
export function chunk(self: Tensor, chunks: number, dim = 0): Tensor[] {
  if (self.ndim === 0) throw new RuntimeError('chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const dimSize = self._shape[wrapDim(dim, self.ndim)]!;
  const splitSize = Math.ceil(dimSize / chunks);
  // An empty dimension still yields `chunks` (empty) pieces, which only split_with_sizes can express.
  if (splitSize === 0 && dimSize === 0) return splitWithSizes(self, new Array<number>(chunks).fill(0), dim);
  return split(self, splitSize, dim);
}

/** `x.tensor_split(3)` (sections, sizes differing by at most one) or `x.tensor_split([1, 4])` (cut points). */
export function tensorSplit(self: Tensor, indices_or_sections: number | readonly number[], dim = 0): Tensor[] {
  if (self.ndim === 0) {
    throw new RuntimeError(`tensor_split expected at least a 1-dimensional tensor, but got a tensor with ${self.ndim} dims`);
  }
  const d = wrapDim(dim, self.ndim);
  const dimSize = self._shape[d]!;
  const cuts: number[] = [];
  if (typeof indices_or_sections === 'number') {
    const sections = indices_or_sections;
    if (sections <= 0) throw new RuntimeError(`number of sections must be larger than 0, got ${sections}`);
    const base = Math.floor(dimSize / sections);
    const extra = dimSize % sections;
    let end = 0;
    for (let i = 0; i < sections - 1; i++) cuts.push(end += base + (i < extra ? 1 : 0));
  } else {
    cuts.push(...indices_or_sections);
  }
  const starts = [0, ...cuts];
  return starts.map((start, i) => slice(self, d, start, i < cuts.length ? cuts[i]! : dimSize));
}

type SplitArgs = [number | readonly number[] | SplitOptions, (number | SplitOptions)?];
export interface SplitOptions {
  dim?: number; split_size?: number | readonly number[]; split_size_or_sections?: number | readonly number[];
  sections?: number; indices?: readonly number[]; indices_or_sections?: number | readonly number[];
}

/**
 * `x.hsplit(2)`, `x.vsplit([1, 3])`, `x.dsplit(2)`: tensor_split along dim 1 (0 for vectors), 0 or 2, with a
 * section count that must divide the dimension.
 */
function numpySplit(self: Tensor, which: 'hsplit' | 'vsplit' | 'dsplit', sections: number | readonly number[]): PyTuple<Tensor> {
  const least = which === 'hsplit' ? 1 : which === 'vsplit' ? 2 : 3;
  if (self.ndim < least) {
    throw new RuntimeError(`torch.${which} requires a tensor with at least ${least} dimension, but got a tensor with ${self.ndim} dimensions!`);
  }
  const d = which === 'hsplit' ? (self.ndim === 1 ? 0 : 1) : which === 'vsplit' ? 0 : 2;
  if (typeof sections === 'number' && (sections === 0 || self._shape[d]! % sections !== 0)) {
    throw new RuntimeError(`torch.${which} attempted to split along dimension ${d}, but the size of the dimension ${self._shape[d]} is not divisible by the split_size ${sections}!`);
  }
  return PyTuple.from_(tensorSplit(self, sections, d));
}

type SplitWithSizesArgs = (number | readonly number[] | { split_sizes?: readonly number[]; dim?: number })[];

function boundSplitWithSizes(self: Tensor, args: SplitWithSizesArgs): PyTuple<Tensor> {
  const { split_sizes, dim } = bind(args, ['split_sizes', 'dim'], { split_sizes: [] as readonly number[], dim: 0 });
  return PyTuple.from_(splitWithSizes(self, split_sizes, dim));
}

type ChunkArgs = (number | { chunks?: number; dim?: number })[];

function boundChunk(self: Tensor, args: ChunkArgs, first: number): PyTuple<Tensor> {
  const { chunks, dim } = bind(args, ['chunks', 'dim'], { chunks: 1, dim: 0 }, { fn: 'chunk', ints: ['chunks', 'dim'], first });
  return PyTuple.from_(chunk(self, chunks, dim));
}

const methods = {
  /** `x.unbind(0)` or `x.unbind({ dim: 1 })`. */
  unbind(this: Tensor, ...args: (number | { dim?: number })[]): PyTuple<Tensor> {
    return PyTuple.from_(unbind(this, bind(args, ['dim'], { dim: 0 }).dim));
  },
  /** `x.split(2, 1)`, `x.split([1, 2], { dim: 1 })`. */
  split(this: Tensor, ...args: SplitArgs): PyTuple<Tensor> {
    type Bound = { split_size: number | readonly number[]; dim: number; split_size_or_sections?: number | readonly number[] };
    const bound = bind<Bound>(args, ['split_size', 'dim'], { split_size: 1, dim: 0 });
    const sizes = bound.split_size_or_sections ?? bound.split_size;
    // Tensor.split hands anything but an int to split_with_sizes, whose parser wants a list of ints.
    if (!Array.isArray(sizes) && (typeof sizes !== 'number' || !Number.isInteger(sizes))) {
      throw new TypeError(`split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not ${pythonType(sizes)}`);
    }
    const bad = Array.isArray(sizes) ? sizes.findIndex((s) => typeof s !== 'number' || !Number.isInteger(s)) : -1;
    if (bad >= 0) {
      throw new TypeError(`split_with_sizes(): argument 'split_sizes' must be tuple of ints, but found element of type ${pythonType((sizes as readonly unknown[])[bad])} at pos ${bad + 1}`);
    }
    return PyTuple.from_(split(this, sizes, bound.dim));
  },
  /** `x.split_with_sizes([1, 2], 0)`. */
  split_with_sizes(this: Tensor, ...args: SplitWithSizesArgs): PyTuple<Tensor> { return boundSplitWithSizes(this, args); },
  /** `x.chunk(2, 1)`. */
  chunk(this: Tensor, ...args: ChunkArgs): PyTuple<Tensor> { return boundChunk(this, args, 1); },
  /** `x.tensor_split(3, 1)` or `x.tensor_split([1, 4])`. */
  tensor_split(this: Tensor, ...args: SplitArgs): PyTuple<Tensor> {
    type Bound = { indices_or_sections: number | readonly number[]; dim: number; sections?: number; indices?: readonly number[] };
    const bound = bind<Bound>(args, ['indices_or_sections', 'dim'], { indices_or_sections: 1, dim: 0 });
    return PyTuple.from_(tensorSplit(this, bound.sections ?? bound.indices ?? bound.indices_or_sections, bound.dim));
  },
  /** `x.hsplit(2)` or `x.hsplit([1, 3])`: along columns (dim 1; dim 0 of a vector). */
  hsplit(this: Tensor, sections: number | readonly number[]): PyTuple<Tensor> { return numpySplit(this, 'hsplit', sections); },
  /** `x.vsplit(2)`: along rows (dim 0) of a tensor with at least 2 dims. */
  vsplit(this: Tensor, sections: number | readonly number[]): PyTuple<Tensor> { return numpySplit(this, 'vsplit', sections); },
  /** `x.dsplit(2)`: along depth (dim 2) of a tensor with at least 3 dims. */
  dsplit(this: Tensor, sections: number | readonly number[]): PyTuple<Tensor> { return numpySplit(this, 'dsplit', sections); },
};
type SplitMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends SplitMethods {} }
addMethods(methods);

export const functions = {
  unbind: (input: Tensor, ...args: (number | { dim?: number })[]) => input.unbind(...args),
  split: (input: Tensor, ...args: SplitArgs) => input.split(...args),
  split_with_sizes: (input: Tensor, ...args: SplitWithSizesArgs) => boundSplitWithSizes(input, args),
  chunk: (input: Tensor, ...args: ChunkArgs) => boundChunk(input, args, 2),
  tensor_split: (input: Tensor, ...args: SplitArgs) => input.tensor_split(...args),
  hsplit: (input: Tensor, sections: number | readonly number[]) => numpySplit(input, 'hsplit', sections),
  vsplit: (input: Tensor, sections: number | readonly number[]) => numpySplit(input, 'vsplit', sections),
  dsplit: (input: Tensor, sections: number | readonly number[]) => numpySplit(input, 'dsplit', sections),
};
