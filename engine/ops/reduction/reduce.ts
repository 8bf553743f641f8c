// Shared machinery for reductions: Python-style arguments, dim wrapping, the kernel call, keepdim in backward.
import { reduceLastDims, type StridedView } from '../../backend/cpu/kernels.ts';
import { type ReduceKernel, wasmExtreme, wasmReduce } from '../../backend/wasm/index.ts';
import { type DType, int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { wrapDim, wrapDims } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import { zeros } from '../creation/fill.ts';
import { viewOf } from '../dispatch.ts';
import { extremesOnDevice } from './device.ts';

export type Dim = number | readonly number[];

export interface ReduceOptions {
  dim?: Dim | null;
  keepdim?: boolean;
}

type Prefixes<P extends unknown[]> = P extends [...infer Init, unknown] ? P | Prefixes<Init> : [];
/**
 * The argument lists of a Python signature: any prefix of the positional parameters `P`, optionally followed by one
 * keyword object `O` (Note [Python arguments]).
 */
export type PyArgs<P extends unknown[], O> = Prefixes<P> extends infer Q ? (Q extends unknown[] ? Q | [...Q, O] : never) : never;

// Note [Python arguments]: a reduction accepts PyTorch's positional parameters in order, then one trailing object of
// keyword arguments: `x.std(0, true, true)` and `x.std({ dim: 0, correction: 1, keepdim: true })`. `pyArgs` turns
// both into one options object, rejecting what Python would (too many arguments, one given twice).
export function pyArgs<O extends object>(op: string, args: readonly unknown[], names: readonly (keyof O & string)[]): O {
  const last = args[args.length - 1];
  const keywords = args.length > 0 && isOptions(last) ? last : null;
  const positional = keywords ? args.slice(0, -1) : args;
  if (positional.length > names.length) {
    throw new TypeError(`${op}() takes at most ${names.length} positional arguments (${positional.length} given)`);
  }
  const out: Record<string, unknown> = { ...keywords };
  positional.forEach((value, i) => {
    const name = names[i]!;
    if (keywords && name in keywords) throw new TypeError(`${op}() got multiple values for argument '${name}'`);
    out[name] = value;
  });
  return out as O;
}

/** A None dim where PyTorch only has int and dimname overloads: Python's None reads as a (missing) dim name. */
export function noneDimError(op: string, style: 'lookup' | 'dimname' = 'lookup'): RuntimeError {
  return new RuntimeError(style === 'lookup' ? 'Please look up dimensions by name, got: name = None.'
    : `${op}: You passed a dimname (string) to this op in place of a dimension index but it does not yet support this behavior. Please pass a dimension index to work around this.`);
}

/** Checks a `dim` argument's type as PyTorch's parser does: an int, or a list/tuple of ints. */
export function checkDimType(op: string, dim: unknown, allowList = true): void {
  if (dim === undefined || dim === null || (typeof dim === 'number' && Number.isInteger(dim))) return;
  if (allowList && Array.isArray(dim)) {
    dim.forEach((d, i) => {
      if (typeof d !== 'number' || !Number.isInteger(d)) {
        throw new TypeError(`${op}(): argument 'dim' must be tuple of ints, but found element of type ${pyTypeName(d)} at pos ${i + 1}`);
      }
    });
    return;
  }
  throw new TypeError(`${op}(): argument 'dim' must be ${allowList ? 'tuple of ints' : 'int'}, not ${pyTypeName(dim)}`);
}

function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return (value as object).constructor?.name ?? typeof value;
}

/** Dims to reduce (all when `dim` is absent or an empty list, as PyTorch 1.13 does) and the output shape. */
export function reductionShape(self: Tensor, dim: Dim | null | undefined, keepdim: boolean): { dims: number[]; shape: number[] } {
  const list = dim === undefined || dim === null ? [] : typeof dim === 'number' ? [dim] : [...dim];
  const wrapped = list.length === 0 ? self._shape.map((_, i) => i) : wrapDims(list, self.ndim);
  // A 0-dim tensor accepts dim 0 and -1 but has no dimension to reduce.
  const dims = self.ndim === 0 ? [] : wrapped;
  return { dims, shape: keptShape(self, dims, keepdim) };
}

/** The shape left after reducing `dims`: removed, or kept as size 1 with `keepdim`. */
export function keptShape(self: Tensor, dims: readonly number[], keepdim: boolean): number[] {
  const shape: number[] = [];
  self._shape.forEach((d, i) => {
    if (!dims.includes(i)) shape.push(d);
    else if (keepdim) shape.push(1);
  });
  return shape;
}

/** The dims list for a single-dim reduction (`max(dim)`, `prod(dim)`...): a 0-dim tensor accepts 0 and -1 and reduces nothing. */
export function oneDim(self: Tensor, dim: number): number[] {
  const d = wrapDim(dim, self.ndim);
  return self.ndim === 0 ? [] : [d];
}

/**
 * Reductions without an identity (max, amax, argmax...) refuse empty slices with PyTorch's messages. `given` are the
 * dims as the user wrote them (amax reports those), `dims` the wrapped ones, or null for a full reduction.
 */
export function checkNonEmpty(op: string, self: Tensor, dims: readonly number[] | null, given?: readonly number[]): void {
  if (self.numel() !== 0) return;
  if (dims === null) {
    const specify = op === 'argmax' || op === 'argmin' ? '' : " Specify the reduction dim with the 'dim' argument.";
    const message = `${op}(): Expected reduction dim to be specified for input.numel() == 0.${specify}`;
    throw op === 'argmax' || op === 'argmin' ? new IndexError(message) : new RuntimeError(message);
  }
  dims.forEach((d, i) => {
    if (self.ndim > 0 && self._shape[d] === 0) {
      throw new IndexError(`${op}(): Expected reduction dim ${given ? given[i] : d} to have non-zero size.`);
    }
  });
}

/** `self` as a strided view with the reduced dims moved last, in ascending order (what the kernels take). */
function reducedLast(self: Tensor, dims: readonly number[]): StridedView {
  const kept = self._shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...[...dims].sort((a, b) => a - b)];
  const v = viewOf(self);
  return { data: v.data, shape: order.map((i) => v.shape[i]!), strides: order.map((i) => v.strides[i]!), offset: v.offset };
}

/**
 * Runs a reduction over `dims` of `self` into a new tensor of `outShape` and `dtype`. The kernel folds each reduced
 * block with `step`, in row-major order of the reduced dimensions. `fast` names a WebAssembly kernel computing the
 * same fold (float dtypes only).
 */
export function reduce<A>(
  self: Tensor, dims: readonly number[], outShape: readonly number[], dtype: DType,
  init: () => A, step: (acc: A, value: number, index: number) => A, finish: (acc: A, count: number) => number,
  fast?: ReduceKernel,
): Tensor {
  const permuted = reducedLast(self, dims);
  const out = emptyTensor(outShape, dtype, self.device);
  const name = dtype.name;
  // int64 sums run on the float64 kernel: integers held in doubles add up exactly within 2^53.
  const kernelDType = name === 'int64' && fast === 'sum' ? 'float64' : name;
  if (fast && self.dtype === dtype && (kernelDType === 'float32' || kernelDType === 'float64') && self.ndim > 0 &&
    wasmReduce(fast, kernelDType, out.storage.data, permuted, dims.length)) return out;
  const store = dtype.name === 'bool' || dtype.name === 'int64' ? (x: number) => dtype.cast(x) : null;
  reduceLastDims(out.storage.data, permuted, dims.length, init, step, store ? (acc, n) => store(finish(acc, n)) : finish);
  return out;
}

/** Gives a reduced gradient back its reduced dims as size 1, so that it broadcasts against the input. */
export function restoreDims(grad: Tensor, dims: readonly number[], keepdim: boolean, inputNdim: number): Tensor {
  if (keepdim || inputNdim === 0) return grad;
  let g = grad;
  for (const d of [...dims].sort((a, b) => a - b)) g = g.unsqueeze(d);
  return g;
}

/** Orders values for max/min-style reductions: true when `x` should replace the best so far. NaN beats everything. */
export type Better = (x: number, best: number) => boolean;
export const greater: Better = (x, best) => x > best || Number.isNaN(x);
export const less: Better = (x, best) => x < best || Number.isNaN(x);

/**
 * Values and indices of the best element of each slice over `dims` (first occurrence on ties, the first NaN once
 * one is seen, as PyTorch's CPU kernels). The index counts in row-major order over the reduced dims.
 */
export function reduceWithIndex(self: Tensor, dims: readonly number[], outShape: readonly number[], better: Better): [Tensor, Tensor] {
  const onDevice = better === greater || better === less ? extremesOnDevice(self, dims, outShape, better === less) : null;
  if (onDevice) return onDevice;
  const name = self.dtype.name;
  if ((name === 'float32' || name === 'float64') && self.ndim > 0 && (better === greater || better === less)) {
    const [values, indices] = [emptyTensor(outShape, self.dtype, self.device), emptyTensor(outShape, int64, self.device)];
    if (wasmExtreme(better === less, name, values.storage.data, indices.storage.data, reducedLast(self, dims), dims.length)) return [values, indices];
  }
  const indices: number[] = [];
  const values = reduce(self, dims, outShape, self.dtype, () => ({ value: NaN, index: -1 }), (acc, x, index) => {
    if (acc.index < 0 || (!Number.isNaN(acc.value) && better(x, acc.value))) {
      acc.value = x;
      acc.index = index;
    }
    return acc;
  }, (acc) => {
    indices.push(acc.index);
    return acc.value;
  });
  const out = emptyTensor(outShape, int64, self.device);
  out.storage.data.set(indices);
  return [values, out];
}

/** value_selecting_reduction_backward: the gradient goes to the selected index of each slice, zeros elsewhere. */
export function selectedGradient(grad: Tensor, shape: readonly number[], dims: readonly number[], indices: Tensor, keepdim: boolean): Tensor {
  if (dims.length === 0) return grad;
  const dim = dims[0]!;
  const [g, index] = keepdim ? [grad, indices] : [grad.unsqueeze(dim), indices.unsqueeze(dim)];
  return zeros([...shape], { dtype: grad.dtype, device: grad.device }).scatter(dim, index, g);
}
