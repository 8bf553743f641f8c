// all, any and count_nonzero: truth tests over dims. NaN counts as nonzero; outputs are bool (int64 for counts).
import { bool, int64 } from '../../core/dtype.ts';
import type { Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import { addMethods } from '../methods.ts';
import { checkDimType, type Dim, noneDimError, oneDim, pyArgs, type PyArgs, keptShape, reduce, reductionShape } from './reduce.ts';

export interface AllOptions { dim?: number | null; keepdim?: boolean }
export type AllArgs = PyArgs<[dim: number | null, keepdim: boolean], AllOptions>;

/** PyTorch 1.13's all/any take a single int dim; its parser's message for anything else. */
function rejectDimList(op: string, args: readonly unknown[]): void {
  const keywords = isOptions(args[args.length - 1]) ? args[args.length - 1] as AllOptions : {};
  const list = (v: unknown) => (Array.isArray(v) ? 'list' : null);
  const positional = list(args[0]);
  if (positional) {
    throw new TypeError(`${op}() received an invalid combination of arguments - got (${positional}), but expected one of:\n * ()\n` +
      `      didn't match because some of the arguments have invalid types: (!${positional}!)\n * (int dim, bool keepdim)\n * (name dim, bool keepdim)\n`);
  }
  const keyword = list(keywords.dim) ?? (keywords.dim === undefined && keywords.keepdim !== undefined && args.length === 1 ? 'bool' : null);
  if (keyword) {
    const name = keyword === 'bool' ? 'keepdim' : 'dim';
    throw new TypeError(`${op}() received an invalid combination of arguments - got (${name}=${keyword}, ), but expected one of:\n * ()\n` +
      `      didn't match because some of the keywords were incorrect: ${name}\n * (int dim, bool keepdim)\n * (name dim, bool keepdim)\n`);
  }
}

function truthOver(op: 'all' | 'any', self: Tensor, args: AllArgs): Tensor {
  rejectDimList(op, args);
  const options = pyArgs<AllOptions>(op, args, ['dim', 'keepdim']);
  if (options.dim === null) throw noneDimError(op, 'dimname');
  checkDimType(op, options.dim, false);
  const hasDim = options.dim !== undefined && options.dim !== null;
  const keepdim = hasDim && (options.keepdim ?? false);
  const dims = hasDim ? oneDim(self, options.dim!) : self._shape.map((_, i) => i);
  const isAll = op === 'all';
  return reduce(self, dims, keptShape(self, dims, keepdim), bool, () => isAll,
    (acc, x) => (isAll ? acc && x !== 0 : acc || x !== 0), (acc) => (acc ? 1 : 0));
}

export interface CountNonzeroOptions { dim?: Dim | null }

/** `x.count_nonzero()`, `x.count_nonzero([0, 1])`: how many elements are not zero, as int64. */
export function count_nonzero(self: Tensor, options: CountNonzeroOptions = {}): Tensor {
  checkDimType('count_nonzero', options.dim);
  const { dims, shape } = reductionShape(self, options.dim, false);
  return reduce(self, dims, shape, int64, () => 0, (acc, x) => acc + (x !== 0 ? 1 : 0), (acc) => acc);
}

const methods = {
  /** `x.all()`, `x.all(dim, keepdim?)`: whether every element is nonzero. */
  all(this: Tensor, ...args: AllArgs): Tensor { return truthOver('all', this, args); },
  /** `x.any()`, `x.any(dim, keepdim?)`: whether some element is nonzero. */
  any(this: Tensor, ...args: AllArgs): Tensor { return truthOver('any', this, args); },
  /** `x.count_nonzero(dim?)`. */
  count_nonzero(this: Tensor, ...args: PyArgs<[dim: Dim | null], CountNonzeroOptions>): Tensor {
    return count_nonzero(this, pyArgs<CountNonzeroOptions>('count_nonzero', args, ['dim']));
  },
};
type LogicalMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends LogicalMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.all(x)` or `torch.all(x, 1)`. */
  all: (input: Tensor, ...args: AllArgs) => truthOver('all', input, args),
  /** `torch.any(x, 0, true)`. */
  any: (input: Tensor, ...args: AllArgs) => truthOver('any', input, args),
  /** `torch.count_nonzero(x, [0, 1])`. */
  count_nonzero: (input: Tensor, ...args: PyArgs<[dim: Dim | null], CountNonzeroOptions>) =>
    count_nonzero(input, pyArgs<CountNonzeroOptions>('count_nonzero', args, ['dim'])),
};
