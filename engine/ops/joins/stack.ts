import { record } from '../../autograd/record.ts';
import { checkSameDevice } from '../../backend/webgpu/index.ts';
import { promoteTypes } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import { cat, joinArguments, type JoinOptions, tensorList } from './cat.ts';
import { checkInt } from '../views/params.ts';
import { copyPart, partOf, whole } from './parts.ts';

/** `torch.stack([a, b], 1)`: joins equal-shaped tensors along a new dimension; dtypes promote. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RuntimeError('stack expects a non-empty TensorList');
  const entry = tensors[0]!;
  const d = wrapDim(dim, entry.ndim + 1);
  tensors.forEach((t, i) => {
    if (t.ndim !== entry.ndim || t._shape.some((size, k) => size !== entry._shape[k])) {
      throw new RuntimeError(`stack expects each tensor to be equal size, but got [${entry._shape.join(', ')}] at entry 0 and [${t._shape.join(', ')}] at entry ${i}`);
    }
  });
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  checkSameDevice(tensors);
  const shape = [...entry._shape];
  shape.splice(d, 0, tensors.length);
  const out = emptyTensor(shape, dtype, entry.device);
  const strides = out._stride.filter((_, k) => k !== d);
  tensors.forEach((t, i) => {
    copyPart(partOf(out, t._shape, strides, i * out._stride[d]!), whole(t));
  });
  record('StackBackward0', tensors, out, {}, ([grad]) => grad!.unbind(d));
  return out;
}

/** `torch.hstack([a, b])`: joins along dim 1, or dim 0 for vectors (scalars count as vectors). */
export function hstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError('hstack expects a non-empty TensorList');
  const rows = tensors.map((t) => (t.ndim === 0 ? t.reshape([1]) : t));
  return cat(rows, rows[0]!.ndim === 1 ? 0 : 1);
}

/** `torch.vstack([a, b])`: joins along dim 0 after making every input at least 2-D. */
export function vstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError('vstack expects a non-empty TensorList');
  return cat(tensors.map((t) => (t.ndim === 0 ? t.reshape([1, 1]) : t.ndim === 1 ? t.unsqueeze(0) : t)), 0);
}

/** `torch.dstack([a, b])`: joins along dim 2 after making every input at least 3-D (atleast_3d). */
export function dstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError('dstack expects a non-empty TensorList');
  const atLeast3d = (t: Tensor) => (t.ndim === 0 ? t.reshape([1, 1, 1]) : t.ndim === 1 ? t.unsqueeze(0).unsqueeze(-1) : t.ndim === 2 ? t.unsqueeze(-1) : t);
  return cat(tensors.map(atLeast3d), 2);
}

/** `torch.column_stack([a, b])`: joins along dim 1, scalars and vectors becoming columns. */
export function column_stack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError('column_stack expects a non-empty TensorList');
  return cat(tensors.map((t) => (t.ndim <= 1 ? t.reshape([t.numel(), 1]) : t)), 1);
}

type DimArgument = number | { dim?: number };
/** stack's `dim`, an int as Python's parser demands (position 2 when given positionally). */
function dimOf(dim: DimArgument | undefined): number {
  const value = typeof dim === 'object' && dim !== null && !(dim instanceof Number) ? dim.dim : dim;
  if (value !== undefined) checkInt(value, `stack(): argument 'dim'${value === dim ? ' (position 2)' : ''}`);
  return (value as number | undefined) ?? 0;
}

/** stack's `(tensors, dim?)` with keywords allowed, the dim checked as Python's parser checks it. */
function stackFunction(tensors: readonly Tensor[] | JoinOptions, dim?: DimArgument): Tensor {
  if (isOptions(tensors)) {
    const { tensors: list, dim: keyword } = tensors as JoinOptions;
    return stack(tensorList(list, 'stack'), dimOf(keyword === undefined ? undefined : { dim: keyword }));
  }
  return stack(tensorList(tensors, 'stack'), dimOf(dim));
}

const listOf = (tensors: readonly Tensor[] | JoinOptions) => joinArguments(tensors)[0];

export const functions = {
  stack: stackFunction,
  hstack: (tensors: readonly Tensor[] | JoinOptions) => hstack(tensorList(listOf(tensors), 'hstack')),
  vstack: (tensors: readonly Tensor[] | JoinOptions) => vstack(tensorList(listOf(tensors), 'vstack')),
  dstack: (tensors: readonly Tensor[] | JoinOptions) => dstack(tensorList(listOf(tensors), 'dstack')),
  column_stack: (tensors: readonly Tensor[] | JoinOptions) => column_stack(tensorList(listOf(tensors), 'column_stack')),
};
