// unique and unique_consecutive: the distinct values (or, with `dim`, distinct slices along dim), with each
// element's group (`return_inverse`) and each group's size (`return_counts`).
import { record } from '../../autograd/record.ts';
import { int64 } from '../../core/dtype.ts';
import { NotImplementedError } from '../../core/errors.ts';
import { contiguousStrides, wrapDim } from '../../core/shape.ts';
import { forEachPosition } from '../../core/strided.ts';
import { Storage } from '../../core/storage.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { PyTuple } from '../../core/tuple.ts';
import { addMethods } from '../methods.ts';
import { pyArgs, type PyArgs } from '../reduction/reduce.ts';

export interface UniqueOptions { sorted?: boolean; return_inverse?: boolean; return_counts?: boolean; dim?: number | null }
type UniqueArgs = PyArgs<[sorted: boolean, return_inverse: boolean, return_counts: boolean, dim: number | null], UniqueOptions>;
type ConsecutiveArgs = PyArgs<[return_inverse: boolean, return_counts: boolean, dim: number | null], UniqueOptions>;

/**
 * `self`'s slices along `dim` (each element one slice when dim is null). PyTorch compares slices of
 * `self.transpose(dim, 0)`, so a slice's elements come in that transposed row-major order.
 */
function slicesOf(self: Tensor, dim: number | null): { slices: number[][]; rest: number[] } {
  const values = self._values();
  if (dim === null) return { slices: values.map((v) => [v]), rest: [] };
  const order = swapFirst(self._shape.map((_, i) => i), dim);
  const shape = order.map((i) => self._shape[i]!);
  const flat: number[] = [];
  const data = self.storage.values;
  forEachPosition(shape, order.map((i) => self._stride[i]!), self._offset, (p) => { flat.push(data[p]!); });
  const rest = shape.slice(1);
  const length = rest.reduce((a, b) => a * b, 1);
  return { slices: Array.from({ length: shape[0]! }, (_, j) => flat.slice(j * length, (j + 1) * length)), rest };
}

function swapFirst<T>(xs: readonly T[], dim: number): T[] {
  const out = [...xs];
  [out[0], out[dim]] = [xs[dim]!, xs[0]!];
  return out;
}

// Slices compare elementwise with C++'s < and == (so NaN equals nothing, and each NaN stays its own group).
const equal = (a: readonly number[], b: readonly number[]) => a.every((x, i) => x === b[i]);
function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (b[i]! < a[i]!) return 1;
  }
  return 0;
}

/** Runs of equal slices in `order`: each run's first slice, its size, and every slice's run. */
function groupsOf(slices: readonly number[][], order: readonly number[]): { groups: number[]; counts: number[]; inverse: number[] } {
  const groups: number[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(slices.length);
  order.forEach((i, k) => {
    if (k === 0 || !equal(slices[order[k - 1]!]!, slices[i]!)) { groups.push(i); counts.push(0); }
    counts[counts.length - 1]!++;
    inverse[i] = groups.length - 1;
  });
  return { groups, counts, inverse };
}

function uniqueOf(op: 'unique' | 'unique_consecutive', self: Tensor, options: UniqueOptions): Tensor | PyTuple<Tensor> {
  const dim = options.dim === undefined || options.dim === null ? null : wrapDim(options.dim, self.ndim);
  const { slices, rest } = slicesOf(self, dim);
  const order = slices.map((_, i) => i);
  // NaN compares unordered with everything; single NaN values go last, each its own value.
  const nanRank = (i: number) => (dim === null && Number.isNaN(slices[i]![0]!) ? 1 : 0);
  if (op === 'unique') order.sort((i, j) => nanRank(i) - nanRank(j) || lexicographic(slices[i]!, slices[j]!));
  const { groups, counts, inverse } = groupsOf(slices, order);
  const shape = [groups.length, ...rest];
  const strides = contiguousStrides(shape);
  const length = rest.reduce((a, b) => a * b, 1);
  const output = new Tensor(Storage.allocate(self.dtype, groups.length * length, self.device), swapFirst(shape, dim ?? 0), swapFirst(strides, dim ?? 0), 0);
  const target = output.storage.data;
  groups.forEach((g, k) => slices[g]!.forEach((v, i) => { target[k * length + i] = v; }));
  const inverseTensor = emptyTensor(dim === null ? self._shape : [slices.length], int64, self.device);
  inverseTensor.storage.data.set(inverse);
  const countsTensor = emptyTensor([counts.length], int64, self.device);
  countsTensor.storage.data.set(counts);
  const name = op === 'unique_consecutive' ? 'unique_consecutive' : dim === null ? '_unique2' : 'unique_dim';
  const node = op === 'unique_consecutive' ? 'UniqueConsecutiveBackward0' : dim === null ? 'Unique2Backward0' : 'UniqueDimBackward0';
  record(node, [self], output, {}, () => { throw new NotImplementedError(`the derivative for '${name}' is not implemented.`); });
  if (!options.return_inverse && !options.return_counts) return output;
  return PyTuple.from_([output, ...(options.return_inverse ? [inverseTensor] : []), ...(options.return_counts ? [countsTensor] : [])]);
}

type Flags = { return_inverse?: false; return_counts?: false };
/** Without `return_inverse` or `return_counts` the result is one tensor, else a tuple starting with it. */
interface Unique {
  (sorted?: boolean, return_inverse?: false, return_counts?: false, dim?: number | null): Tensor;
  (options: UniqueOptions & Flags): Tensor;
  (...args: UniqueArgs): PyTuple<Tensor>;
}
interface UniqueConsecutive {
  (return_inverse?: false, return_counts?: false, dim?: number | null): Tensor;
  (options: UniqueOptions & Flags): Tensor;
  (...args: ConsecutiveArgs): PyTuple<Tensor>;
}
type TorchUnique<F> = F extends { (...a: infer A1): Tensor; (o: infer O): Tensor; (...a: infer A3): PyTuple<Tensor> }
  ? { (input: Tensor, ...a: A1): Tensor; (input: Tensor, o: O): Tensor; (input: Tensor, ...a: A3): PyTuple<Tensor> } : never;

const uniqueNames = ['sorted', 'return_inverse', 'return_counts', 'dim'] as const;
const consecutiveNames = ['return_inverse', 'return_counts', 'dim'] as const;

const methods = {
  /** `x.unique()` (sorted distinct values) or `const [values, inverse, counts] = x.unique({ return_inverse: true, return_counts: true })`. */
  unique: function (this: Tensor, ...args: UniqueArgs) { return uniqueOf('unique', this, pyArgs<UniqueOptions>('unique', args, uniqueNames)); } as Unique,
  /** `x.unique_consecutive()`: collapses runs of equal values. */
  unique_consecutive: function (this: Tensor, ...args: ConsecutiveArgs) {
    return uniqueOf('unique_consecutive', this, pyArgs<UniqueOptions>('unique_consecutive', args, consecutiveNames));
  } as UniqueConsecutive,
};
type UniqueMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends UniqueMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.unique(x, { return_counts: true })`. */
  unique: ((input: Tensor, ...args: UniqueArgs) => uniqueOf('unique', input, pyArgs<UniqueOptions>('unique', args, uniqueNames))) as TorchUnique<Unique>,
  /** `torch.unique_consecutive(x, true)`. */
  unique_consecutive: ((input: Tensor, ...args: ConsecutiveArgs) =>
    uniqueOf('unique_consecutive', input, pyArgs<UniqueOptions>('unique_consecutive', args, consecutiveNames))) as TorchUnique<UniqueConsecutive>,
};
