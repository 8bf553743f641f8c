import { record } from '../../autograd/record.ts';
import { copyStrided } from '../../backend/cpu/kernels.ts';
import { gpuMove } from '../../backend/webgpu/index.ts';
import { int32, int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { bind } from '../views/params.ts';
import { onDevice, sliceView } from './walk.ts';

/** The CPU kernel's bound checks, whose messages differ by path (dimension 1 of a matrix has its own fast path). */
function checkIndices(self: Tensor, dim: number, indices: readonly number[]): void {
  if (self.ndim <= 1) {
    if (indices.some((i) => i < 0 || i >= self.numel())) throw new IndexError('index out of range in self');
    return;
  }
  if (indices.length === 0) return;
  const size = self._shape[dim]!;
  if (self.numel() === 0 && size === 0) throw new RuntimeError('index_select(): self indexing axis dim should be positive');
  const bad = indices.find((i) => i < 0 || i >= size);
  if (bad === undefined) return;
  if (dim === 1 || self.numel() === 0) throw new RuntimeError(`INDICES element is out of DATA bounds, id=${bad} axis_dim=${size}`);
  throw new IndexError('index out of range in self');
}

/** `x.index_select(0, torch.tensor([2, 0]))`: the slices at the given indices along `dim`, copied. */
export function indexSelect(self: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, self.ndim);
  if (index.ndim > 1) throw new IndexError('index_select(): Index is supposed to be a vector');
  if (index.dtype !== int64 && index.dtype !== int32) throw new RuntimeError('index_select(): Expected dtype int32 or int64 for index');
  const indices = index._values();
  checkIndices(self, d, indices);
  const shape = [...self._shape];
  if (self.ndim > 0) shape[d] = indices.length;
  const out = emptyTensor(shape, self.dtype, self.device);
  if (onDevice(out) && (self.ndim > 0 || indices.length > 0)) {
    const strides = self._stride.map((s, k) => (k === d ? 0 : s));
    const index1d = { tensor: index, strides: shape.map((_, k) => (k === d ? index._stride[0] ?? 0 : 0)), stride: self._stride[d] ?? 0, size: self._shape[d] ?? 1 };
    const src = { tensor: self, offset: self._offset, strides, index: self.ndim > 0 ? index1d : undefined };
    if (gpuMove('index_select', shape, { tensor: out, offset: out._offset, strides: out._stride }, src)) return recorded(self, d, index, out);
  }
  if (self.ndim === 0) {
    if (indices.length > 0) out.storage.data[0] = self.storage.values[self._offset]!;
  } else {
    indices.forEach((at, i) => copyStrided(sliceView(out, d, i), sliceView(self, d, at)));
  }
  return recorded(self, d, index, out);
}

function recorded(self: Tensor, d: number, index: Tensor, out: Tensor): Tensor {
  const inputShape = [...self._shape];
  record('IndexSelectBackward0', [self], out, {}, ([grad]) =>
    [emptyTensor(inputShape, grad!.dtype, grad!.device).index_add(d, index, grad!)]);
  return out;
}

type IndexSelectArgs = (number | Tensor | { dim?: number; index?: Tensor })[];

/** `(dim, index)` positionally or by keyword. */
function boundIndexSelect(self: Tensor, args: IndexSelectArgs): Tensor {
  const { dim, index } = bind(args, ['dim', 'index'], {} as { dim: number; index: Tensor });
  return indexSelect(self, dim, index);
}

const methods = {
  /** `x.index_select(1, idx)`. */
  index_select(this: Tensor, ...args: IndexSelectArgs): Tensor { return boundIndexSelect(this, args); },
};
type IndexSelectMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends IndexSelectMethods {} }
addMethods(methods);

export const functions = {
  index_select: (input: Tensor, ...args: IndexSelectArgs) => boundIndexSelect(input, args),
};
