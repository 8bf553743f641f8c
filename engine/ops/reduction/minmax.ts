// max and min: over everything (a value), along a dim (values and indices), or of two tensors (maximum/minimum).
import { record } from '../../autograd/record.ts';
import { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { type Better, checkDimType, checkNonEmpty, greater, keptShape, less, noneDimError, oneDim, pyArgs, reduceWithIndex, selectedGradient } from './reduce.ts';
import { valuesIndices, type ValuesIndices } from './return-types.ts';

export interface MaxOptions { dim?: number | null; keepdim?: boolean; other?: Tensor }

/** The extreme value of all elements; its gradient is shared evenly among the elements that reach it. */
function extreme(op: 'max' | 'min', self: Tensor, better: Better): Tensor {
  checkNonEmpty(op, self, null);
  const [out] = reduceWithIndex(self, self._shape.map((_, i) => i), [], better);
  record(op === 'max' ? 'MaxBackward1' : 'MinBackward1', [self], out, { self, result: out }, ([grad], s) => {
    const mask = Number.isNaN(s.result.item() as number) ? s.self.ne(s.self) : s.self.eq(s.result);
    // evenly_distribute_backward fills a new contiguous tensor, whatever the input's layout.
    return [grad!.new_zeros(s.self._shape).masked_fill_(mask, grad!.div(mask.sum()))];
  });
  return out;
}

/** The extreme along `dim`: `torch.return_types.max(values, indices)`, first index on ties. */
function extremeAlong(op: 'max' | 'min', self: Tensor, dim: number, keepdim: boolean, better: Better): ValuesIndices {
  const dims = oneDim(self, dim);
  checkNonEmpty(op, self, dims);
  const [values, indices] = reduceWithIndex(self, dims, keptShape(self, dims, keepdim), better);
  record(op === 'max' ? 'MaxBackward0' : 'MinBackward0', [self], values, { indices }, ([grad], s) => {
    return [selectedGradient(grad!, self._shape, dims, s.indices, keepdim)];
  });
  return valuesIndices(op, values, indices);
}

type MaxArgs = [] | [other: Tensor] | [dim: number, keepdim?: boolean] | [dim: number, options: MaxOptions] | [options: MaxOptions];

function dispatch(op: 'max' | 'min', self: Tensor, args: MaxArgs): Tensor | ValuesIndices {
  if (args[0] instanceof Tensor) {
    if (args.length > 1) throw new TypeError(`${op}() received an invalid combination of arguments`);
    return op === 'max' ? self.maximum(args[0]) : self.minimum(args[0]);
  }
  const o = pyArgs<MaxOptions>(op, args, ['dim', 'keepdim']);
  if (o.other !== undefined) return op === 'max' ? self.maximum(o.other) : self.minimum(o.other);
  if (o.dim === null) throw noneDimError(op);
  if (o.dim === undefined) {
    if (o.keepdim !== undefined) throw new TypeError(`${op}() received an invalid combination of arguments - got (keepdim=bool, )`);
    return extreme(op, self, op === 'max' ? greater : less);
  }
  checkDimType(op, o.dim, false);
  return extremeAlong(op, self, o.dim, o.keepdim ?? false, op === 'max' ? greater : less);
}

interface Extreme {
  /** All elements: `x.max()`. */
  (): Tensor;
  /** Elementwise with another tensor: `x.max(y)` is `torch.maximum(x, y)`. */
  (other: Tensor): Tensor;
  /** Along a dim: `const [values, indices] = x.max(1)`. */
  (dim: number, keepdim?: boolean | MaxOptions): ValuesIndices;
  (options: MaxOptions & { dim: number }): ValuesIndices;
  (dim: number, keepdim: boolean, options: MaxOptions): ValuesIndices;
}

const methods: { max: Extreme; min: Extreme } = {
  /** `x.max()`, `x.max(0)` (values, indices), `x.max(y)` (maximum). */
  max: function (this: Tensor, ...args: MaxArgs): Tensor | ValuesIndices { return dispatch('max', this, args); } as Extreme,
  /** `x.min()`, `x.min(0)` (values, indices), `x.min(y)` (minimum). */
  min: function (this: Tensor, ...args: MaxArgs): Tensor | ValuesIndices { return dispatch('min', this, args); } as Extreme,
};
type MinMaxMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends MinMaxMethods {} }
addMethods(methods);

type TorchExtreme = {
  (input: Tensor): Tensor;
  (input: Tensor, other: Tensor): Tensor;
  (input: Tensor, dim: number, keepdim?: boolean | MaxOptions): ValuesIndices;
  (input: Tensor, options: MaxOptions & { dim: number }): ValuesIndices;
};

export const functions = {
  /** `torch.max(x)`, `torch.max(x, 0)`, `torch.max(x, y)`. */
  max: ((input: Tensor, ...args: MaxArgs) => dispatch('max', input, args)) as TorchExtreme,
  /** `torch.min(x)`, `torch.min(x, 0)`, `torch.min(x, y)`. */
  min: ((input: Tensor, ...args: MaxArgs) => dispatch('min', input, args)) as TorchExtreme,
};
