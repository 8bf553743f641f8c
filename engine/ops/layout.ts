// Where elementwise results live in memory. Note [Outputs follow their inputs' layout]: PyTorch's TensorIterator
// does not always return contiguous results; `x.t().exp()` is laid out like `x.t()` (strides (1, 3) for a 3x2
// result). Its rules, reproduced here: if every operand has the output's shape and is contiguous, the output is
// contiguous; if they are all non-overlapping and dense with equal strides, the output takes those strides;
// otherwise dimensions are ordered by the operands' strides (first operand first, broadcast dimensions ignored,
// ties broken by size) and the output is dense in that order. `.to()` and `empty_like` keep a dense tensor's
// strides (memory_format=torch.preserve_format).
import type { StridedView } from '../backend/cpu/kernels.ts';
import { checkSameDevice } from '../backend/webgpu/index.ts';
import type { DType } from '../core/dtype.ts';
import type { Device } from '../core/device.ts';
import { contiguousStrides, isContiguous, numelOf } from '../core/shape.ts';
import { Storage } from '../core/storage.ts';
import { Tensor } from '../core/tensor.ts';
import { iterationPermutation } from '../core/iteration.ts';

/** is_non_overlapping_and_dense: the elements fill a block of memory exactly, in some order of dimensions. */
export function isNonOverlappingAndDense(shape: readonly number[], strides: readonly number[]): boolean {
  // An empty tensor is contiguous, hence dense, whatever its strides (PyTorch's cached flag).
  if (shape.includes(0)) return true;
  if (shape.length === 1) return shape[0]! < 2 || strides[0] === 1;
  const order = shape.map((_, i) => i).sort((a, b) => {
    if (shape[a]! < 2) return shape[b]! < 2 ? 0 : 1;
    if (shape[b]! < 2) return -1;
    return strides[a]! - strides[b]!;
  });
  let required = 1;
  for (const d of order) {
    if (shape[d]! < 2) return true;
    if (strides[d] !== required) return false;
    required *= shape[d]!;
  }
  return true;
}

/**
 * A new tensor shaped like `t` (empty_like with preserve_format): a dense `t`'s strides exactly (even a contiguous
 * one's strides over size-1 dimensions), else dense strides in `t`'s memory order (infer_dense_strides), so a
 * sliced transposed tensor's copy stays transposed.
 */
export function emptyLike(t: Tensor, dtype: DType = t.dtype, device: Device = t.device): Tensor {
  return new Tensor(Storage.allocate(dtype, numelOf(t._shape), device), [...t._shape], preservedStrides(t), 0);
}

/** The strides of `t`'s copy with preserve_format: `t`'s own when dense, else dense in its memory order. */
export function preservedStrides(t: Tensor): number[] {
  return isNonOverlappingAndDense(t._shape, t._stride) ? [...t._stride] : inferDenseStrides(t._shape, t._stride);
}

/**
 * Where an op over `tensors` puts its result (PyTorch's common device): the GPU when any operand is there, a 0-dim
 * CPU tensor joining it as a scalar would (any other CPU tensor raises PyTorch's mixed-device error); else the first
 * operand's device.
 */
export function commonDevice(tensors: readonly Tensor[]): Device {
  const gpu = tensors.find((t) => t.device.type !== 'cpu');
  if (gpu === undefined) return tensors[0]!.device;
  checkSameDevice(tensors);
  return gpu.device;
}

/** infer_dense_strides: TensorIterator's order of `strides`, packed densely (size-0 dims counted as 1). */
function inferDenseStrides(shape: readonly number[], strides: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let next = 1;
  for (const d of iterationPermutation(shape, [strides])) {
    out[d] = next;
    if (shape[d]! > 1) next *= shape[d]!;
  }
  return out;
}

/** TensorIterator's view of an operand: broadcast dimensions (size 1 stretched, or missing) have stride 0. */
function operandStrides(t: Tensor, shape: readonly number[]): number[] {
  const lead = shape.length - t._shape.length;
  return shape.map((size, i) => (i < lead || (t._shape[i - lead] === 1 && size !== 1) ? 0 : t._stride[i - lead]!));
}

/** reorder_dimensions: the dimensions from innermost (fastest in memory) to outermost (Note [TensorIterator order]). */
function memoryOrder(shape: readonly number[], operands: readonly Tensor[]): number[] {
  return iterationPermutation(shape, operands.map((t) => operandStrides(t, shape)));
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * is_contiguous(memory_format=torch.channels_last) of a 4-d tensor: dense in the order C, W, H, N (size-1 dims
 * skipped). A transposed or sliced tensor can be this by accident, and TensorIterator then lays its output out so.
 */
function isChannelsLast(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (const d of [1, 3, 2, 0]) {
    if (shape[d] === 1) continue;
    if (strides[d] !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}

/** Dense strides with the dimensions laid out in `order`, innermost first (sizes as they are, as restride takes them). */
function stridesInOrder(shape: readonly number[], order: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let next = 1;
  for (const d of order) {
    strides[d] = next;
    next *= shape[d]!;
  }
  return strides;
}

/**
 * suggest_memory_format: the channels-last order of a 4-d (or channels-last-3d of a 5-d) tensor whose strides
 * look like it, else null (contiguous). Ambiguous cases (a trivial C dimension, N111 tensors) count as contiguous.
 */
function suggestedChannelsLast(shape: readonly number[], strides: readonly number[]): readonly number[] | null {
  const order = shape.length === 4 ? [1, 3, 2, 0] : shape.length === 5 ? [1, 4, 3, 2, 0] : null;
  if (order === null || strides[1] === 0) return null;
  let min = 0;
  for (const d of order) {
    if (shape[d] === 0 || strides[d]! < min) return null;
    if (d === 0 && min === strides[1]) return null;
    min = strides[d]! * Math.max(shape[d]!, 1);
  }
  return order;
}

/**
 * cat's output layout (cat_compute_output_memory_format): channels-last when every input's strides suggest the same
 * channels-last order (a transposed 4-d tensor may), else contiguous.
 */
export function catStrides(tensors: readonly Tensor[], shape: readonly number[]): number[] {
  const orders = tensors.map((t) => suggestedChannelsLast(t._shape, t._stride));
  return orders.every((o) => o !== null) ? stridesInOrder(shape, orders[0]!) : contiguousStrides(shape);
}

/** The output strides TensorIterator would choose for an elementwise op over `operands` broadcast to `shape`. */
export function elementwiseStrides(shape: readonly number[], operands: readonly Tensor[]): number[] {
  const sized = operands.filter((t) => t._shape.length > 0 || shape.length === 0);
  if (shape.length <= 1 || sized.length === 0) return contiguousStrides(shape);
  if (operands.every((t) => sameShape(t._shape, shape))) {
    if (operands.every((t) => isContiguous(t._shape, t._stride))) return contiguousStrides(shape);
    if (shape.length === 4 && operands.every((t) => isChannelsLast(t._shape, t._stride))) return stridesInOrder(shape, [1, 3, 2, 0]);
    const first = operands[0]!._stride;
    if (operands.every((t) => isNonOverlappingAndDense(t._shape, t._stride) && sameShape(t._stride, first))) return [...first];
  }
  const perm = memoryOrder(shape, operands);
  if (perm.every((d, i) => d === shape.length - 1 - i)) return contiguousStrides(shape);
  const strides = new Array<number>(shape.length);
  let next = 1;
  for (const d of perm) {
    strides[d] = next;
    next *= shape[d]!;
  }
  return strides;
}

/** Allocates an elementwise op's output laid out as PyTorch would, with the dimension order kernels should walk. */
export function elementwiseOutput(
  shape: readonly number[], dtype: DType, device: Device | undefined, operands: readonly Tensor[],
): { out: Tensor; order: number[] } {
  const strides = elementwiseStrides(shape, operands);
  const out = new Tensor(Storage.allocate(dtype, numelOf(shape), device), [...shape], strides, 0);
  return { out, order: walkOrder(strides) };
}

/**
 * The dimensions by decreasing stride: walking them visits a dense output's memory in order, which is what the
 * kernels' contiguous output index assumes.
 */
export function walkOrder(strides: readonly number[]): number[] {
  return strides.map((_, i) => i).sort((a, b) => strides[b]! - strides[a]! || a - b);
}

/** The same view with its dimensions listed in `order`. */
export function inOrder(view: StridedView, order: readonly number[]): StridedView {
  return { data: view.data, shape: order.map((d) => view.shape[d]!), strides: order.map((d) => view.strides[d]!), offset: view.offset };
}
