import { record } from '../../autograd/record.ts';
import { checkSameDevice } from '../../backend/webgpu/index.ts';
import { promoteTypes } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { numelOf, wrapDim } from '../../core/shape.ts';
import { Storage } from '../../core/storage.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { zeros } from '../creation/fill.ts';
import { catStrides } from '../layout.ts';
import { isOptions } from '../args.ts';
import { pythonType } from './args.ts';
import { copyPart, partOf, whole } from './parts.ts';

/**
 * Note [Legacy empty tensors in cat]: 1-D tensors of size 0 were once the only empty tensors, so cat skips them
 * whatever the other shapes are (they still take part in type promotion). Other empty shapes are not skipped.
 */
const skipped = (t: Tensor) => t.ndim === 1 && t._shape[0] === 0;

/** Checks the argument is a list of tensors, as Python's argument parser does. */
export function tensorList(value: unknown, op: string): readonly Tensor[] {
  if (!Array.isArray(value)) throw new TypeError(`${op}(): argument 'tensors' (position 1) must be tuple of Tensors, not ${pythonType(value)}`);
  value.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`expected Tensor as element ${i} in argument 0, but got ${pythonType(t)}`);
  });
  return value as readonly Tensor[];
}

/** `torch.cat([a, b], 1)`: joins tensors along an existing dimension; dtypes promote. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  tensors.forEach((t, i) => {
    if (t.ndim === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const first = tensors.find((t) => !skipped(t));
  const d = first ? wrapDim(dim, first.ndim) : dim;
  if (tensors.length === 0) throw new RuntimeError('torch.cat(): expected a non-empty list of Tensors');
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  checkSameDevice(tensors);
  if (!first) return recordCat(tensors, emptyTensor([0], dtype, tensors[0]!.device), 0);

  const shape = [...first._shape];
  shape[d] = 0;
  tensors.forEach((t, i) => {
    if (skipped(t)) return;
    if (t.ndim !== first.ndim) throw new RuntimeError(`Tensors must have same number of dimensions: got ${first.ndim} and ${t.ndim}`);
    t._shape.forEach((size, k) => {
      if (k !== d && size !== first._shape[k]) {
        throw new RuntimeError(`Sizes of tensors must match except in dimension ${d}. Expected size ${first._shape[k]} but got size ${size} for tensor number ${i} in the list.`);
      }
    });
    shape[d]! += t._shape[d]!;
  });

  const out = new Tensor(Storage.allocate(dtype, numelOf(shape), first.device), shape, catStrides(tensors, shape), 0);
  let start = 0;
  for (const t of tensors) {
    if (skipped(t)) continue;
    copyPart(partOf(out, t._shape, out._stride, start * out._stride[d]!), whole(t));
    start += t._shape[d]!;
  }
  return recordCat(tensors, out, d);
}

/** CatBackward0: each input's slice of the gradient (an empty one for skipped inputs). */
function recordCat(tensors: readonly Tensor[], out: Tensor, d: number): Tensor {
  const sizes = tensors.map((t) => (skipped(t) ? null : t._shape[d]!));
  record('CatBackward0', tensors, out, {}, ([grad]) => {
    let offset = 0;
    return sizes.map((size) => {
      if (size === null) return zeros([0], { dtype: grad!.dtype, device: grad!.device });
      offset += size;
      return grad!.narrow(d, offset - size, size);
    });
  });
  return out;
}

/** `torch.cat(tensors, dim)` or `torch.cat(tensors, { dim })`. */
function catFunction(tensors: readonly Tensor[] | JoinOptions, dim?: number | { dim?: number }): Tensor {
  const [list, d] = joinArguments(tensors, dim);
  return cat(tensorList(list, 'cat'), d ?? 0);
}

export interface JoinOptions { tensors?: readonly Tensor[]; dim?: number }

/** `(tensors, dim?)`, `(tensors, { dim })` or `({ tensors, dim })`. */
export function joinArguments(tensors: readonly Tensor[] | JoinOptions, dim?: number | { dim?: number }): [unknown, number | undefined] {
  if (isOptions(tensors)) return [(tensors as JoinOptions).tensors, (tensors as JoinOptions).dim];
  return [tensors, isOptions(dim) ? (dim as { dim?: number }).dim : dim as number | undefined];
}

export const functions = { cat: catFunction, concat: catFunction, concatenate: catFunction };
